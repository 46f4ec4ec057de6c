package dev.mainstay.lock.jdbc;

import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.SqlBackend;

/** The JDBC contract on MariaDB, and what only MariaDB shows. */
class JdbcLockMariaDbIT extends JdbcLockServerContract {

    @Override
    SqlBackend server() {
        return RealBackends.mariadb();
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.MARIADB;
    }
}
