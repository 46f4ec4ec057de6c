package dev.mainstay.ratelimit.jdbc;

import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.SqlBackend;
import org.junit.jupiter.api.BeforeEach;

class JdbcRateLimiterPostgresIT extends JdbcRateLimiterServerContract {

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
}
