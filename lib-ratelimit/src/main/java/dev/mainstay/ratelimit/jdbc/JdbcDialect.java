package dev.mainstay.ratelimit.jdbc;

/**
 * The SQL a {@link JdbcRateLimiter} speaks. Picked from {@code DatabaseMetaData.getDatabaseProductName()} unless
 * named on the builder.
 *
 * <pre>{@code
 * JdbcRateLimiter.builder(dataSource, limit).dialect(JdbcDialect.POSTGRESQL).build();
 * }</pre>
 */
public enum JdbcDialect {
    /** PostgreSQL: time from {@code clock_timestamp()}. */
    POSTGRESQL("postgresql", "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)",
            "INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (limit_key) DO NOTHING"),
    /** MariaDB and MySQL (InnoDB): time from {@code NOW(6)}. */
    MARIADB("mariadb", "CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED)",
            "INSERT IGNORE INTO %s (%s) VALUES (%s)"),
    /** H2: time from {@code CURRENT_TIMESTAMP(6)}. */
    H2("h2", "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(6)) * 1000000 AS BIGINT)",
            "INSERT INTO %s (%s) VALUES (%s)");

    final String resource;
    final String nowMicros;
    final String insertIfAbsent;

    JdbcDialect(String resource, String nowMicros, String insertIfAbsent) {
        this.resource = resource;
        this.nowMicros = nowMicros;
        this.insertIfAbsent = insertIfAbsent;
    }

    /**
     * The dialect of a database product name.
     *
     * @param productName as {@code DatabaseMetaData.getDatabaseProductName()} tells it
     * @return the dialect
     * @throws IllegalArgumentException for a database this module does not support
     */
    public static JdbcDialect of(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(java.util.Locale.ROOT);
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
     * @return e.g. {@code /dev/mainstay/ratelimit/jdbc/postgresql.sql}
     */
    public String ddlResource() {
        return "/dev/mainstay/ratelimit/jdbc/" + resource + ".sql";
    }
}
