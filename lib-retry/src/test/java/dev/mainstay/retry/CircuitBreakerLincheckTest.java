package dev.mainstay.retry;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the half-open probe permits against a sequential model: a half-open breaker with
 * {@link #PROBES} probes grants a permit while fewer than that are in flight or finished, a release gives one back,
 * a success finishes one, and when all of them have succeeded the breaker closes (then every call is permitted, and
 * settling a probe of the ended half-open period changes nothing).
 *
 * <p>A settlement takes effect when the permit's method does: a permit leaves {@link #held} only after it is
 * settled, and a settlement answers "nothing held" only when {@link #held} is empty and no {@link #tryProbe} is
 * under way (a permit is granted before it enters {@link #held}), so no operation can see a permit that is neither in
 * flight nor given back.
 */
public class CircuitBreakerLincheckTest {

    static final int PROBES = 2;

    private final CircuitBreaker breaker;
    private final ConcurrentLinkedDeque<Held> held = new ConcurrentLinkedDeque<>();
    /** {@link #tryProbe} calls under way: a permit they were granted may not be in {@link #held} yet. */
    private final AtomicInteger probing = new AtomicInteger();

    public CircuitBreakerLincheckTest() {
        FakeTime time = new FakeTime(0);
        breaker = CircuitBreaker.builder().name("lincheck").ticker(time).countBasedWindow(10).minimumCalls(1)
                .waitInOpen(Duration.ofSeconds(1)).permittedCallsInHalfOpen(PROBES)
                .maxWaitInHalfOpen(Duration.ofDays(1)).build();
        breaker.transitionToOpen();
        time.advance(Duration.ofSeconds(2).toNanos()); // the first permission request moves it to half-open
    }

    @Operation
    public boolean tryProbe() {
        probing.incrementAndGet();
        try {
            CircuitBreaker.Permit permit = breaker.tryAcquirePermission();
            if (permit.isGranted()) {
                held.push(new Held(permit));
            }
            return permit.isGranted();
        } finally {
            probing.decrementAndGet();
        }
    }

    @Operation
    public boolean releaseOne() {
        return settleOne(false);
    }

    @Operation
    public boolean succeedOne() {
        return settleOne(true);
    }

    @Operation
    public boolean closed() {
        return breaker.state() == CircuitBreaker.State.CLOSED;
    }

    private boolean settleOne(boolean success) {
        for (;;) {
            for (Held one : held) {
                if (one.settling.compareAndSet(false, true)) {
                    boolean first = success ? one.permit.onSuccess(0) : one.permit.release();
                    boolean second = one.permit.release();
                    held.remove(one);
                    if (!first || second) {
                        throw new AssertionError("a permit settled " + (first ? "twice" : "never"));
                    }
                    return true;
                }
            }
            if (held.isEmpty() && probing.get() == 0) {
                return false;
            }
            // another settlement is finishing the last permit, or a granted permit is on its way into held: wait
            LockSupport.parkNanos(1_000);
        }
    }

    /**
     * Stress strategy only. Lincheck 2.39's model checker cannot run this model: it reads every static field of the
     * classes it instruments through {@code Unsafe.staticFieldBase}, which the JDK refuses for record classes, and
     * the config records hold the module's {@code NO_LISTENER} and {@code SYSTEM_TICKER} constants (where lib-lock
     * and lib-ratelimit keep theirs). The exact-count stress tests in {@link CircuitBreakerStressTest} cover the
     * same permits with stragglers in the mix.
     */
    @Test
    void linearizableAgainstTheSequentialModel() {
        LinChecker.check(CircuitBreakerLincheckTest.class, new StressOptions()
                .iterations(20)
                .invocationsPerIteration(100)
                .threads(3)
                .actorsPerThread(3)
                .sequentialSpecification(HalfOpen.class));
    }

    /** A permit in {@link #held}, and whether a settlement has taken it. */
    private record Held(CircuitBreaker.Permit permit, AtomicBoolean settling) {
        Held(CircuitBreaker.Permit permit) {
            this(permit, new AtomicBoolean());
        }
    }

    /** The sequential specification. */
    public static final class HalfOpen {
        private boolean closed;
        private int inFlight;
        private int finished;
        private int held;

        public boolean tryProbe() {
            if (!closed && inFlight + finished >= PROBES) {
                return false;
            }
            if (!closed) {
                inFlight++;
            }
            held++;
            return true;
        }

        public boolean releaseOne() {
            if (held == 0) {
                return false;
            }
            held--;
            if (!closed) {
                inFlight--;
            }
            return true;
        }

        public boolean succeedOne() {
            if (held == 0) {
                return false;
            }
            held--;
            if (!closed) {
                inFlight--;
                finished++;
                closed = finished == PROBES;
            }
            return true;
        }

        public boolean closed() {
            return closed;
        }
    }
}
