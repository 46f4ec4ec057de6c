package dev.mainstay.ratelimit;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The settings of a limiter, as its builder collected them. Immutable.
 *
 * <pre>{@code
 * RateLimiterConfig config = RateLimiter.builder(RateLimit.tokenBucket(10, 10, Duration.ofSeconds(1)))
 *         .name("uploads")
 *         .build()
 *         .config();
 * }</pre>
 *
 * @param name     the limiter's name, used in listener calls, JFR events and messages
 * @param limit    the limit it starts with
 * @param ticker   monotonic nanoseconds ({@code System::nanoTime} by default)
 * @param listener the listener, or {@link #NO_LISTENER}
 * @param maxKeys  the most keys a keyed limiter tracks at once ({@code Integer.MAX_VALUE} for one without keys)
 */
public record RateLimiterConfig(
        String name, RateLimit limit, LongSupplier ticker, RateLimiterListener listener, int maxKeys) {

    /** The listener of a limiter built without one: never called. */
    public static final RateLimiterListener NO_LISTENER = new RateLimiterListener() {};

    /** The default ticker: {@code System.nanoTime()}. */
    public static final LongSupplier SYSTEM_TICKER = System::nanoTime;

    /**
     * Checks every component.
     *
     * @throws NullPointerException     naming a null component
     * @throws IllegalArgumentException if {@code name} is blank or {@code maxKeys < 1}
     */
    public RateLimiterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(listener, "listener");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be >= 1 but was " + maxKeys);
        }
    }
}
