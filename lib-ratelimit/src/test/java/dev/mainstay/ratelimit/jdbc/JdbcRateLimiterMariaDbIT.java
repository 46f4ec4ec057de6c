package dev.mainstay.ratelimit.jdbc;

import dev.mainstay.testkit.MariaDbBackend;
import dev.mainstay.testkit.SqlBackend;
import org.junit.jupiter.api.BeforeEach;

class JdbcRateLimiterMariaDbIT extends JdbcRateLimiterServerContract {

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
}
