/**
 * Idempotency keys: run a request once per key and replay its stored response to every retry, in-memory and on
 * Redis or JDBC, with an HTTP filter that follows the IETF {@code Idempotency-Key} draft.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.idempotency {
    requires transitive java.sql;
    requires transitive jdk.httpserver;
    requires transitive java.net.http;

    exports dev.mainstay.idempotency;
    exports dev.mainstay.idempotency.jdbc;
    exports dev.mainstay.idempotency.redis;
    exports dev.mainstay.idempotency.http;
}
