package dev.mainstay.lock;

import dev.mainstay.testkit.FreshJvm;
import org.junit.jupiter.api.Test;

/**
 * A JVM's first JFR event class costs 200–300 ms of JFR set-up, recording or not. A lock wait that runs out must not
 * pay it when no recording runs, so a fresh JVM that does it must load no JFR event class at all.
 */
class FirstEventTest {

    /** Run in a fresh JVM by the test: a lock wait that runs out, with no recording. */
    public static void main(String[] args) throws Exception {
        DistributedLock locks = DistributedLock.builder().build();
        try (LockHandle held = locks.acquire("first", java.time.Duration.ofMinutes(1), java.time.Duration.ZERO)) {
            locks.acquire("first", java.time.Duration.ofMinutes(1), java.time.Duration.ofMillis(5));
            throw new AssertionError("expected a timeout");
        } catch (LockTimeoutException expected) {
            // the event's path
        }
        System.out.println("done");
    }

    @Test
    void noJfrEventClassIsLoadedWithoutARecording() throws Exception {
        FreshJvm.assertNoJfrEventClassLoaded(FirstEventTest.class, DistributedLock.class);
    }
}
