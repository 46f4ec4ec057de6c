package dev.mainstay.docs.metrics;

// lock binder
import dev.mainstay.lock.LockBackendException;
import dev.mainstay.lock.LockListener;
import dev.mainstay.lock.LockLostException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** Micrometer meters of one lock service (in memory, JDBC or Redis): acquisitions, waits, timeouts, held, lost. */
public final class LockMeters implements LockListener, MeterBinder {

    private final String name;
    private final LongAdder acquired = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder backendFailures = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private volatile Timer acquireWait;

    /** Meters tagged {@code lock=name}; give the lock service the same name. */
    public LockMeters(String name) {
        this.name = name;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "mainstay.lock.acquired", "locks acquired", acquired);
        counter(registry, "mainstay.lock.released", "locks released", released);
        counter(registry, "mainstay.lock.lost", "leases that ended while held", lost);
        counter(registry, "mainstay.lock.backend.failures", "lock operations the backend failed", backendFailures);
        counter(registry, "mainstay.lock.acquire.timeouts", "acquisitions that gave up waiting", timeouts);
        Gauge.builder("mainstay.lock.held", this, m -> m.acquired.sum() - m.released.sum() - m.lost.sum())
                .description("locks held now by this process").tag("lock", name).register(registry);
        acquireWait = Timer.builder("mainstay.lock.acquire.wait").description("how long acquisitions waited")
                .tag("lock", name).register(registry);
    }

    private void counter(MeterRegistry registry, String meter, String description, LongAdder count) {
        FunctionCounter.builder(meter, count, LongAdder::sum).description(description).tag("lock", name)
                .register(registry);
    }

    @Override
    public void onAcquired(String lock, String name, long token, long waitedNanos) {
        acquired.increment();
        Timer timer = acquireWait;
        if (timer != null) {
            timer.record(Duration.ofNanos(waitedNanos));
        }
    }

    @Override
    public void onAcquireTimedOut(String lock, String name, long waitedNanos) {
        timeouts.increment();
    }

    @Override
    public void onReleased(String lock, String name, long token) {
        released.increment();
    }

    @Override
    public void onLost(String lock, String name, long token, LockLostException cause) {
        lost.increment();
    }

    @Override
    public void onBackendFailure(String lock, String name, LockBackendException failure) {
        backendFailures.increment();
    }
}
// end
