package dev.mainstay.idempotency.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyBackendException;
import dev.mainstay.idempotency.IdempotencyException;
import dev.mainstay.idempotency.IdempotencyResult;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.SqlBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JDBC contract on a real database server, plus its faults. */
@ExtendWith(RealBackends.class)
abstract class JdbcIdempotencyStoreServerContract extends JdbcIdempotencyStoreContract {

    abstract SqlBackend server();

    @Override
    DataSource dataSource() {
        return server().dataSource();
    }

    /**
     * Runs requests of distinct keys, each retried until answered, while {@code fault} strikes the server after the
     * first few: every failure is an {@link IdempotencyBackendException} with the driver's exception as cause, no
     * key executes twice, and every key is answered once the server is back.
     */
    void survives(String name, Runnable fault) throws Exception {
        dropTable(name);
        table(name);
        JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(new OneConnection(dataSource())).tableName(name)
                .build();
        Idempotency idempotency = Idempotency.builder(store).build();
        ConcurrentHashMap<String, AtomicInteger> executions = new ConcurrentHashMap<>();
        List<IdempotencyException> failures = new ArrayList<>();
        int keys = 30;
        for (int i = 0; i < keys; i++) {
            if (i == 10) {
                fault.run();
            }
            String key = "k" + i;
            for (int attempt = 0; ; attempt++) {
                try {
                    IdempotencyResult result = idempotency.execute("s", key, Fingerprint.sha256(key), claim -> {
                        executions.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        return StoredResponse.ofText(key);
                    });
                    assertEquals(key, result.response().bodyText());
                    break;
                } catch (IdempotencyBackendException e) {
                    failures.add(e);
                    assertNotNull(e.getCause(), "the driver's exception is the cause");
                    assertTrue(e.getCause() instanceof java.sql.SQLException, e.getCause().toString());
                    assertTrue(attempt < 400, "the store recovers");
                    Thread.sleep(50);
                }
            }
        }
        for (int i = 0; i < keys; i++) {
            assertEquals(1, executions.get("k" + i).get(), "k" + i + " executed once");
            assertTrue(idempotency.execute("s", "k" + i, Fingerprint.sha256("k" + i),
                    claim -> StoredResponse.ofText("twice")).replayed());
        }
        assertTrue(failures.size() >= 1, "the fault struck a connection in use");
        System.out.println(getClass().getSimpleName() + " " + name + ": " + failures.size()
                + " backend failure(s) during the fault, e.g. " + failures.get(0));
    }
}
