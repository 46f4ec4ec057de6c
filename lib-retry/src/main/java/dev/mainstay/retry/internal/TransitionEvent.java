package dev.mainstay.retry.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code dev.mainstay.retry.CircuitBreakerTransition}: a circuit breaker changed state. Package-private:
 * users see it in a recording by its name, never as a type.
 */
@Name("dev.mainstay.retry.CircuitBreakerTransition")
@Label("Circuit Breaker Transition")
@Description("A Mainstay circuit breaker changed state")
@Category({"Mainstay", "Retry"})
@StackTrace(false)
final class TransitionEvent extends Event {

    @Label("Breaker")
    String breaker;

    @Label("From")
    String from;

    @Label("To")
    String to;

    /** Commits one event if the event is enabled; costs one check otherwise. */
    static void emit(String breaker, String from, String to) {
        TransitionEvent event = new TransitionEvent();
        if (event.isEnabled()) {
            event.breaker = breaker;
            event.from = from;
            event.to = to;
            event.commit();
        }
    }
}
