package dev.mainstay.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bad input, builder settings, listener safety and the claim handle. */
class IdempotencyTest {

    private final InMemoryIdempotencyStore store = InMemoryIdempotencyStore.ofDefaults();
    private final Idempotency idempotency = Idempotency.builder(store).build();
    private static final Idempotency.Action OK = claim -> StoredResponse.ofText("ok");

    private IllegalArgumentException badKey(String scope, String key) {
        return assertThrows(IllegalArgumentException.class,
                () -> idempotency.execute(scope, key, Fingerprint.sha256("x"), OK));
    }

    @Test
    void keysAndScopesAreCheckedWithTheArgumentAndValueNamed() {
        assertEquals("key must not be empty", badKey("s", "").getMessage());
        assertEquals("key must be at most 255 characters but was 300 characters",
                badKey("s", "k".repeat(300)).getMessage());
        assertEquals("key must not contain control characters but had U+000A at index 3",
                badKey("s", "abc\ndef").getMessage());
        assertEquals("scope must not be empty", badKey("", "k").getMessage());
        assertEquals("scope must be at most 255 characters but was 256 characters",
                badKey("s".repeat(256), "k").getMessage());
        assertEquals("scope must not contain control characters but had U+0000 at index 0",
                badKey("\0", "k").getMessage());
        NullPointerException key = assertThrows(NullPointerException.class,
                () -> idempotency.execute("s", null, Fingerprint.sha256("x"), OK));
        assertEquals("key", key.getMessage());
        NullPointerException fingerprint = assertThrows(NullPointerException.class,
                () -> idempotency.execute("s", "k", (Fingerprint) null, OK));
        assertEquals("fingerprint", fingerprint.getMessage());
        assertThrows(NullPointerException.class, () -> idempotency.execute("s", "k", (byte[]) null, OK));
    }

    @Test
    void aKeyOf255CharactersIsAccepted() throws Exception {
        assertFalse(idempotency.execute("s".repeat(255), "k".repeat(255), Fingerprint.sha256("x"), OK).replayed());
    }

    @Test
    void everyBuilderSettingRefusesBadValuesNamingThem() {
        Idempotency.Builder builder = Idempotency.builder(store);
        assertEquals("lease must be > 0 but was PT0S", assertThrows(IllegalArgumentException.class,
                () -> builder.lease(Duration.ZERO)).getMessage());
        assertEquals("retention must be > 0 but was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> builder.retention(Duration.ofSeconds(-1))).getMessage());
        assertEquals("waitFor must be > 0 but was PT0S", assertThrows(IllegalArgumentException.class,
                () -> builder.waitFor(Duration.ZERO)).getMessage());
        assertEquals("maxResponseBytes must be between 1 and 16776192 but was 0",
                assertThrows(IllegalArgumentException.class, () -> builder.maxResponseBytes(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.maxResponseBytes(17 * 1024 * 1024));
        assertEquals("lease", assertThrows(NullPointerException.class, () -> builder.lease(null)).getMessage());
        assertEquals("listener", assertThrows(NullPointerException.class, () -> builder.listener(null)).getMessage());
        assertEquals("ticker", assertThrows(NullPointerException.class, () -> builder.ticker(null)).getMessage());
        assertThrows(NullPointerException.class, () -> builder.storeFailure(null, e -> null));
        assertThrows(NullPointerException.class, () -> Idempotency.builder(null));
        Idempotency built = builder.lease(Duration.ofSeconds(3)).retention(Duration.ofHours(1)).build();
        assertEquals(Duration.ofSeconds(3), built.config().lease());
        assertEquals(Duration.ofHours(1), built.config().retention());
        assertEquals(65536, built.config().maxResponseBytes());
    }

    @Test
    void fingerprintsAreSha256OrYourOwnDigest() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Fingerprint.sha256("abc").hex());
        assertEquals(Fingerprint.sha256("abc"), Fingerprint.ofHex(Fingerprint.sha256("abc").hex()));
        assertEquals("digest must be 1 to 64 bytes but was 0 bytes",
                assertThrows(IllegalArgumentException.class, () -> Fingerprint.of(new byte[0])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.of(new byte[65]));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.ofHex("xyz"));
        assertEquals("010203", Fingerprint.of(new byte[] {1, 2, 3}).hex());
    }

    @Test
    void storedResponsesCopyTheirBodyAndCountTheirSize() {
        byte[] body = {1, 2, 3};
        StoredResponse response = StoredResponse.of(201, Map.of("Ab", List.of("cd", "é")), body);
        body[0] = 9;
        assertEquals(1, response.body()[0]);
        assertEquals(3 + 2 + 2 + 2 + 2, response.size());
        assertEquals(List.of("cd", "é"), response.headers().get("AB"));
        assertEquals("status must be between 0 and 999 but was 1000", assertThrows(IllegalArgumentException.class,
                () -> StoredResponse.of(1000, Map.of(), body)).getMessage());
    }

    @Test
    void aThrowingListenerNeverChangesTheOutcome() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Idempotency loud = Idempotency.builder(store).listener(new IdempotencyListener() {
            @Override
            public void onExecuted(String scope, String key, long attempt) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onReplayed(String scope, String key) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }
        }).build();
        assertFalse(loud.execute("s", "listened", Fingerprint.sha256("x"), OK).replayed());
        assertTrue(loud.execute("s", "listened", Fingerprint.sha256("x"), OK).replayed());
        assertEquals(2, calls.get());
    }

    @Test
    void aSecondCloseOrACloseFromAnotherThreadNeverReleasesTheNextHoldersKey() throws Exception {
        IdempotencyClaim[] leaked = new IdempotencyClaim[1];
        assertThrows(IllegalStateException.class, () -> idempotency.execute("s", "handle", Fingerprint.sha256("x"),
                claim -> {
                    leaked[0] = claim;
                    throw new IllegalStateException("fail: the executor closes the claim");
                }));
        AtomicInteger executions = new AtomicInteger();
        Idempotency.Action holds = claim -> {
            executions.incrementAndGet();
            Thread closer = new Thread(leaked[0]::close); // a stale close, from another thread
            closer.start();
            closer.join();
            leaked[0].close();
            assertThrows(IllegalStateException.class, () -> leaked[0].savePoint("late"));
            assertThrows(IdempotencyInProgressException.class,
                    () -> idempotency.execute("s", "handle", Fingerprint.sha256("x"), OK),
                    "the new holder still holds the key");
            return StoredResponse.ofText("second");
        };
        assertEquals("second", idempotency.execute("s", "handle", Fingerprint.sha256("x"), holds).response()
                .bodyText());
        assertEquals(1, executions.get());
        assertTrue(leaked[0].toString().contains("closed"));
    }

    @Test
    void aWaitingDuplicateGivesUpAfterItsTimeoutWith409() {
        store.claim("s", "stuck", Fingerprint.sha256("x"), Duration.ofMinutes(1), Duration.ofHours(1));
        Idempotency waiting = Idempotency.builder(store).waitFor(Duration.ofMillis(50)).build();
        long start = System.nanoTime();
        assertThrows(IdempotencyInProgressException.class,
                () -> waiting.execute("s", "stuck", Fingerprint.sha256("x"), OK));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= Duration.ofMillis(50).toNanos(), "waited " + waited);
        assertTrue(waited < Duration.ofSeconds(5).toNanos(), "waited " + waited);
    }

    @Test
    void anInterruptedWaiterStopsWaitingAndKeepsItsInterruptFlag() {
        store.claim("s", "stuck2", Fingerprint.sha256("x"), Duration.ofMinutes(1), Duration.ofHours(1));
        Idempotency waiting = Idempotency.builder(store).waitFor(Duration.ofMinutes(1)).build();
        Thread.currentThread().interrupt();
        try {
            assertThrows(IdempotencyInProgressException.class,
                    () -> waiting.execute("s", "stuck2", Fingerprint.sha256("x"), OK));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aStoreFailureReachesTheListenerAndTheCaller() {
        AtomicInteger failures = new AtomicInteger();
        IdempotencyStore broken = new IdempotencyStore() {
            @Override
            public ClaimResult claim(String scope, String key, Fingerprint fingerprint, Duration lease,
                    Duration retention) {
                throw new IdempotencyBackendException("claim", "test", scope, key,
                        new java.io.IOException("connection reset"), null);
            }

            @Override
            public boolean complete(String s, String k, long a, StoredResponse r, Duration d) {
                return false;
            }

            @Override
            public boolean release(String s, String k, long a) {
                return false;
            }

            @Override
            public boolean savePoint(String s, String k, long a, String p, Duration l) {
                return false;
            }

            @Override
            public String backend() {
                return "test";
            }
        };
        Idempotency failing = Idempotency.builder(broken).listener(new IdempotencyListener() {
            @Override
            public void onBackendFailure(IdempotencyBackendException failure) {
                failures.incrementAndGet();
            }
        }).build();
        IdempotencyBackendException e = assertThrows(IdempotencyBackendException.class,
                () -> failing.execute("s", "k", Fingerprint.sha256("x"), OK));
        assertEquals("idempotency claim on test failed for key 'k' of scope 's': java.io.IOException: connection reset",
                e.getMessage());
        assertTrue(e.getCause() instanceof java.io.IOException);
        assertEquals(1, failures.get());
    }
}
