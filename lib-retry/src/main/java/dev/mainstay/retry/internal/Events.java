package dev.mainstay.retry.internal;

import dev.mainstay.retry.CircuitBreaker;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The module's JFR events, and the only place that creates them.
 *
 * <p>The first JFR event class a JVM loads costs 200–300 ms of JFR set-up, with or without a recording, and it
 * would be paid by the call that trips a breaker. So the events live in nested classes that nothing loads until
 * {@link FlightRecorder#isInitialized()} says JFR is running: with no recording there is nothing to record, and each
 * emit costs one static read. With a recording, each event costs one disabled check unless the recording asks for it.
 */
final class Events {

    private Events() {}

    @Name("dev.mainstay.retry.CircuitBreakerTransition")
    @Label("Circuit Breaker Transition")
    @Description("A Mainstay circuit breaker changed state")
    @Category({"Mainstay", "Retry"})
    @StackTrace(false)
    static final class Transition extends Event {
        @Label("Breaker")
        String breaker;

        @Label("From")
        String from;

        @Label("To")
        String to;
    }

    static void transition(String breaker, CircuitBreaker.State from, CircuitBreaker.State to) {
        if (FlightRecorder.isInitialized()) {
            Transition event = new Transition();
            if (event.isEnabled()) {
                event.breaker = breaker;
                event.from = from.name();
                event.to = to.name();
                event.commit();
            }
        }
    }
}
