package dev.mainstay.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PoolBuilderTest {

    private final Pool.Builder<Object> builder = Pool.builder(Object::new);

    private static void rejects(String message, Executable setting) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setting);
        assertEquals(message, e.getMessage());
    }

    private static void rejectsNull(String parameter, Executable setting) {
        NullPointerException e = assertThrows(NullPointerException.class, setting);
        assertEquals(parameter, e.getMessage());
    }

    @Test
    void nullLifecycle() {
        rejectsNull("lifecycle", () -> Pool.builder(null));
    }

    @Test
    void name() {
        rejects("name must not be blank but was ' '", () -> builder.name(" "));
        rejectsNull("name", () -> builder.name(null));
    }

    @Test
    void maxSize() {
        rejects("maxSize must be >= 1 but was 0", () -> builder.maxSize(0));
        rejects("maxSize must be >= 1 but was -3", () -> builder.maxSize(-3));
    }

    @Test
    void minIdle() {
        rejects("minIdle must be >= 0 but was -1", () -> builder.minIdle(-1));
        rejects("minIdle must be <= maxSize (2) but was 3", () -> builder.maxSize(2).minIdle(3).build());
    }

    @Test
    void borrowTimeout() {
        rejects("borrowTimeout must be >= 0 but was PT-1S", () -> builder.borrowTimeout(Duration.ofSeconds(-1)));
        rejectsNull("borrowTimeout", () -> builder.borrowTimeout(null));
    }

    @Test
    void maxLifetime() {
        rejects("maxLifetime must be > 0 but was PT0S", () -> builder.maxLifetime(Duration.ZERO));
        rejects("maxLifetime must be > 0 but was PT-1M", () -> builder.maxLifetime(Duration.ofMinutes(-1)));
        rejectsNull("maxLifetime", () -> builder.maxLifetime(null));
    }

    @Test
    void maxLifetimeJitter() {
        rejects("maxLifetimeJitter must be >= 0 but was PT-0.001S",
                () -> builder.maxLifetimeJitter(Duration.ofMillis(-1)));
        rejects("maxLifetimeJitter must be < maxLifetime (PT1M) but was PT1M",
                () -> builder.maxLifetime(Duration.ofMinutes(1)).maxLifetimeJitter(Duration.ofMinutes(1)).build());
        rejectsNull("maxLifetimeJitter", () -> builder.maxLifetimeJitter(null));
    }

    @Test
    void idleTimeout() {
        rejects("idleTimeout must be > 0 but was PT0S", () -> builder.idleTimeout(Duration.ZERO));
        rejectsNull("idleTimeout", () -> builder.idleTimeout(null));
    }

    @Test
    void validateAfterIdle() {
        rejects("validateAfterIdle must be >= 0 but was PT-1S", () -> builder.validateAfterIdle(Duration.ofSeconds(-1)));
        rejectsNull("validateAfterIdle", () -> builder.validateAfterIdle(null));
    }

    @Test
    void keepaliveInterval() {
        rejects("keepaliveInterval must be > 0 but was PT0S", () -> builder.keepaliveInterval(Duration.ZERO));
        rejectsNull("keepaliveInterval", () -> builder.keepaliveInterval(null));
    }

    @Test
    void leakDetectionThreshold() {
        rejects("leakDetectionThreshold must be > 0 but was PT-1S",
                () -> builder.leakDetectionThreshold(Duration.ofSeconds(-1)));
        rejectsNull("leakDetectionThreshold", () -> builder.leakDetectionThreshold(null));
    }

    @Test
    void housekeepingInterval() {
        rejects("housekeepingInterval must be > 0 but was PT0S", () -> builder.housekeepingInterval(Duration.ZERO));
        rejects("housekeepingInterval must be <= 1 day but was PT48H",
                () -> builder.housekeepingInterval(Duration.ofDays(2)));
        rejectsNull("housekeepingInterval", () -> builder.housekeepingInterval(null));
    }

    @Test
    void listenerAndTicker() {
        rejectsNull("listener", () -> builder.listener(null));
        rejectsNull("ticker", () -> builder.ticker(null));
        rejectsNull("threadFactory", () -> builder.threadFactory(null));
    }

    @Test
    void borrowArguments() {
        Pool<Object> pool = builder.name("args").build();
        try {
            rejects("timeout must be >= 0 but was PT-1S", () -> pool.borrow(Duration.ofSeconds(-1)));
            rejectsNull("timeout", () -> pool.borrow(null));
            rejectsNull("object", () -> pool.evict(null));
            rejects("timeout must be >= 0 but was PT-1S", () -> pool.close(Duration.ofSeconds(-1)));
        } finally {
            pool.close();
        }
    }

    @Test
    void defaultsAreDocumentedOnes() {
        PoolConfig<Object> config = builder.config();
        assertEquals(10, config.maxSize());
        assertEquals(0, config.minIdle());
        assertEquals(Duration.ofSeconds(30), config.borrowTimeout());
        assertEquals(Duration.ofMinutes(30), config.maxLifetime());
        assertEquals(Duration.ofSeconds(45), config.maxLifetimeJitter());
        assertEquals(Duration.ofMinutes(10), config.idleTimeout());
        assertEquals(Duration.ofMillis(500), config.validateAfterIdle());
        assertEquals(Pool.NEVER, config.keepaliveInterval());
        assertEquals(Pool.NEVER, config.leakDetectionThreshold());
        assertTrue(config.name().startsWith("pool-"), config.name());
        assertEquals(Duration.ZERO, builder.maxLifetime(Pool.NEVER).config().maxLifetimeJitter());
    }
}
