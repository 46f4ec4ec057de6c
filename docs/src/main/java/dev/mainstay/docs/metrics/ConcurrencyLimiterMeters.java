package dev.mainstay.docs.metrics;

// concurrency limiter binder
import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.ConcurrencyLimiterListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** Micrometer meters of one concurrency limiter: the limit it learned, in flight, rejections, round trips. */
public final class ConcurrencyLimiterMeters implements ConcurrencyLimiterListener, MeterBinder {

    private final LongAdder rejected = new LongAdder();
    private volatile ConcurrencyLimiter limiter;
    private volatile MeterRegistry registry;

    /** The limiter whose limit and in-flight count the gauges read; call it once the limiter is built. */
    public ConcurrencyLimiterMeters watch(ConcurrencyLimiter limiter) {
        this.limiter = limiter;
        return this;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ConcurrencyLimiter limiter = this.limiter;
        if (limiter == null) {
            throw new IllegalStateException("ConcurrencyLimiterMeters: call watch(limiter) before bindTo(registry)");
        }
        String name = limiter.name();
        Gauge.builder("mainstay.concurrency.limit", limiter, ConcurrencyLimiter::limit)
                .description("calls allowed in flight now").tag("limiter", name).register(registry);
        Gauge.builder("mainstay.concurrency.in.flight", limiter, ConcurrencyLimiter::inFlight)
                .description("calls in flight").tag("limiter", name).register(registry);
        Gauge.builder("mainstay.concurrency.waiting", limiter, ConcurrencyLimiter::waiting)
                .description("callers waiting for a permit").tag("limiter", name).register(registry);
        FunctionCounter.builder("mainstay.concurrency.rejected", rejected, LongAdder::sum)
                .description("calls refused").tag("limiter", name).register(registry);
        this.registry = registry;
    }

    @Override
    public void onRejected(String limiter, String partition, int inFlight, int limit) {
        rejected.increment();
    }

    @Override
    public void onReleased(String limiter, String partition, Outcome outcome, long rttNanos) {
        MeterRegistry registry = this.registry;
        if (registry != null) {
            Timer.builder("mainstay.concurrency.calls").description("calls by outcome, with their round trip")
                    .tag("limiter", limiter).tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry).record(Duration.ofNanos(rttNanos));
        }
    }
}
// end
