package dev.mainstay.idempotency.jdbc;

import java.util.Locale;

/**
 * The SQL a {@link JdbcIdempotencyStore} speaks. Picked from {@code DatabaseMetaData.getDatabaseProductName()}
 * unless named on the builder.
 *
 * <pre>{@code
 * JdbcIdempotencyStore.builder(dataSource).dialect(JdbcDialect.POSTGRESQL).build();
 * }</pre>
 */
public enum JdbcDialect {
    /** PostgreSQL: time from {@code clock_timestamp()}; a claim is one {@code INSERT ... ON CONFLICT}. */
    POSTGRESQL("postgresql", "PostgreSQL", "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)"),
    /**
     * MariaDB and MySQL (InnoDB): time from {@code NOW(6)} in UTC; a claim is one
     * {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING} on MariaDB 10.5+, a locking transaction on MySQL.
     */
    MARIADB("mariadb", "MariaDB", "CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED)"),
    /** H2: time from {@code CURRENT_TIMESTAMP(6)}; a claim is a locking transaction. */
    H2("h2", "H2", "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(6)) * 1000000 AS BIGINT)");

    final String resource;
    final String displayName;
    final String nowMicros;

    JdbcDialect(String resource, String displayName, String nowMicros) {
        this.resource = resource;
        this.displayName = displayName;
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
     * @return e.g. {@code /dev/mainstay/idempotency/jdbc/postgresql.sql}
     */
    public String ddlResource() {
        return "/dev/mainstay/idempotency/jdbc/" + resource + ".sql";
    }
}
