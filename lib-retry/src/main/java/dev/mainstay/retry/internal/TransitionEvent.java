package dev.mainstay.retry.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR event {@code dev.mainstay.retry.CircuitBreakerTransition}: a circuit breaker changed state. */
@Name("dev.mainstay.retry.CircuitBreakerTransition")
@Label("Circuit Breaker Transition")
@Description("A Mainstay circuit breaker changed state")
@Category({"Mainstay", "Retry"})
@StackTrace(false)
public final class TransitionEvent extends Event {

    @Label("Breaker")
    String breaker;

    @Label("From")
    String from;

    @Label("To")
    String to;
}
