/**
 * A generic object pool and a pooling JDBC {@code DataSource}.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.pool {
    // exports dev.mainstay.pool; arrives with the module's API (see its issue)
}
