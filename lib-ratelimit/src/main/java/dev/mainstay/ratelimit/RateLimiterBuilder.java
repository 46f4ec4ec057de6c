package dev.mainstay.ratelimit;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The settings every rate limiter builder shares (in process, with keys, on Redis, on JDBC). Each is checked when
 * set.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.builder(RateLimit.fixedWindow(5, Duration.ofMinutes(1)))
 *         .name("login")
 *         .ticker(System::nanoTime)
 *         .build();
 * }</pre>
 *
 * @param <B> the concrete builder
 */
public abstract class RateLimiterBuilder<B extends RateLimiterBuilder<B>> {

    private final RateLimit limit;
    private String name = "rate-limiter";
    private LongSupplier ticker = RateLimiterConfig.SYSTEM_TICKER;
    private RateLimiterListener listener = RateLimiterConfig.NO_LISTENER;

    /**
     * A builder for a limiter enforcing {@code limit}.
     *
     * @param limit the limit (of each key, for a limiter with keys)
     * @throws NullPointerException if {@code limit} is null
     */
    protected RateLimiterBuilder(RateLimit limit) {
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    /**
     * This builder, typed.
     *
     * @return this
     */
    protected abstract B self();

    /**
     * The name used in listener calls, JFR events and messages. Default {@code "rate-limiter"}.
     *
     * @param name a non-blank name
     * @return this builder
     */
    public B name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
        }
        this.name = name;
        return self();
    }

    /**
     * The local monotonic clock, in nanoseconds. Default {@code System::nanoTime}. In process it is the limit's
     * time; on Redis and JDBC the limit runs on the server's clock, and this one only bounds blocking and
     * asynchronous waits.
     *
     * @param ticker the ticker
     * @return this builder
     */
    public B ticker(LongSupplier ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return self();
    }

    /**
     * The listener told of every decision (and, on Redis and JDBC, of every backend failure). Default: none, and
     * no cost.
     *
     * @param listener the listener
     * @return this builder
     */
    public B listener(RateLimiterListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /**
     * The settings collected so far, for a limiter without a key cap.
     *
     * @return the settings
     */
    protected RateLimiterConfig config() {
        return config(Integer.MAX_VALUE);
    }

    /** The settings collected so far, with a key cap. */
    final RateLimiterConfig config(int maxKeys) {
        return new RateLimiterConfig(name, limit, ticker, listener, maxKeys);
    }
}
