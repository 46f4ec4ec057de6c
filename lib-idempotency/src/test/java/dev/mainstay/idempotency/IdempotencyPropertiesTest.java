package dev.mainstay.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.mainstay.idempotency.IdempotencyStore.ClaimResult;
import dev.mainstay.idempotency.internal.ResponseCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random histories of claims, completions, releases, recovery points and time passing on the in-memory store, with
 * tickers starting anywhere (near {@code Long.MAX_VALUE} and below zero included), checked against the invariants
 * of the model: one live holder at most, attempt numbers rising, stale attempts refused, replays equal to the one
 * stored response, fingerprints checked on every path.
 */
class IdempotencyPropertiesTest {

    private static final long LEASE = 100;
    private static final long RETENTION = 1_000;

    @Test
    void randomHistoriesKeepTheInvariants() {
        qt().withExamples(300).forAll(longs().all(), longs().all())
                .checkAssert((start, seed) -> history(start, new SplittableRandom(seed)));
    }

    private static void history(long start, SplittableRandom random) {
        FakeTicker ticker = new FakeTicker(start);
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().ticker(ticker).build();
        Fingerprint[] fingerprints = {Fingerprint.sha256("a"), Fingerprint.sha256("b")};
        Duration lease = Duration.ofNanos(LEASE);
        Duration retention = Duration.ofNanos(RETENTION);
        long maxAttempt = 0;
        long holder = 0;            // the attempt holding a live lease, 0 if none (as the model sees it)
        long holderLeaseEnd = 0;
        long elapsed = 0;           // time since start, never wraps
        long expiresAt = -1;        // when the record stops counting, in elapsed time; -1: no record
        String completed = null;    // the stored response body
        Fingerprint owner = null;   // the record's fingerprint
        Map<Long, Boolean> staleTried = new HashMap<>();
        for (int step = 0; step < 60; step++) {
            int op = random.nextInt(5);
            boolean exists = expiresAt >= 0 && expiresAt > elapsed;
            if (op == 0) {
                long by = random.nextLong(LEASE * 2);
                ticker.advance(by);
                elapsed += by;
            } else if (op == 1) {
                Fingerprint fp = fingerprints[random.nextInt(2)];
                ClaimResult r = store.claim("s", "k", fp, lease, retention);
                boolean live = holder != 0 && holderLeaseEnd > elapsed;
                if (!exists || (owner == null)) {
                    assertEquals(ClaimResult.Outcome.CLAIMED, r.outcome());
                } else if (!fp.equals(owner)) {
                    assertEquals(ClaimResult.Outcome.KEY_REUSED, r.outcome());
                } else if (completed != null) {
                    assertEquals(ClaimResult.Outcome.COMPLETED, r.outcome());
                    assertEquals(completed, r.response().bodyText());
                } else if (live) {
                    assertEquals(ClaimResult.Outcome.IN_PROGRESS, r.outcome());
                    assertEquals(holderLeaseEnd - elapsed, r.remainingNanos());
                } else {
                    assertEquals(ClaimResult.Outcome.CLAIMED, r.outcome());
                }
                if (r.outcome() == ClaimResult.Outcome.CLAIMED) {
                    assertTrue(r.attempt() > maxAttempt, "attempt numbers rise");
                    maxAttempt = r.attempt();
                    holder = r.attempt();
                    holderLeaseEnd = elapsed + LEASE;
                    if (!exists) {
                        expiresAt = elapsed + RETENTION;
                    } else {
                        expiresAt = Math.max(expiresAt, elapsed + RETENTION);
                    }
                    completed = null;
                    owner = fp;
                }
            } else if (op == 2 || op == 3) {
                long attempt = random.nextInt(3) == 0 && maxAttempt > 1 ? 1 + random.nextLong(maxAttempt)
                        : maxAttempt;
                boolean holds = exists && attempt != 0 && attempt == holder && completed == null;
                if (op == 2) {
                    String body = "r" + step;
                    boolean done = store.complete("s", "k", attempt, StoredResponse.ofText(body), retention);
                    assertEquals(holds, done, "complete by attempt " + attempt + " of holder " + holder);
                    if (done) {
                        completed = body;
                        holder = 0;
                        expiresAt = elapsed + RETENTION;
                    } else {
                        staleTried.put(attempt, true);
                    }
                } else {
                    boolean done = store.release("s", "k", attempt);
                    assertEquals(holds, done);
                    if (done) {
                        holder = 0;
                        owner = null;
                    }
                }
            } else {
                boolean holds = exists && maxAttempt != 0 && maxAttempt == holder && completed == null;
                assertEquals(holds, store.savePoint("s", "k", maxAttempt, "p" + step, lease));
                if (holds) {
                    holderLeaseEnd = elapsed + LEASE;
                }
            }
            if (expiresAt >= 0 && expiresAt <= elapsed) {
                owner = null;
                completed = null;
                holder = 0;
            }
        }
    }

    @Test
    void everyValidKeyExecutesOnceAndReplaysItsResponse() {
        qt().withExamples(200).forAll(strings().betweenCodePoints(0x20, 0x2FFF).ofLengthBetween(1, 255),
                strings().allPossible().ofLengthBetween(0, 50))
                .checkAssert((key, body) -> {
                    if (key.chars().anyMatch(Character::isISOControl) || key.length() > 255) {
                        return;
                    }
                    Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).build();
                    int[] executions = {0};
                    try {
                        IdempotencyResult first = idempotency.execute("s", key, Fingerprint.sha256(body), c -> {
                            executions[0]++;
                            return StoredResponse.ofText(body);
                        });
                        IdempotencyResult again = idempotency.execute("s", key, Fingerprint.sha256(body), c -> {
                            executions[0]++;
                            return StoredResponse.ofText("x");
                        });
                        assertFalse(first.replayed());
                        assertTrue(again.replayed());
                        assertEquals(first.response(), again.response());
                        assertEquals(1, executions[0]);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void keysWithAControlCharacterOrOver255CharactersAreRefused() {
        Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).build();
        qt().withExamples(200).forAll(strings().ascii().ofLengthBetween(0, 20), integers().between(0, 0x9F),
                integers().between(256, 600))
                .checkAssert((prefix, control, length) -> {
                    char c = (char) (control < 0x20 ? control : control < 0x40 ? 0x7F : 0x80 + control % 0x20);
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> idempotency.execute("s", prefix + c, Fingerprint.sha256("x"),
                                    claim -> StoredResponse.ofText("")));
                    assertTrue(e.getMessage().startsWith("key must not contain control characters"), e.getMessage());
                    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                            () -> idempotency.execute("s", "k".repeat(length), Fingerprint.sha256("x"),
                                    claim -> StoredResponse.ofText("")));
                    assertEquals("key must be at most 255 characters but was " + length + " characters",
                            tooLong.getMessage());
                });
    }

    @Test
    void theCodecRoundTripsEveryResponse() {
        qt().withExamples(300).forAll(integers().between(0, 999), strings().allPossible().ofLengthBetween(1, 20),
                strings().allPossible().ofLengthBetween(0, 40), longs().all())
                .checkAssert((status, name, value, seed) -> {
                    byte[] body = new byte[new SplittableRandom(seed).nextInt(500)];
                    new SplittableRandom(seed).nextBytes(body);
                    StoredResponse response = StoredResponse.of(status, Map.of(name, List.of(value, "")), body);
                    assertEquals(response, ResponseCodec.decode(ResponseCodec.encode(response)));
                });
    }
}
