package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimiterConfig;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-process keyed limiter: a {@link Meter} per key in a {@link ConcurrentHashMap}.
 *
 * <p>Bounded memory: a sweep drops the meters that are at full capacity (freezing each one first, so no
 * concurrent decision on it is lost). Sweeps run when the number of keys doubles since the last sweep, and when
 * the hard cap {@code maxKeys} is reached; at the cap, a new key is refused until a sweep frees room (a sweep
 * that frees nothing is not repeated before one permit's refill time has passed). A meter is
 * replaced by its successor lazily when the limit changes. Sweeps and replacements hold one lock; a decision that
 * meets a frozen meter waits for that lock, then looks the key up again.
 *
 * @param <K> the key type
 */
public final class LocalKeyedRateLimiter<K> extends KeyedLimiterBase<K> {

    private static final int MIN_SWEEP_AT = 1024;

    private final int maxKeys;
    private final ConcurrentHashMap<K, Meter> meters = new ConcurrentHashMap<>();
    private final AtomicInteger keys = new AtomicInteger();
    private final ReentrantLock maintenance = new ReentrantLock();
    private volatile RateLimit limit;
    private volatile int sweepAt;
    private volatile long quietUntil;

    /**
     * A keyed limiter with these settings.
     *
     * @param config the settings
     */
    public LocalKeyedRateLimiter(RateLimiterConfig config) {
        super(config);
        this.limit = config.limit();
        this.maxKeys = config.maxKeys();
        this.sweepAt = Math.min(MIN_SWEEP_AT, maxKeys);
        this.quietUntil = ticker.getAsLong();
    }

    @Override
    protected long attempt(K key, long permits, boolean wantRemaining) {
        for (;;) {
            Meter meter = meters.get(key);
            if (meter == null) {
                meter = insert(key);
                if (meter == null) {
                    return -limit.periodNanos(); // at the cap, nothing to drop: refuse
                }
            }
            if (!meter.madeFor(limit)) {
                upgrade(key, meter);
                continue;
            }
            long result = meter.attempt(permits, wantRemaining);
            if (result != Meter.RETIRED) {
                return result;
            }
            Waiting.untilUnlocked(maintenance); // whoever froze it holds the lock until the map no longer holds it
        }
    }

    @Override
    protected Decision decide(K key, long permits) {
        long result = attempt(key, permits, true);
        Meter meter = meters.get(key);
        long toFull = meter == null ? 0 : meter.nanosToFull();
        if (result >= 0) {
            return new Decision(true, permits, result, 0, toFull);
        }
        return new Decision(false, permits, Math.max(0, availablePermits(key)), -result, toFull);
    }

    private @Nullable Meter insert(K key) {
        if (keys.get() >= sweepAt) {
            sweep();
        }
        if (keys.incrementAndGet() > maxKeys) {
            keys.decrementAndGet();
            return null;
        }
        Meter fresh = Meter.create(limit, ticker);
        Meter prior = meters.putIfAbsent(key, fresh);
        if (prior != null) {
            keys.decrementAndGet();
            return prior;
        }
        return fresh;
    }

    private void upgrade(K key, Meter meter) {
        maintenance.lock();
        try {
            if (meters.get(key) == meter) {
                Meter next = meter.retireInto(limit);
                if (next != null) {
                    meters.replace(key, meter, next);
                }
            }
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Drops every key whose limit is back to full capacity.
     *
     * @return the number of keys dropped
     */
    public int evictFull() {
        maintenance.lock();
        try {
            int dropped = 0;
            RateLimit current = limit;
            for (Map.Entry<K, Meter> entry : meters.entrySet()) {
                Meter meter = entry.getValue();
                if (meter.madeFor(current) && meter.retireIfFull() && meters.remove(entry.getKey(), meter)) {
                    keys.decrementAndGet();
                    dropped++;
                }
            }
            sweepAt = (int) Math.min(maxKeys, Math.max(MIN_SWEEP_AT, 2L * keys.get()));
            return dropped;
        } finally {
            maintenance.unlock();
        }
    }

    private void sweep() {
        long now = ticker.getAsLong();
        if (keys.get() >= maxKeys && now - quietUntil < 0) {
            return; // at the cap, and the last sweep found every key busy: give permits time to come back
        }
        if (maintenance.tryLock()) { // a sweep already running will do
            try {
                evictFull();
                if (keys.get() >= maxKeys) {
                    RateLimit current = limit;
                    quietUntil = now + Math.max(1, current.periodNanos() / current.refillPermits());
                }
            } finally {
                maintenance.unlock();
            }
        }
    }

    /**
     * The number of keys tracked now.
     *
     * @return the keys
     */
    public int trackedKeys() {
        return keys.get();
    }

    @Override
    public long availablePermits(K key) {
        Objects.requireNonNull(key, "key");
        for (;;) {
            Meter meter = meters.get(key);
            if (meter == null) {
                return limit.initialPermits();
            }
            if (!meter.madeFor(limit)) {
                upgrade(key, meter);
                continue;
            }
            long available = meter.available();
            if (available >= 0) {
                return available;
            }
            Waiting.untilUnlocked(maintenance);
        }
    }

    @Override
    public void reconfigure(RateLimit limit) {
        Objects.requireNonNull(limit, "limit");
        maintenance.lock();
        try {
            this.limit = limit; // each key moves over on its next use
        } finally {
            maintenance.unlock();
        }
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "KeyedRateLimiter[" + name + ", " + limit + ", " + keys.get() + " keys]";
    }
}
