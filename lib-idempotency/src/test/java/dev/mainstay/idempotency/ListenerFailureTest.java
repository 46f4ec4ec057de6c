package dev.mainstay.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainstay.testkit.LogCapture;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The cross-module listener rule: a listener that throws on every method changes nothing a caller can observe, its
 * first failure is logged at WARNING (with its class and the stack trace), later ones at DEBUG.
 */
class ListenerFailureTest {

    /** Throws from every method, counting the calls. */
    static final class ThrowingListener implements IdempotencyListener {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void onExecuted(String scope, String key, long attempt) {
            throw bug();
        }

        @Override
        public void onReplayed(String scope, String key) {
            throw bug();
        }

        @Override
        public void onInProgress(String scope, String key) {
            throw bug();
        }

        @Override
        public void onKeyReuse(String scope, String key) {
            throw bug();
        }

        @Override
        public void onReleased(String scope, String key, long attempt, Throwable failure) {
            throw bug();
        }

        @Override
        public void onLeaseLost(String scope, String key, long attempt) {
            throw bug();
        }

        @Override
        public void onBackendFailure(IdempotencyBackendException failure) {
            throw bug();
        }

        private IllegalStateException bug() {
            return new IllegalStateException("listener bug " + calls.incrementAndGet());
        }
    }

    @AutoClose
    private final LogCapture log = LogCapture.of("dev.mainstay.idempotency");

    private static String outcome(Idempotency idempotency, String key, String body, Idempotency.Action action) {
        try {
            IdempotencyResult result = idempotency.execute("tenant", key, Fingerprint.sha256(body), action);
            return result.response().bodyText() + (result.replayed() ? " (replayed)" : "");
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Every listener event: executed, replayed, in progress, key reuse, released, lease lost, backend failure. */
    private static List<String> scenario(IdempotencyListener listener) {
        AtomicLong now = new AtomicLong(Long.MAX_VALUE - 1_000_000_000L);
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().ticker(now::get).build();
        Idempotency idempotency = Idempotency.builder(store).ticker(now::get).lease(Duration.ofSeconds(5))
                .listener(listener).build();
        List<String> seen = new ArrayList<>();
        seen.add(outcome(idempotency, "k1", "a", claim -> StoredResponse.ofText("done")));
        seen.add(outcome(idempotency, "k1", "a", claim -> StoredResponse.ofText("again")));
        seen.add(outcome(idempotency, "k1", "b", claim -> StoredResponse.ofText("other")));
        seen.add(outcome(idempotency, "k2", "a", claim -> {
            throw new IllegalArgumentException("declined");
        }));
        seen.add(outcome(idempotency, "k2", "a", claim -> StoredResponse.ofText("retried")));
        seen.add(outcome(idempotency, "k3", "a", claim -> {
            // a duplicate arrives while this execution holds the key
            seen.add("inner " + outcome(idempotency, "k3", "a", inner -> StoredResponse.ofText("never")));
            now.addAndGet(Duration.ofSeconds(6).toNanos()); // the lease passes; a retry takes the key over
            seen.add("takeover " + outcome(idempotency, "k3", "a", inner -> StoredResponse.ofText("taken over")));
            return StoredResponse.ofText("stale");
        }));
        IdempotencyStore broken = new IdempotencyStore() {
            @Override
            public IdempotencyStore.ClaimResult claim(String scope, String key, Fingerprint fingerprint,
                    Duration lease, Duration retention) {
                throw new IdempotencyBackendException("claim", "test", scope, key,
                        new java.io.IOException("connection reset"), null);
            }

            @Override
            public boolean complete(String scope, String key, long attempt, StoredResponse response,
                    Duration retention) {
                return false;
            }

            @Override
            public boolean release(String scope, String key, long attempt) {
                return false;
            }

            @Override
            public boolean savePoint(String scope, String key, long attempt, String point, Duration lease) {
                return false;
            }

            @Override
            public String backend() {
                return "test";
            }
        };
        seen.add(outcome(Idempotency.builder(broken).listener(listener).build(), "k4", "a",
                claim -> StoredResponse.ofText("never")));
        return seen;
    }

    @Test
    void aListenerThrowingEverywhereChangesNothing() {
        List<String> quiet = scenario(new IdempotencyListener() {});
        ThrowingListener throwing = new ThrowingListener();
        List<String> loud = scenario(throwing);
        assertEquals(quiet, loud);
        assertEquals(9, quiet.size(), String.join("\n", quiet));
        assertEquals(9, throwing.calls.get(), "executed 3, replayed, key reuse, released, in progress, lease lost"
                + " and backend failure 1 each");
    }

    @Test
    void theFirstFailureIsAWarningWithTheClassAndLaterOnesAreDebug() throws Exception {
        ThrowingListener throwing = new ThrowingListener();
        Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).listener(throwing)
                .build();
        for (int i = 0; i < 3; i++) {
            idempotency.execute("tenant", "k" + i, Fingerprint.sha256("a"), claim -> StoredResponse.ofText("ok"));
        }
        assertEquals(3, log.records().size());
        LogCapture.Entry first = log.assertListenerFailuresLogged("idempotency", ThrowingListener.class, 3);
        assertEquals("listener bug 1", first.thrown().getMessage());
    }

    @Test
    void eachListenerInstanceGetsItsOwnWarning() throws Exception {
        for (int i = 0; i < 2; i++) {
            Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).listener(new ThrowingListener()).build()
                    .execute("tenant", "k", Fingerprint.sha256("a"), claim -> StoredResponse.ofText("ok"));
        }
        assertEquals(List.of(Level.WARNING, Level.WARNING),
                log.records().stream().map(LogCapture.Entry::level).toList());
    }
}
