/**
 * A generic object pool and a pooling JDBC {@code DataSource}.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.pool {
    requires transitive java.sql;
    requires jdk.jfr;

    exports dev.mainstay.pool;
    exports dev.mainstay.pool.jdbc;
}
