/**
 * A distributed lock with leases and fencing tokens, in-process and on Redis or JDBC.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.lock {
    requires jdk.jfr;
    requires transitive java.sql;

    exports dev.mainstay.lock;
    exports dev.mainstay.lock.jdbc;
    exports dev.mainstay.lock.redis;
}
