package dev.mainstay.docs.lock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LockSceneTest {

    @Test
    void theLateWriteIsRefusedAndTheReleaseSaysTheLockWasLost() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new LockScene().play(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("worker-2 tries too: refused, the lease is held."), out);
        assertTrue(out.contains("isHeld(), now says false"), out);
        assertTrue(out.contains("refused, the ledger has seen token 2. Balance: 150."), out);
        assertTrue(out.contains("worker-1's release says so too: release: lock 'ledger' (token 1) is no longer held"), out);
    }
}
