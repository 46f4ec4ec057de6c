/**
 * An idempotency-key store, in-memory and on Redis or JDBC.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.idempotency {
    // exports dev.mainstay.idempotency; arrives with the module's API (see its issue)
}
