package dev.mainstay.docs.metrics;

// pool binder
import dev.mainstay.pool.Pool;
import dev.mainstay.pool.PoolListener;
import dev.mainstay.pool.PoolMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/** Micrometer meters of one pool: its listener (waits, leaks) and its {@code metrics()} (sizes, counters). */
public final class PoolMeters implements PoolListener, MeterBinder {

    private final LongAdder leaks = new LongAdder();
    private volatile Pool<?> pool;
    private volatile Timer borrowWait;

    /** The pool whose {@code metrics()} the gauges read; call it once the pool is built. */
    public PoolMeters watch(Pool<?> pool) {
        this.pool = pool;
        return this;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Pool<?> pool = this.pool;
        if (pool == null) {
            throw new IllegalStateException("PoolMeters: call watch(pool) before bindTo(registry)");
        }
        String name = pool.metrics().name();
        gauge(registry, "mainstay.pool.active", "objects lent out", name, PoolMetrics::inUse);
        gauge(registry, "mainstay.pool.idle", "objects ready to lend", name, PoolMetrics::idle);
        gauge(registry, "mainstay.pool.pending", "borrowers waiting for an object", name, PoolMetrics::waiting);
        gauge(registry, "mainstay.pool.max", "the most objects the pool may hold", name, PoolMetrics::maxSize);
        FunctionCounter.builder("mainstay.pool.timeouts", pool, p -> p.metrics().timeouts())
                .description("borrows that gave up").tag("pool", name).register(registry);
        FunctionCounter.builder("mainstay.pool.create.failures", pool, p -> p.metrics().createFailures())
                .description("failed creations").tag("pool", name).register(registry);
        FunctionCounter.builder("mainstay.pool.leaks", leaks, LongAdder::sum)
                .description("leases held past the leak threshold").tag("pool", name).register(registry);
        borrowWait = Timer.builder("mainstay.pool.borrow.wait")
                .description("how long borrows waited (a borrow that finds an idle object does not wait)")
                .tag("pool", name).register(registry);
    }

    private void gauge(MeterRegistry registry, String meter, String description, String name,
            ToDoubleFunction<PoolMetrics> value) {
        Gauge.builder(meter, pool, p -> value.applyAsDouble(p.metrics()))
                .description(description).tag("pool", name).register(registry);
    }

    @Override
    public void onBorrowWaited(String pool, Duration waited) {
        Timer timer = borrowWait;
        if (timer != null) {
            timer.record(waited);
        }
    }

    @Override
    public void onLeakSuspected(String pool, Duration heldFor, Throwable borrowedAt) {
        leaks.increment();
    }
}
// end
