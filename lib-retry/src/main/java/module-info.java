/**
 * Retry policies and circuit breakers for calls to flaky dependencies, synchronous and asynchronous.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.retry {
    requires jdk.jfr;

    exports dev.mainstay.retry;
}
