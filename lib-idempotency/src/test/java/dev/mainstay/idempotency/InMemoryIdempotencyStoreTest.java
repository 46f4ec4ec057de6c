package dev.mainstay.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    private final FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
    private final InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().ticker(ticker).build();

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected void passTime(long millis) {
        ticker.advance(Duration.ofMillis(millis).toNanos());
    }

    @Test
    void aFullStoreSweepsExpiredRecordsThenRefusesRatherThanForgetALiveKey() throws Exception {
        InMemoryIdempotencyStore small = InMemoryIdempotencyStore.builder().maximumRecords(2).ticker(ticker).build();
        Idempotency idempotency = Idempotency.builder(small).retention(Duration.ofSeconds(10)).build();
        idempotency.execute("s", "a", Fingerprint.sha256("x"), c -> StoredResponse.ofText("a"));
        idempotency.execute("s", "b", Fingerprint.sha256("x"), c -> StoredResponse.ofText("b"));
        IdempotencyBackendException full = assertThrows(IdempotencyBackendException.class,
                () -> idempotency.execute("s", "c", Fingerprint.sha256("x"), c -> StoredResponse.ofText("c")));
        assertEquals("claim", full.operation());
        assertEquals("memory", full.backend());
        assertEquals(2, small.size());
        ticker.advance(Duration.ofSeconds(11).toNanos());
        assertEquals("c", idempotency.execute("s", "c", Fingerprint.sha256("x"), c -> StoredResponse.ofText("c"))
                .response().bodyText());
        assertEquals(1, small.size(), "the two expired records were swept");
        assertEquals(0, small.purgeExpired());
    }

    @Test
    void oneKeyInSeveralScopesKeepsSeparateRecordsThatExpireAndAreSweptApart() throws Exception {
        Idempotency idempotency = Idempotency.builder(store).retention(Duration.ofSeconds(10)).build();
        for (String scope : new String[] {"alice", "bob", "carol"}) {
            idempotency.execute(scope, "k", Fingerprint.sha256(scope), c -> StoredResponse.ofText(scope));
        }
        ticker.advance(Duration.ofSeconds(5).toNanos());
        idempotency.execute("dave", "k", Fingerprint.sha256("dave"), c -> StoredResponse.ofText("dave"));
        for (String scope : new String[] {"alice", "bob", "carol", "dave"}) {
            IdempotencyResult replay = idempotency.execute(scope, "k", Fingerprint.sha256(scope),
                    c -> StoredResponse.ofText("twice"));
            assertTrue(replay.replayed());
            assertEquals(scope, replay.response().bodyText(), "each scope replays its own response");
        }
        assertThrows(IdempotencyKeyReuseException.class, () -> idempotency.execute("bob", "k",
                Fingerprint.sha256("alice"), c -> StoredResponse.ofText("no")), "alice's request under bob's key");
        ticker.advance(Duration.ofSeconds(6).toNanos());
        assertEquals(3, store.purgeExpired(), "alice, bob and carol expired; dave's record stays");
        assertEquals(1, store.size());
        assertTrue(idempotency.execute("dave", "k", Fingerprint.sha256("dave"), c -> StoredResponse.ofText("no"))
                .replayed());
        assertEquals("again", idempotency.execute("bob", "k", Fingerprint.sha256("bob"),
                c -> StoredResponse.ofText("again")).response().bodyText(), "an expired record executes again");
    }

    @Test
    void aReplayPastItsRetentionExecutesAgainAndTheListenerHearsEachReplay() throws Exception {
        AtomicInteger replays = new AtomicInteger();
        Idempotency idempotency = Idempotency.builder(store).retention(Duration.ofSeconds(10))
                .listener(new IdempotencyListener() {
                    @Override
                    public void onReplayed(String scope, String key) {
                        replays.incrementAndGet();
                    }
                }).build();
        IdempotencyResult first = idempotency.execute("s", "k", Fingerprint.sha256("x"), c -> text("1"));
        IdempotencyResult replay = idempotency.execute("s", "k", Fingerprint.sha256("x"), c -> text("2"));
        assertSame(replay, idempotency.execute("s", "k", Fingerprint.sha256("x"), c -> text("2")),
                "every replay answers the result made at completion");
        assertEquals(List.of(false, true, "1"), List.of(first.replayed(), replay.replayed(),
                replay.response().bodyText()));
        assertEquals(2, replays.get());
        ticker.advance(Duration.ofSeconds(10).toNanos());
        assertEquals("3", idempotency.execute("s", "k", Fingerprint.sha256("x"), c -> text("3")).response()
                .bodyText(), "past its retention the key executes again");
        assertThrows(IllegalArgumentException.class,
                () -> idempotency.execute("s", "k\n", Fingerprint.sha256("x"), c -> text("4")));
    }

    @Test
    void aClaimThroughTheStoreItselfChecksANewRecordsScopeAndKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.claim("s", "",
                Fingerprint.sha256("x"), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertEquals("key must not be empty", e.getMessage());
        assertEquals(0, store.size());
    }

    private static StoredResponse text(String text) {
        return StoredResponse.ofText(text);
    }

    @Test
    void maximumRecordsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InMemoryIdempotencyStore.builder().maximumRecords(0));
        assertEquals("maximumRecords must be > 0 but was 0", e.getMessage());
        assertThrows(NullPointerException.class, () -> InMemoryIdempotencyStore.builder().ticker(null));
    }
}
