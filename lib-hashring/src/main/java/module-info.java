/**
 * A consistent-hash ring with virtual nodes, ketama-compatible, with bounded loads.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.hashring {
    exports dev.mainstay.hashring;
}
