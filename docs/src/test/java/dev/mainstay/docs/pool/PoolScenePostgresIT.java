package dev.mainstay.docs.pool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.RealBackends;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pool scene of the tour on a real PostgreSQL, as when {@code MAINSTAY_POSTGRES_URL} is set. */
@ExtendWith(RealBackends.class)
class PoolScenePostgresIT {

    @Test
    void theForgottenTransactionIsRolledBackOnPostgres(PostgresBackend pg) throws Exception {
        for (int run = 1; run <= 2; run++) { // twice: the scene leaves nothing behind in a database that persists
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new PoolScene(pg.jdbcUrl(), pg.user(), pg.password())
                    .play(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("On PostgreSQL: a borrower inserted an order"), out);
            assertTrue(out.contains("The next borrower sees 0 orders and auto-commit back on: true."), out);
            assertTrue(out.contains("One physical connection served it all: 1 opened, 1 idle."), out);
        }
    }
}
