package dev.mainstay.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainstay.lock.jdbc.JdbcDialect;
import dev.mainstay.lock.jdbc.JdbcLock;
import dev.mainstay.testkit.LogCapture;
import java.lang.System.Logger.Level;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The cross-module listener rule: a listener that throws on every method changes nothing a caller can observe, its
 * first failure is logged at WARNING (with its class and the stack trace), later ones at DEBUG.
 */
class ListenerFailureTest {

    /** Throws from every method, counting the calls. */
    static final class ThrowingListener implements LockListener {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void onAcquired(String lock, String name, long token, long waitedNanos) {
            throw bug();
        }

        @Override
        public void onAcquireTimedOut(String lock, String name, long waitedNanos) {
            throw bug();
        }

        @Override
        public void onReleased(String lock, String name, long token) {
            throw bug();
        }

        @Override
        public void onLost(String lock, String name, long token, LockLostException cause) {
            throw bug();
        }

        @Override
        public void onBackendFailure(String lock, String name, LockBackendException failure) {
            throw bug();
        }

        private IllegalStateException bug() {
            return new IllegalStateException("listener bug " + calls.incrementAndGet());
        }
    }

    @AutoClose
    private final LogCapture log = LogCapture.of("dev.mainstay.lock");

    /** Grants, a refusal, a release, a loss, a stale release, a fenced close and a backend failure. */
    private static List<String> scenario(LockListener listener) {
        List<String> seen = new ArrayList<>();
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - 5_000_000_000L);
        DistributedLock locks = DistributedLock.builder().ticker(ticker).listener(listener).build();
        LockHandle first = locks.tryAcquire("order-1", Duration.ofSeconds(10)).orElseThrow();
        seen.add("granted " + first.token());
        seen.add("second try " + locks.tryAcquire("order-1", Duration.ofSeconds(10)).isPresent());
        LockTimeoutException timeout = assertThrows(LockTimeoutException.class,
                () -> locks.acquire("order-1", Duration.ofSeconds(10), Duration.ZERO));
        seen.add("timed out " + timeout.getMessage());
        seen.add("released " + first.release());
        LockHandle second = locks.tryAcquire("order-1", Duration.ofSeconds(1)).orElseThrow();
        ticker.advance(Duration.ofSeconds(2).toNanos());
        LockHandle third = locks.tryAcquire("order-1", Duration.ofSeconds(10)).orElseThrow();
        seen.add("taken over " + (third.token() - second.token()));
        seen.add("stale release " + second.release());
        seen.add("close " + third.isHeld());
        third.close();
        locks.close();

        DataSource down = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("connection refused", "08001");
                });
        try (JdbcLock jdbc = JdbcLock.builder(down).dialect(JdbcDialect.POSTGRESQL).listener(listener).build()) {
            LockBackendException e = assertThrows(LockBackendException.class,
                    () -> jdbc.tryAcquire("order-1", Duration.ofSeconds(1)));
            seen.add("backend " + e.operation() + " " + e.getCause().getMessage());
        }
        return seen;
    }

    @Test
    void aListenerThrowingEverywhereChangesNothing() {
        List<String> quiet = scenario(new LockListener() {});
        ThrowingListener throwing = new ThrowingListener();
        assertEquals(quiet, scenario(throwing));
        assertEquals(8, throwing.calls.get(),
                "acquired 3, timed out 1, released 1, lost 1, backend failure 1, released 1");
    }

    @Test
    void theFirstFailureIsAWarningWithTheClassAndLaterOnesAreDebug() {
        ThrowingListener throwing = new ThrowingListener();
        DistributedLock locks = DistributedLock.builder().name("audited").listener(throwing).build();
        for (int i = 0; i < 3; i++) {
            locks.tryAcquire("k" + i, Duration.ofSeconds(10)).orElseThrow();
        }
        assertEquals(3, log.records().size());
        LogCapture.Entry first = log.assertListenerFailuresLogged("lock 'audited'", ThrowingListener.class, 3);
        assertEquals("listener bug 1", first.thrown().getMessage());
        assertSame(IllegalStateException.class, log.records().get(2).thrown().getClass());
        locks.close();
    }

    @Test
    void eachListenerInstanceGetsItsOwnWarning() {
        Function<LockListener, DistributedLock> build = l -> DistributedLock.builder().listener(l).build();
        DistributedLock one = build.apply(new ThrowingListener());
        DistributedLock two = build.apply(new ThrowingListener());
        one.tryAcquire("a", Duration.ofSeconds(1)).orElseThrow();
        two.tryAcquire("b", Duration.ofSeconds(1)).orElseThrow();
        assertEquals(List.of(Level.WARNING, Level.WARNING),
                log.records().stream().map(LogCapture.Entry::level).toList());
        one.close();
        two.close();
    }
}
