package dev.mainstay.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.idempotency.IdempotencyStore.ClaimResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyStore} must do, run through the {@link Idempotency} executor: the in-memory store
 * in unit tests, H2 too, PostgreSQL, MariaDB and Redis against real servers.
 */
public abstract class IdempotencyStoreContract {

    /** A store; each test uses its own scope, so stores may share state between tests. */
    protected abstract IdempotencyStore store();

    /** Lets {@code millis} of the store's clock pass. */
    protected abstract void passTime(long millis) throws Exception;

    /** A lease short enough to pass in a test, long enough never to pass by accident between two calls. */
    protected Duration shortLease() {
        return Duration.ofMillis(400);
    }

    private final String scope = "t" + System.nanoTime() + ":" + getClass().getSimpleName();

    protected Idempotency.Builder executor() {
        return Idempotency.builder(store());
    }

    private static StoredResponse text(String body) {
        return StoredResponse.ofText(body);
    }

    @Test
    public void theFirstRequestExecutesAndEveryRetryReplaysTheSameResponse() throws Exception {
        Idempotency idempotency = executor().build();
        AtomicInteger executions = new AtomicInteger();
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        StoredResponse created = StoredResponse.of(201,
                Map.of("Location", List.of("/payments/7"), "X-Multi", List.of("a", "b")), binary);
        IdempotencyResult first = idempotency.execute(scope, "k1", "amount=10".getBytes(StandardCharsets.UTF_8),
                claim -> {
                    executions.incrementAndGet();
                    assertEquals(1, claim.attempt());
                    return created;
                });
        IdempotencyResult second = idempotency.execute(scope, "k1", "amount=10".getBytes(StandardCharsets.UTF_8),
                claim -> {
                    executions.incrementAndGet();
                    return text("again");
                });
        assertFalse(first.replayed());
        assertTrue(second.replayed());
        assertEquals(created, first.response());
        assertEquals(created, second.response());
        assertEquals(201, second.response().status());
        assertEquals(List.of("a", "b"), second.response().headers().get("x-multi"));
        assertArrayEquals(binary, second.response().body());
        assertEquals(1, executions.get());
    }

    @Test
    public void scopesNeverShareKeys() throws Exception {
        Idempotency idempotency = executor().build();
        assertEquals("alice", idempotency.execute(scope + "-alice", "k", Fingerprint.sha256("x"),
                claim -> text("alice")).response().bodyText());
        IdempotencyResult bob = idempotency.execute(scope + "-bob", "k", Fingerprint.sha256("x"),
                claim -> text("bob"));
        assertFalse(bob.replayed());
        assertEquals("bob", bob.response().bodyText());
    }

    @Test
    public void aKeyReusedWithAnotherRequestIsRefusedOnEveryPath() throws Exception {
        Idempotency idempotency = executor().lease(shortLease()).build();
        // completed
        idempotency.execute(scope, "done", Fingerprint.sha256("a"), claim -> text("ok"));
        assertThrows(IdempotencyKeyReuseException.class,
                () -> idempotency.execute(scope, "done", Fingerprint.sha256("b"), claim -> text("no")));
        // in progress
        ClaimResult held = store().claim(scope, "held", Fingerprint.sha256("a"), shortLease(), Duration.ofHours(1));
        assertEquals(ClaimResult.Outcome.CLAIMED, held.outcome());
        IdempotencyKeyReuseException e = assertThrows(IdempotencyKeyReuseException.class,
                () -> idempotency.execute(scope, "held", Fingerprint.sha256("b"), claim -> text("no")));
        assertEquals("held", e.key());
        assertEquals(scope, e.scope());
        // in progress with its lease expired: still the first request's key
        passTime(shortLease().toMillis() + 100);
        assertThrows(IdempotencyKeyReuseException.class,
                () -> idempotency.execute(scope, "held", Fingerprint.sha256("b"), claim -> text("no")));
        assertEquals("a2", idempotency.execute(scope, "held", Fingerprint.sha256("a"),
                claim -> text("a" + claim.attempt())).response().bodyText());
    }

    @Test
    public void aLiveLeaseIsNeverReclaimedAndTheDuplicateGetsTheRemainingLease() throws Exception {
        Idempotency idempotency = executor().lease(Duration.ofMinutes(5)).build();
        ClaimResult held = store().claim(scope, "live", Fingerprint.sha256("a"), Duration.ofMinutes(5),
                Duration.ofHours(1));
        assertEquals(1, held.attempt());
        IdempotencyInProgressException e = assertThrows(IdempotencyInProgressException.class,
                () -> idempotency.execute(scope, "live", Fingerprint.sha256("a"), claim -> text("twice")));
        assertTrue(e.remainingLease().isPresent());
        assertTrue(e.remainingLease().get().compareTo(Duration.ofMinutes(4)) > 0, e.remainingLease().toString());
        assertTrue(e.remainingLease().get().compareTo(Duration.ofMinutes(5)) <= 0, e.remainingLease().toString());
        assertTrue(store().complete(scope, "live", 1, text("first"), Duration.ofHours(1)));
        assertEquals("first", idempotency.execute(scope, "live", Fingerprint.sha256("a"), claim -> text("twice"))
                .response().bodyText());
    }

    @Test
    public void aCrashedHoldersLeaseExpiresOneReExecutionWinsAndTheStaleCompletionIsRefused() throws Exception {
        AtomicInteger leaseLost = new AtomicInteger();
        Idempotency idempotency = executor().lease(shortLease()).listener(new IdempotencyListener() {
            @Override
            public void onLeaseLost(String s, String k, long attempt) {
                leaseLost.incrementAndGet();
            }
        }).build();
        AtomicInteger executions = new AtomicInteger();
        AtomicReference<IdempotencyResult> retry = new AtomicReference<>();
        IdempotencyLeaseLostException stale = assertThrows(IdempotencyLeaseLostException.class,
                () -> idempotency.execute(scope, "slow", Fingerprint.sha256("a"), claim -> {
                    executions.incrementAndGet();
                    passTime(shortLease().toMillis() + 100); // the holder stalls past its lease
                    retry.set(idempotency.execute(scope, "slow", Fingerprint.sha256("a"), again -> {
                        executions.incrementAndGet();
                        return text("attempt " + again.attempt());
                    }));
                    return text("attempt " + claim.attempt());
                }));
        assertEquals(1, stale.attempt());
        assertEquals(1, leaseLost.get());
        assertEquals(2, executions.get());
        assertEquals("attempt 2", retry.get().response().bodyText());
        IdempotencyResult replay = idempotency.execute(scope, "slow", Fingerprint.sha256("a"), c -> text("no"));
        assertTrue(replay.replayed());
        assertEquals("attempt 2", replay.response().bodyText(), "the stale completion wrote nothing");
    }

    @Test
    public void staleCallsOfAnOldAttemptNeverTouchTheNewHolder() {
        Duration retention = Duration.ofHours(1);
        ClaimResult first = store().claim(scope, "fence", Fingerprint.sha256("a"), shortLease(), retention);
        assertTrue(store().release(scope, "fence", first.attempt()));
        assertFalse(store().release(scope, "fence", first.attempt()), "a second release is refused");
        ClaimResult second = store().claim(scope, "fence", Fingerprint.sha256("a"), Duration.ofMinutes(5), retention);
        assertEquals(ClaimResult.Outcome.CLAIMED, second.outcome());
        assertEquals(first.attempt() + 1, second.attempt());
        assertFalse(store().release(scope, "fence", first.attempt()));
        assertFalse(store().complete(scope, "fence", first.attempt(), text("stale"), retention));
        assertFalse(store().savePoint(scope, "fence", first.attempt(), "p", shortLease()));
        assertEquals(ClaimResult.Outcome.IN_PROGRESS,
                store().claim(scope, "fence", Fingerprint.sha256("a"), shortLease(), retention).outcome());
        assertTrue(store().complete(scope, "fence", second.attempt(), text("second"), retention));
        assertFalse(store().complete(scope, "fence", second.attempt(), text("again"), retention));
        ClaimResult replay = store().claim(scope, "fence", Fingerprint.sha256("a"), shortLease(), retention);
        assertEquals(ClaimResult.Outcome.COMPLETED, replay.outcome());
        assertEquals("second", replay.response().bodyText());
    }

    @Test
    public void aFailureReleasesTheKeyUnlessItsTypeIsStored() throws Exception {
        Idempotency idempotency = executor()
                .storeFailure(IllegalStateException.class,
                        e -> StoredResponse.of(402, Map.of(), e.getMessage().getBytes(StandardCharsets.UTF_8)))
                .build();
        AtomicInteger executions = new AtomicInteger();
        Idempotency.Action timesOut = claim -> {
            executions.incrementAndGet();
            throw new java.util.concurrent.TimeoutException("gateway timed out");
        };
        assertThrows(java.util.concurrent.TimeoutException.class,
                () -> idempotency.execute(scope, "flaky", Fingerprint.sha256("a"), timesOut));
        IdempotencyResult retried = idempotency.execute(scope, "flaky", Fingerprint.sha256("a"), claim -> {
            executions.incrementAndGet();
            assertEquals(2, claim.attempt());
            return text("charged");
        });
        assertFalse(retried.replayed());
        assertEquals(2, executions.get());

        IdempotencyResult declined = idempotency.execute(scope, "declined", Fingerprint.sha256("a"), claim -> {
            throw new IllegalStateException("card declined");
        });
        assertEquals(402, declined.response().status());
        assertFalse(declined.replayed());
        IdempotencyResult replayed = idempotency.execute(scope, "declined", Fingerprint.sha256("a"),
                claim -> text("charged"));
        assertTrue(replayed.replayed());
        assertEquals("card declined", replayed.response().bodyText());
    }

    @Test
    public void anOversizedResponseIsRefusedAndReleasesTheKey() throws Exception {
        Idempotency idempotency = executor().maxResponseBytes(1000).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> idempotency.execute(scope, "big", Fingerprint.sha256("a"),
                        claim -> StoredResponse.of(new byte[1001])));
        assertEquals("response must be at most 1000 bytes but was 1001 bytes", e.getMessage());
        assertEquals("small", idempotency.execute(scope, "big", Fingerprint.sha256("a"), claim -> text("small"))
                .response().bodyText());
    }

    @Test
    public void aReExecutionResumesFromTheLastRecoveryPoint() throws Exception {
        Idempotency idempotency = executor().lease(shortLease()).build();
        List<String> steps = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> idempotency.execute(scope, "order", Fingerprint.sha256("a"),
                claim -> {
                    assertTrue(claim.recoveryPoint().isEmpty());
                    steps.add("create order");
                    claim.savePoint("order-created");
                    assertEquals("order-created", claim.recoveryPoint().orElseThrow());
                    throw new IllegalStateException("crash before charging");
                }));
        IdempotencyResult result = idempotency.execute(scope, "order", Fingerprint.sha256("a"), claim -> {
            if (claim.recoveryPoint().isEmpty()) {
                steps.add("create order");
            }
            steps.add("charge");
            return text("done at attempt " + claim.attempt());
        });
        assertEquals(List.of("create order", "charge"), steps);
        assertEquals("done at attempt 2", result.response().bodyText());
    }

    @Test
    public void aRecordPastItsRetentionIsForgotten() throws Exception {
        Idempotency idempotency = executor().retention(shortLease()).build();
        idempotency.execute(scope, "old", Fingerprint.sha256("a"), claim -> text("first"));
        passTime(shortLease().toMillis() + 100);
        IdempotencyResult again = idempotency.execute(scope, "old", Fingerprint.sha256("b"), claim -> text("new"));
        assertFalse(again.replayed());
        assertEquals("new", again.response().bodyText());
    }

    @Test
    public void fiftyConcurrentDuplicatesExecuteOnceAndWaitersGetTheSameResponse() throws Exception {
        Idempotency idempotency = executor().waitFor(Duration.ofSeconds(20)).build();
        int[] executions = {0}; // unsynchronized on purpose: exactly one thread may write it
        List<IdempotencyResult> results = duplicates(50, () -> idempotency.execute(scope, "hot",
                Fingerprint.sha256("pay 10"), claim -> {
                    executions[0]++;
                    Thread.sleep(50);
                    return text("charged once");
                }));
        assertEquals(1, executions[0]);
        assertEquals(50, results.size());
        assertEquals(1, results.stream().filter(r -> !r.replayed()).count());
        for (IdempotencyResult result : results) {
            assertEquals("charged once", result.response().bodyText());
        }
    }

    @Test
    public void fiftyConcurrentDuplicatesWithoutWaitingExecuteOnceAndTheOthersGet409() throws Exception {
        Idempotency idempotency = executor().build();
        AtomicInteger executions = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        List<IdempotencyResult> results = duplicates(50, () -> {
            try {
                return idempotency.execute(scope, "hot409", Fingerprint.sha256("pay 10"), claim -> {
                    executions.incrementAndGet();
                    Thread.sleep(400);
                    return text("charged once");
                });
            } catch (IdempotencyInProgressException e) {
                conflicts.incrementAndGet();
                return null;
            }
        });
        assertEquals(1, executions.get());
        long answered = results.stream().filter(r -> r != null).count();
        assertEquals(50, answered + conflicts.get());
        assertTrue(conflicts.get() >= 1, "duplicates during the 400 ms execution get 409");
        results.stream().filter(r -> r != null)
                .forEach(r -> assertEquals("charged once", r.response().bodyText()));
    }

    /** Runs {@code n} copies of {@code call} released at once; returns their results. */
    public static <T> List<T> duplicates(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
