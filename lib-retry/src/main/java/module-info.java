/**
 * Retry policies and circuit breakers for calls to flaky dependencies, synchronous and asynchronous.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.retry {
    // exports dev.mainstay.retry; arrives with the module's API (see its issue)
}
