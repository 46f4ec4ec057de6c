package dev.mainstay.docs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyKeyReuseException;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.lock.LockTimeoutException;
import dev.mainstay.pool.Lease;
import dev.mainstay.pool.Pool;
import dev.mainstay.pool.PoolTimeoutException;
import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.Permit;
import dev.mainstay.ratelimit.RateLimiter;
import dev.mainstay.retry.CallNotPermittedException;
import dev.mainstay.retry.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each binder of the metrics guide, after real events on a {@link SimpleMeterRegistry}. */
class MetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    @Test
    void pool() throws Exception {
        Pool<StringBuilder> pool = MetricsSnippets.pool(registry);
        try {
            Lease<StringBuilder> first = pool.borrow();
            Lease<StringBuilder> second = pool.borrow();
            assertEquals(2, gauge("mainstay.pool.active", "pool", "buffers"));
            assertEquals(0, gauge("mainstay.pool.idle", "pool", "buffers"));
            assertEquals(2, gauge("mainstay.pool.max", "pool", "buffers"));
            long waitsBefore = registry.get("mainstay.pool.borrow.wait").timer().count();

            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try (Lease<StringBuilder> third = pool.borrow(Duration.ofSeconds(10))) {
                    return third.get() != null;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gauge("mainstay.pool.pending", "pool", "buffers") < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, gauge("mainstay.pool.pending", "pool", "buffers"));
            first.close();
            assertTrue(waiter.get(10, TimeUnit.SECONDS));
            assertEquals(waitsBefore + 1, registry.get("mainstay.pool.borrow.wait").timer().count());
            assertEquals(0, gauge("mainstay.pool.pending", "pool", "buffers"));

            Lease<StringBuilder> again = pool.borrow();
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ofMillis(20)));
            assertEquals(1, counter("mainstay.pool.timeouts", "pool", "buffers"));
            again.close();
            second.close();
            assertEquals(0, gauge("mainstay.pool.active", "pool", "buffers"));
            assertEquals(2, gauge("mainstay.pool.idle", "pool", "buffers"));
        } finally {
            pool.close();
        }
    }

    @Test
    void breaker() {
        CircuitBreaker breaker = MetricsSnippets.breaker(registry);
        assertEquals(1, gauge("mainstay.breaker.state", "name", "inventory", "state", "closed"));
        breaker.get(() -> "in stock");
        assertThrows(IllegalStateException.class, () -> breaker.get(() -> {
            throw new IllegalStateException("inventory down");
        }));
        assertEquals(1, gauge("mainstay.breaker.window.calls", "name", "inventory", "outcome", "success"));
        assertEquals(1, gauge("mainstay.breaker.window.calls", "name", "inventory", "outcome", "failure"));

        breaker.transitionToOpen();
        assertThrows(CallNotPermittedException.class, () -> breaker.get(() -> "in stock"));
        assertEquals(1, gauge("mainstay.breaker.state", "name", "inventory", "state", "open"));
        assertEquals(0, gauge("mainstay.breaker.state", "name", "inventory", "state", "closed"));
        assertEquals(1, counter("mainstay.breaker.not.permitted", "name", "inventory"));
        assertEquals(1, registry.get("mainstay.breaker.transitions")
                .tags("name", "inventory", "from", "closed", "to", "open").counter().count());
    }

    @Test
    void rateLimiter() {
        RateLimiter limiter = MetricsSnippets.rateLimiter(registry);
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
        assertEquals(2, counter("mainstay.ratelimit.permitted", "limiter", "search"));
        assertEquals(1, counter("mainstay.ratelimit.rejected", "limiter", "search"));
    }

    @Test
    void concurrencyLimiter() {
        ConcurrencyLimiter limiter = MetricsSnippets.concurrencyLimiter(registry);
        try (Permit first = limiter.tryAcquire(); Permit second = limiter.tryAcquire()) {
            assertTrue(first.isGranted());
            assertFalse(second.isGranted());
            assertEquals(1, gauge("mainstay.concurrency.limit", "limiter", "orders-db"));
            assertEquals(1, gauge("mainstay.concurrency.in.flight", "limiter", "orders-db"));
            assertEquals(1, counter("mainstay.concurrency.rejected", "limiter", "orders-db"));
        }
        assertEquals(0, gauge("mainstay.concurrency.in.flight", "limiter", "orders-db"));
        assertEquals(1, registry.get("mainstay.concurrency.calls")
                .tags("limiter", "orders-db", "outcome", "success").timer().count());
    }

    @Test
    void lock() throws Exception {
        try (DistributedLock locks = MetricsSnippets.locks(registry)) {
            try (LockHandle lock = locks.acquire("reindex", Duration.ofSeconds(30), Duration.ofSeconds(1))) {
                assertTrue(lock.isHeld());
                assertEquals(1, counter("mainstay.lock.acquired", "lock", "jobs"));
                assertEquals(1, gauge("mainstay.lock.held", "lock", "jobs"));
            }
            assertEquals(1, counter("mainstay.lock.released", "lock", "jobs"));
            assertEquals(0, gauge("mainstay.lock.held", "lock", "jobs"));
            assertEquals(1, registry.get("mainstay.lock.acquire.wait").tags("lock", "jobs").timer().count());
            try (LockHandle held = locks.acquire("reindex", Duration.ofSeconds(30), Duration.ofSeconds(1))) {
                assertThrows(LockTimeoutException.class,
                        () -> locks.acquire("reindex", Duration.ofSeconds(30), Duration.ofMillis(20)));
                assertTrue(held.isHeld());
            }
            assertEquals(1, counter("mainstay.lock.acquire.timeouts", "lock", "jobs"));
        }
    }

    @Test
    void idempotency() throws Exception {
        Idempotency idempotency = MetricsSnippets.idempotency(registry);
        Fingerprint order = Fingerprint.sha256("amount=10");
        Idempotency.Action charge = claim -> StoredResponse.ofText("charged");
        assertFalse(idempotency.execute("user:42", "k1", order, charge).replayed());
        assertTrue(idempotency.execute("user:42", "k1", order, charge).replayed());
        assertThrows(IdempotencyKeyReuseException.class,
                () -> idempotency.execute("user:42", "k1", Fingerprint.sha256("amount=99"), charge));
        assertEquals(1, counter("mainstay.idempotency.requests", "name", "payments", "outcome", "executed"));
        assertEquals(1, counter("mainstay.idempotency.requests", "name", "payments", "outcome", "replayed"));
        assertEquals(1, counter("mainstay.idempotency.requests", "name", "payments", "outcome", "key_reuse"));
        assertEquals(0, counter("mainstay.idempotency.requests", "name", "payments", "outcome", "in_progress"));
    }

    @Test
    void aBinderOfNothingSaysWhatToCallFirst() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new PoolMeters().bindTo(registry));
        assertEquals("PoolMeters: call watch(pool) before bindTo(registry)", e.getMessage());
    }
}
