package dev.mainstay.idempotency.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.SqlBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcIdempotencyStorePostgresIT extends JdbcIdempotencyStoreServerContract {

    private PostgresBackend server;

    @BeforeEach
    void server(PostgresBackend server) {
        this.server = server;
    }

    @Override
    SqlBackend server() {
        return server;
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.POSTGRESQL;
    }

    @Test
    void terminatedBackendsGiveBackendExceptionsAndTheRunRecovers() throws Exception {
        survives("idem_pgkill", () -> assertTrue(server.killConnections() >= 1));
    }
}
