package dev.mainstay.idempotency.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyResult;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.testkit.MariaDbBackend;
import dev.mainstay.testkit.SqlBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcIdempotencyStoreMariaDbIT extends JdbcIdempotencyStoreServerContract {

    private MariaDbBackend server;

    @BeforeEach
    void server(MariaDbBackend server) {
        this.server = server;
    }

    @Override
    SqlBackend server() {
        return server;
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.MARIADB;
    }

    @Test
    void aRestartGivesBackendExceptionsAndTheRunRecovers() throws Exception {
        survives("idem_mdbrestart", () -> {
            server.stop();
            Thread starter = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                server.start();
            });
            starter.start();
        });
    }

    @Test
    void mariaDbClaimsInOneStatementWithReturning() {
        SqlStore store = (SqlStore) store();
        store.claim("s" + System.nanoTime(), "k", Fingerprint.sha256("x"), Duration.ofSeconds(1), Duration.ofHours(1));
        org.junit.jupiter.api.Assertions.assertNotNull(store.sql.claim, "the server took INSERT ... RETURNING");
    }

    /** MySQL has no INSERT ... RETURNING: its locking transaction, run on MariaDB, is as exact. */
    @Test
    void withoutReturningAsOnMySqlFiftyDuplicatesStillExecuteOnce() throws Exception {
        dropTable("idem_mysql");
        SqlStore store = (SqlStore) table("idem_mysql");
        store.sql = new SqlText(JdbcDialect.MARIADB, "idem_mysql", false);
        Idempotency idempotency = Idempotency.builder(store).waitFor(Duration.ofSeconds(20)).build();
        AtomicInteger executions = new AtomicInteger();
        List<IdempotencyResult> results = duplicates(50, () -> idempotency.execute("s", "hot",
                Fingerprint.sha256("x"), claim -> {
                    executions.incrementAndGet();
                    return StoredResponse.ofText("once");
                }));
        assertEquals(1, executions.get());
        assertEquals(50, results.stream().filter(r -> r.response().bodyText().equals("once")).count());
    }
}
