package dev.mainstay.docs.metrics;

import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.InMemoryIdempotencyStore;
import dev.mainstay.lock.DistributedLock;
import dev.mainstay.pool.Lifecycle;
import dev.mainstay.pool.Pool;
import dev.mainstay.ratelimit.ConcurrencyLimit;
import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimiter;
import dev.mainstay.retry.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import jdk.jfr.consumer.RecordingStream;

/**
 * The wiring of the metrics guide ({@code docs/metrics.md}): each binder set as its module's listener and bound to a
 * registry, and the live JFR stream. {@code MetricsTest} and {@code JfrTest} run them; every block of the guide is
 * a region {@code // name} ... {@code // end} of this file or of a binder.
 */
public final class MetricsSnippets {

    private MetricsSnippets() {}

    /** A pool of two buffers, metered. */
    public static Pool<StringBuilder> pool(MeterRegistry registry) {
        // pool wiring
        PoolMeters meters = new PoolMeters();
        Pool<StringBuilder> pool = Pool.builder((Lifecycle<StringBuilder>) StringBuilder::new)
                .name("buffers")
                .maxSize(2)
                .listener(meters)
                .build();
        meters.watch(pool).bindTo(registry);
        // end
        return pool;
    }

    /** A circuit breaker, metered. */
    public static CircuitBreaker breaker(MeterRegistry registry) {
        // breaker wiring
        CircuitBreakerMeters meters = new CircuitBreakerMeters();
        CircuitBreaker breaker = CircuitBreaker.builder().name("inventory").listener(meters).build();
        meters.watch(breaker).bindTo(registry);
        // end
        return breaker;
    }

    /** A rate limiter of two calls an hour, metered. */
    public static RateLimiter rateLimiter(MeterRegistry registry) {
        // rate limiter wiring
        RateLimiterMeters meters = new RateLimiterMeters("search");
        RateLimiter limiter = RateLimiter.builder(RateLimit.fixedWindow(2, Duration.ofHours(1)))
                .name("search")
                .listener(meters)
                .build();
        meters.bindTo(registry);
        // end
        return limiter;
    }

    /** A concurrency limiter of one call at a time, metered. */
    public static ConcurrencyLimiter concurrencyLimiter(MeterRegistry registry) {
        // concurrency limiter wiring
        ConcurrencyLimiterMeters meters = new ConcurrencyLimiterMeters();
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(1))
                .name("orders-db")
                .listener(meters)
                .build();
        meters.watch(limiter).bindTo(registry);
        // end
        return limiter;
    }

    /** An in-memory lock service, metered. */
    public static DistributedLock locks(MeterRegistry registry) {
        // lock wiring
        LockMeters meters = new LockMeters("jobs");
        DistributedLock locks = DistributedLock.builder().name("jobs").listener(meters).build();
        meters.bindTo(registry);
        // end
        return locks;
    }

    /** An in-memory idempotency executor, metered. */
    public static Idempotency idempotency(MeterRegistry registry) {
        // idempotency wiring
        IdempotencyMeters meters = new IdempotencyMeters("payments");
        Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults())
                .listener(meters)
                .build();
        meters.bindTo(registry);
        // end
        return idempotency;
    }

    /** Prints pool waits and breaker transitions as they happen; close the stream to stop. */
    public static RecordingStream printLive(PrintStream out) {
        // jfr live
        RecordingStream stream = new RecordingStream();
        stream.enable("dev.mainstay.pool.BorrowWait");
        stream.enable("dev.mainstay.retry.CircuitBreakerTransition");
        stream.setMaxAge(Duration.ofSeconds(10));
        stream.onEvent("dev.mainstay.pool.BorrowWait", event -> out.printf("pool %s: a borrower waited %d ms%n",
                event.getString("pool"), event.getDuration().toMillis()));
        stream.onEvent("dev.mainstay.retry.CircuitBreakerTransition", event -> out.printf("breaker %s: %s -> %s%n",
                event.getString("breaker"), event.getString("from"), event.getString("to")));
        stream.startAsync();
        // end
        return stream;
    }
}
