package dev.mainstay.lock.jdbc;

import java.util.Locale;

/**
 * The SQL a {@link JdbcLock} speaks. Picked from {@code DatabaseMetaData.getDatabaseProductName()} unless named on
 * the builder.
 *
 * <pre>{@code
 * JdbcLock locks = JdbcLock.builder(dataSource).dialect(JdbcDialect.POSTGRESQL).build();
 * }</pre>
 */
public enum JdbcDialect {
    /** PostgreSQL 9.5+: time from {@code clock_timestamp()}, the clock at the moment it is read. */
    POSTGRESQL("postgresql", "PostgreSQL", "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)"),
    /**
     * MariaDB 10.5+ and MySQL (InnoDB): time from {@code UTC_TIMESTAMP(6)}, the start of the statement, in UTC
     * whatever the session's time zone.
     */
    MARIADB("mariadb", "MariaDB", "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))"),
    /** H2 2.x: time from {@code CURRENT_TIMESTAMP(6)}, which H2 fixes for a whole transaction. */
    H2("h2", "H2", "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(6)) * 1000000 AS BIGINT)");

    private final String resource;
    final String product;
    /** SQL of the database's time in microseconds since the Unix epoch. */
    final String nowMicros;

    JdbcDialect(String resource, String product, String nowMicros) {
        this.resource = resource;
        this.product = product;
        this.nowMicros = nowMicros;
    }

    /**
     * The dialect of a database product name.
     *
     * @param productName as {@code DatabaseMetaData.getDatabaseProductName()} tells it
     * @return the dialect
     * @throws IllegalArgumentException for a database this module does not support
     */
    public static JdbcDialect of(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return MARIADB;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("database '" + productName
                + "' is not supported: use PostgreSQL, MariaDB/MySQL or H2, or name a dialect");
    }

    /**
     * The classpath resource holding this dialect's DDL.
     *
     * @return e.g. {@code /dev/mainstay/lock/jdbc/postgresql.sql}
     */
    public String ddlResource() {
        return "/dev/mainstay/lock/jdbc/" + resource + ".sql";
    }
}
