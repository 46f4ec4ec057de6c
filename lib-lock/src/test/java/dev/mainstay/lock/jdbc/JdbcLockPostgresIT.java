package dev.mainstay.lock.jdbc;

import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.SqlBackend;

/** The JDBC contract on PostgreSQL, and what only PostgreSQL shows. */
class JdbcLockPostgresIT extends JdbcLockServerContract {

    @Override
    SqlBackend server() {
        return RealBackends.postgres();
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.POSTGRESQL;
    }
}
