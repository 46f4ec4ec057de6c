package dev.mainstay.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.pool.Things.Thing;
import dev.mainstay.pool.internal.TestHooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Time-driven behaviour, on a fake ticker that starts near {@code Long.MAX_VALUE} or below zero. */
class PoolTimeTest {

    private final Things things = new Things();
    private final List<Pool<?>> pools = new ArrayList<>();

    static Stream<FakeTicker> tickers() {
        return Stream.of(FakeTicker.nearMax(), FakeTicker.negative());
    }

    @AfterEach
    void closePools() {
        for (Pool<?> pool : pools) {
            pool.close(Duration.ZERO);
        }
    }

    /** Advances the ticker, and every pool's coarse clock with it (as its housekeeper would within a tick). */
    private void advance(FakeTicker ticker, Duration by) {
        ticker.advance(by);
        for (Pool<?> pool : pools) {
            TestHooks.tick(pool);
        }
    }

    private Pool<Thing> build(FakeTicker ticker, Pool.Builder<Thing> builder) {
        Pool<Thing> pool = builder.name("timed").ticker(ticker).housekeepingInterval(Duration.ofDays(1)).build();
        pools.add(pool);
        return pool;
    }

    @ParameterizedTest
    @MethodSource("tickers")
    void validatesOnBorrowOnlyAfterTheIdleWindow(FakeTicker ticker) {
        Pool<Thing> pool = build(ticker, Pool.builder(things).maxSize(1).validateAfterIdle(Duration.ofMillis(500)));
        Thing thing;
        try (Lease<Thing> lease = pool.borrow()) {
            thing = lease.get();
        }
        int before = things.validations.get();
        advance(ticker, Duration.ofMillis(499));
        pool.borrow().close();
        assertEquals(before, things.validations.get(), "returned 499 ms ago: trusted");
        advance(ticker, Duration.ofMillis(500));
        pool.borrow().close();
        assertEquals(before + 1, things.validations.get(), "idle 500 ms: validated");
        thing.broken = true;
        advance(ticker, Duration.ofSeconds(1));
        try (Lease<Thing> lease = pool.borrow()) {
            assertNotSame(thing, lease.get(), "a broken object is replaced, not lent");
        }
        PoolTest.waitUntil(() -> thing.destroyed);
    }

    /**
     * The idle window is judged on a coarse clock that the housekeeper ticks every 10 ms (a fiftieth of 500 ms):
     * an object idle 500 ms or more is validated, one idle less than 490 ms is not, between it may be.
     */
    @ParameterizedTest
    @MethodSource("tickers")
    void theIdleWindowIsJudgedToOneTick(FakeTicker ticker) {
        Pool<Thing> pool = build(ticker, Pool.builder(things).maxSize(1).validateAfterIdle(Duration.ofMillis(500)));
        long tick = Duration.ofMillis(10).toNanos();
        assertEquals(tick, TestHooks.tickNanos(pool));
        TestHooks.holdClock(pool);
        TestHooks.tick(pool);
        pool.borrow().close();
        int validations = things.validations.get();
        runClock(pool, ticker, 9);
        pool.borrow().close(); // returned 9 ms after a tick: stamped with that tick
        runClock(pool, ticker, 490);
        pool.borrow().close();
        assertEquals(validations, things.validations.get(), "idle 490 ms, judged 490: trusted");
        runClock(pool, ticker, 491); // returned 9 ms after a tick, borrowed right at one
        pool.borrow().close();
        assertEquals(validations + 1, things.validations.get(), "idle 491 ms, judged 500 (early): validated");
        runClock(pool, ticker, 499); // returned right at a tick, borrowed 9 ms after one
        pool.borrow().close();
        assertEquals(validations + 1, things.validations.get(), "idle 499 ms, judged 490 (late): trusted");
        runClock(pool, ticker, 500);
        pool.borrow().close();
        assertEquals(validations + 2, things.validations.get(), "idle 500 ms: always validated");
    }

    /** Advances the ticker by whole milliseconds, ticking the pool's clock at every tenth, as the housekeeper does. */
    private long clockMillis;

    private void runClock(Pool<Thing> pool, FakeTicker ticker, int millis) {
        for (int i = 0; i < millis; i++) {
            ticker.advance(Duration.ofMillis(1));
            if (++clockMillis % 10 == 0) {
                TestHooks.tick(pool);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("tickers")
    void expiresObjectsAfterTheirJitteredLifetime(FakeTicker ticker) {
        Pool<Thing> pool = build(ticker, Pool.builder(things).maxSize(20).minIdle(20)
                .validateAfterIdle(Pool.NEVER)
                .maxLifetime(Duration.ofMinutes(10)).maxLifetimeJitter(Duration.ofMinutes(2)));
        PoolTest.waitUntil(() -> pool.metrics().idle() == 20);
        Lease<Thing> lent = pool.borrow();
        Thing lentThing = lent.get();
        advance(ticker, Duration.ofMinutes(8).minusNanos(1));
        TestHooks.maintain(pool);
        assertEquals(0, things.destroyed.get(), "nobody expires before maxLifetime - jitter");
        advance(ticker, Duration.ofMinutes(1));
        TestHooks.maintain(pool);
        int someExpired = things.destroyed.get();
        advance(ticker, Duration.ofMinutes(1));
        TestHooks.maintain(pool);
        PoolTest.waitUntil(() -> things.destroyed.get() >= 19);
        assertTrue(someExpired < 19, "jitter spreads the expiries: " + someExpired + " at 9 minutes");
        assertFalse(lentThing.destroyed, "a lent object is not taken away");
        lent.close();
        PoolTest.waitUntil(() -> lentThing.destroyed);
        PoolTest.waitUntil(() -> pool.metrics().idle() == 20);
    }

    @ParameterizedTest
    @MethodSource("tickers")
    void destroysObjectsIdleTooLongButKeepsMinIdle(FakeTicker ticker) {
        Pool<Thing> pool = build(ticker, Pool.builder(things).maxSize(4).minIdle(1)
                .idleTimeout(Duration.ofMinutes(1)).validateAfterIdle(Pool.NEVER).maxLifetime(Pool.NEVER));
        List<Lease<Thing>> leases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            leases.add(pool.borrow());
        }
        leases.forEach(Lease::close);
        advance(ticker, Duration.ofSeconds(59));
        TestHooks.maintain(pool);
        assertEquals(4, pool.metrics().idle());
        advance(ticker, Duration.ofSeconds(1));
        TestHooks.maintain(pool);
        PoolTest.waitUntil(() -> things.destroyed.get() == 3);
        assertEquals(1, pool.metrics().idle());
        assertEquals(1, pool.metrics().size());
    }

    /**
     * The clock's ticks are a periodic task, and a periodic task that throws is never run again: a ticker that
     * fails once must not stop the clock (and with it every idle judgement) for the pool's life.
     */
    @Test
    void aTickerThatFailsOnceDoesNotStopTheClock() {
        AtomicLong now = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean failing = new AtomicBoolean();
        Pool<Thing> pool = Pool.builder(things).name("ticker").maxSize(1).housekeepingInterval(Duration.ofDays(1))
                .ticker(() -> {
                    if (failing.get()) {
                        failures.incrementAndGet();
                        throw new IllegalStateException("ticker failure (test)");
                    }
                    return now.get();
                })
                .build();
        pools.add(pool);
        assertEquals(Duration.ofMillis(10).toNanos(), TestHooks.tickNanos(pool));
        failing.set(true);
        PoolTest.waitUntil(() -> failures.get() >= 2);
        failing.set(false);
        now.set(Duration.ofSeconds(1).toNanos());
        PoolTest.waitUntil(() -> TestHooks.clockNow(pool) == Duration.ofSeconds(1).toNanos());
    }

    /**
     * A return writes no time: the housekeeper's tick samples the slots, and a borrow changes a slot's state word
     * for good (a new generation), so a borrow and return between two ticks is seen at the next one, whatever
     * else happened meanwhile. The object used 20 ms before the idle timeout stays; the other one, idle the whole
     * minute, goes.
     */
    @ParameterizedTest
    @MethodSource("tickers")
    void aBorrowBetweenTwoTicksCountsAsUse(FakeTicker ticker) {
        Pool<Thing> pool = build(ticker, Pool.builder(things).maxSize(2).minIdle(0)
                .idleTimeout(Duration.ofMinutes(1)).validateAfterIdle(Pool.NEVER).maxLifetime(Pool.NEVER));
        assertEquals(Duration.ofMillis(10).toNanos(), TestHooks.tickNanos(pool));
        TestHooks.holdClock(pool);
        Lease<Thing> first = pool.borrow();
        Lease<Thing> second = pool.borrow();
        Set<Thing> both = Set.of(first.get(), second.get());
        first.close();
        second.close();
        TestHooks.tick(pool);
        runClock(pool, ticker, 59_985); // the last tick at 59.98 s
        assertEquals(2, pool.metrics().idle());
        Thing used;
        try (Lease<Thing> lease = pool.borrow()) { // between two ticks, at 59.985 s
            used = lease.get();
        }
        Thing unused = both.stream().filter(thing -> thing != used).findFirst().orElseThrow();
        runClock(pool, ticker, 15); // ticks at 59.99 s and 60 s
        TestHooks.maintain(pool);
        PoolTest.waitUntil(() -> unused.destroyed);
        assertFalse(used.destroyed, "used 15 ms ago, at most a tick earlier than that by the clock");
        assertEquals(1, pool.metrics().idle());
    }

    @ParameterizedTest
    @MethodSource("tickers")
    void keepaliveValidatesIdleObjectsInTheBackground(FakeTicker ticker) {
        Pool<Thing> pool = build(ticker, Pool.builder(things).maxSize(2).minIdle(2)
                .keepaliveInterval(Duration.ofSeconds(30)).validateAfterIdle(Pool.NEVER)
                .idleTimeout(Pool.NEVER).maxLifetime(Pool.NEVER));
        PoolTest.waitUntil(() -> pool.metrics().idle() == 2);
        Lease<Thing> lease = pool.borrow();
        Thing broken = lease.get();
        broken.broken = true;
        lease.close();
        advance(ticker, Duration.ofSeconds(29));
        TestHooks.maintain(pool);
        assertEquals(0, things.validations.get());
        advance(ticker, Duration.ofSeconds(1));
        TestHooks.maintain(pool);
        assertEquals(2, things.validations.get());
        PoolTest.waitUntil(() -> broken.destroyed);
        PoolTest.waitUntil(() -> pool.metrics().idle() == 2);
        TestHooks.maintain(pool);
        assertEquals(2, things.validations.get(), "just checked: not again");
    }

    @ParameterizedTest
    @MethodSource("tickers")
    void reportsALeakOnceWithTheBorrowStackAndNamesHoldersInTimeouts(FakeTicker ticker) {
        List<Throwable> leaks = new CopyOnWriteArrayList<>();
        Pool<Thing> pool = build(ticker, Pool.builder(things).maxSize(1)
                .leakDetectionThreshold(Duration.ofSeconds(10))
                .listener(new PoolListener() {
                    @Override
                    public void onLeakSuspected(String pool, Duration heldFor, Throwable borrowedAt) {
                        leaks.add(borrowedAt);
                    }
                }));
        Lease<Thing> leaked = pool.borrow();
        advance(ticker, Duration.ofSeconds(9));
        TestHooks.maintain(pool);
        assertTrue(leaks.isEmpty());
        advance(ticker, Duration.ofSeconds(1));
        TestHooks.maintain(pool);
        TestHooks.maintain(pool);
        assertEquals(1, leaks.size(), "reported once");
        assertTrue(leaks.get(0).getStackTrace()[0].getClassName().endsWith("PoolTimeTest"),
                leaks.get(0).getStackTrace()[0].toString());
        PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ZERO));
        assertTrue(e.getMessage().contains("oldest holders:\n  held for 10000 ms, borrowed by thread \""),
                e.getMessage());
        assertTrue(e.getMessage().contains("dev.mainstay.pool.PoolTimeTest.reportsALeak"), e.getMessage());
        leaked.close();
        assertEquals(1, pool.metrics().idle());
    }

    @ParameterizedTest
    @MethodSource("tickers")
    void reclaimsALeakedObjectsPlace(FakeTicker ticker) {
        Pool<Thing> pool = build(ticker, Pool.builder(things).maxSize(1)
                .leakDetectionThreshold(Duration.ofSeconds(10)).reclaimLeaks(true));
        Lease<Thing> leaked = pool.borrow();
        Thing leakedThing = leaked.get();
        advance(ticker, Duration.ofSeconds(10));
        TestHooks.maintain(pool);
        try (Lease<Thing> replacement = pool.borrow()) {
            assertNotSame(leakedThing, replacement.get());
        }
        assertFalse(leakedThing.destroyed, "still in its borrower's hands");
        leaked.close();
        PoolTest.waitUntil(() -> leakedThing.destroyed);
        Set<Thing> lent = new HashSet<>();
        try (Lease<Thing> again = pool.borrow()) {
            lent.add(again.get());
        }
        assertEquals(1, lent.size());
        assertSame(1, pool.metrics().size());
    }
}
