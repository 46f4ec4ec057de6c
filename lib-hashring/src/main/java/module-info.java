/**
 * A consistent-hash ring with virtual nodes.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.hashring {
    // exports dev.mainstay.hashring; arrives with the module's API (see its issue)
}
