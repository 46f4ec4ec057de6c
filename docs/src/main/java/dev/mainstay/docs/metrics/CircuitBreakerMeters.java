package dev.mainstay.docs.metrics;

// breaker binder
import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.CircuitBreakerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/** Micrometer meters of one circuit breaker: state, the window's calls by outcome, refusals, transitions. */
public final class CircuitBreakerMeters implements CircuitBreakerListener, MeterBinder {

    private volatile CircuitBreaker breaker;
    private volatile MeterRegistry registry;

    /** The breaker whose {@code metrics()} the gauges read; call it once the breaker is built. */
    public CircuitBreakerMeters watch(CircuitBreaker breaker) {
        this.breaker = breaker;
        return this;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CircuitBreaker breaker = this.breaker;
        if (breaker == null) {
            throw new IllegalStateException("CircuitBreakerMeters: call watch(breaker) before bindTo(registry)");
        }
        String name = breaker.name();
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {      // 1 for the current state, else 0
            Gauge.builder("mainstay.breaker.state", breaker, b -> b.state() == state ? 1 : 0)
                    .tag("name", name).tag("state", tag(state)).register(registry);
        }
        Gauge.builder("mainstay.breaker.window.calls", breaker,
                        b -> b.metrics().calls() - b.metrics().failedCalls())
                .description("calls in the window").tag("name", name).tag("outcome", "success").register(registry);
        Gauge.builder("mainstay.breaker.window.calls", breaker, b -> b.metrics().failedCalls())
                .description("calls in the window").tag("name", name).tag("outcome", "failure").register(registry);
        Gauge.builder("mainstay.breaker.window.slow.calls", breaker, b -> b.metrics().slowCalls())
                .description("slow calls in the window").tag("name", name).register(registry);
        Gauge.builder("mainstay.breaker.failure.rate", breaker, b -> b.metrics().failureRate())
                .description("percent of failed calls in the window; -1 until the minimum calls")
                .tag("name", name).register(registry);
        FunctionCounter.builder("mainstay.breaker.not.permitted", breaker, b -> b.metrics().notPermittedCalls())
                .description("calls refused").tag("name", name).register(registry);
        this.registry = registry;
    }

    @Override
    public void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to) {
        MeterRegistry registry = this.registry;
        if (registry != null) {
            Counter.builder("mainstay.breaker.transitions").tag("name", name)
                    .tag("from", tag(from)).tag("to", tag(to)).register(registry).increment();
        }
    }

    private static String tag(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
// end
