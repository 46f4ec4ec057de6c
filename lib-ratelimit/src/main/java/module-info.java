/**
 * Rate limiters (token bucket, fixed window, sliding-window counter, GCRA), in-process and on Redis or JDBC, and
 * concurrency limiters (a bulkhead, and limits learned with AIMD, Vegas or Gradient).
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.ratelimit {
    requires jdk.jfr;
    requires transitive java.sql;

    exports dev.mainstay.ratelimit;
    exports dev.mainstay.ratelimit.redis;
    exports dev.mainstay.ratelimit.jdbc;
}
