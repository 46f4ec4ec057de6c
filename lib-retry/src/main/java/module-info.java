/**
 * Retry policies, circuit breakers, timeouts, hedged calls and fallbacks for calls to flaky dependencies.
 *
 * <p>Depends on nothing but the JDK.
 */
module dev.mainstay.retry {
    requires jdk.jfr;

    exports dev.mainstay.retry;
}
