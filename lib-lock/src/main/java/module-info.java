/**
 * A distributed lock with leases and fencing tokens, in-process and on Redis or JDBC.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.lock {
    // exports dev.mainstay.lock; arrives with the module's API (see its issue)
}
