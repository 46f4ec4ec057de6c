package dev.mainstay.docs.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class PoolSnippetsTest {

    @Test
    void genericPoolDeflates() throws Exception {
        byte[] input = "pool pool pool pool pool pool pool pool".getBytes(StandardCharsets.UTF_8);
        byte[] deflated = PoolSnippets.deflaters(input);
        Inflater inflater = new Inflater();
        inflater.setInput(deflated);
        byte[] back = new byte[input.length];
        assertEquals(input.length, inflater.inflate(back));
        inflater.end();
        assertArrayEquals(input, back);
    }

    @Test
    void timeoutNamesTheCreationFailure() {
        String diagnosis = PoolSnippets.diagnosis();
        assertTrue(diagnosis.startsWith("pool 'orders-db' timed out after "), diagnosis);
        assertTrue(diagnosis.contains("0 in use, 0 idle, max 10, 1 waiting"), diagnosis);
        assertTrue(diagnosis.contains("Connection refused: db.internal:5432"), diagnosis);
        assertTrue(diagnosis.contains("cause: java.sql.SQLException: Connection refused"), diagnosis);
    }

    @Test
    void jdbcRollsBackTheForgottenTransaction() throws Exception {
        assertEquals(0 * 1000 + 1 * 10 + 1, PoolSnippets.jdbc());
    }

    @Test
    void sceneTellsWhatHappened() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new PoolScene().play(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Borrowed session-1 (the pool opened it in the background)."), out);
        assertTrue(out.contains("2 opened for 3 borrows."), out);
        assertTrue(out.contains("A third borrower waited 100 ms and was told: pool 'sessions' timed out"), out);
        assertTrue(out.contains("Closed the pool: 2 sessions destroyed."), out);
        assertTrue(out.contains("The next borrower sees 0 orders and auto-commit back on: true."), out);
        assertTrue(out.contains("One physical connection served it all: 1 opened, 1 idle."), out);
    }
}
