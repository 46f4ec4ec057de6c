package dev.mainstay.docs.metrics;

// rate limiter binder
import dev.mainstay.ratelimit.RateLimitBackendException;
import dev.mainstay.ratelimit.RateLimiterListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.LongAdder;

/** Micrometer meters of one rate limiter (in memory, keyed, Redis or JDBC): permitted and rejected decisions. */
public final class RateLimiterMeters implements RateLimiterListener, MeterBinder {

    private final String name;
    private final LongAdder permitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder backendFailures = new LongAdder();

    /** Meters tagged {@code limiter=name}; give the limiter the same name. */
    public RateLimiterMeters(String name) {
        this.name = name;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "mainstay.ratelimit.permitted", "acquisitions permitted", permitted);
        counter(registry, "mainstay.ratelimit.rejected", "acquisitions rejected", rejected);
        counter(registry, "mainstay.ratelimit.backend.failures", "decisions the backend failed to make",
                backendFailures);
    }

    private void counter(MeterRegistry registry, String meter, String description, LongAdder count) {
        FunctionCounter.builder(meter, count, LongAdder::sum).description(description).tag("limiter", name)
                .register(registry);
    }

    @Override
    public void onPermitted(String limiter, Object key, long permits) {
        permitted.increment();
    }

    @Override
    public void onRejected(String limiter, Object key, long permits, long nanosToWait) {
        rejected.increment();
    }

    @Override
    public void onBackendFailure(String limiter, Object key, RateLimitBackendException failure, boolean permitted) {
        backendFailures.increment();
    }
}
// end
