package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackoffPropertiesTest {

    @Test
    void everyKindStaysWithinZeroAndTheCap() {
        qt().withExamples(2000).forAll(
                longs().between(0, 10_000_000_000L),
                integers().between(100, 1000),
                longs().between(0, 100_000_000_000L),
                integers().between(0, 200 * 1_000_000 - 1))
            .checkAssert((base, multiplierTimes100, extra, retryAndDraw) -> {
                int retry = 1 + retryAndDraw % 200;
                double u = (retryAndDraw / 200) / 1_000_000.0;
                long cap = base + extra;
                Backoff exponential = Backoff.exponential(Duration.ofNanos(base), multiplierTimes100 / 100.0,
                        Duration.ofNanos(cap));
                for (Backoff backoff : new Backoff[] {exponential, exponential.withFullJitter(),
                        exponential.withEqualJitter(), Backoff.fixed(Duration.ofNanos(cap)).withEqualJitter()}) {
                    long delay = backoff.delayNanos(retry, 0, u);
                    assertTrue(delay >= 0 && delay <= cap, backoff + " gave " + delay);
                }
                long plain = exponential.delayNanos(retry, 0, u);
                assertTrue(exponential.withEqualJitter().delayNanos(retry, 0, u) >= plain / 2);
            });
    }

    @Test
    void decorrelatedJitterFollowsItsRecurrence() {
        qt().withExamples(500).forAll(
                longs().between(1, 1_000_000_000L),
                longs().between(0, 60_000_000_000L),
                integers().between(1, 1000))
            .checkAssert((base, extra, seed) -> {
                long cap = base + extra;
                Backoff backoff = Backoff.decorrelatedJitter(Duration.ofNanos(base), Duration.ofNanos(cap));
                java.util.Random random = new java.util.Random(seed);
                long previous = base;
                for (int retry = 1; retry <= 30; retry++) {
                    long delay = backoff.delayNanos(retry, previous, random.nextDouble());
                    long high = Math.min(cap, 3 * previous);
                    assertTrue(delay >= base && delay <= high,
                            "retry " + retry + ": " + delay + " not in [" + base + ", " + high + "]");
                    previous = delay;
                }
                assertEquals(base, backoff.delayNanos(1, 12345, 0.0));
            });
    }

    @Test
    void retrySleepsStayWithinTheCapAndTheDeadline() {
        qt().withExamples(300).forAll(
                longs().between(1, 2_000),
                longs().between(1, 5_000),
                longs().between(1, 20_000),
                integers().between(0, 2))
            .checkAssert((baseMs, capExtraMs, deadlineMs, kind) -> {
                FakeTime time = FakeTime.nearMax();
                Backoff exponential = Backoff.exponential(Duration.ofMillis(baseMs), 2.0,
                        Duration.ofMillis(baseMs + capExtraMs));
                Backoff backoff = switch (kind) {
                    case 0 -> exponential.withFullJitter();
                    case 1 -> exponential.withEqualJitter();
                    default -> Backoff.decorrelatedJitter(Duration.ofMillis(baseMs),
                            Duration.ofMillis(baseMs + capExtraMs));
                };
                AtomicInteger calls = new AtomicInteger();
                Retry retry = Retry.builder().ticker(time).sleeper(time).backoff(backoff)
                        .maxAttempts(Integer.MAX_VALUE).deadline(Duration.ofMillis(deadlineMs)).build();
                try {
                    retry.run(() -> {
                        calls.incrementAndGet();
                        throw new IllegalStateException();
                    });
                } catch (IllegalStateException expected) {
                    // gave up
                }
                long total = 0;
                for (long sleep : time.sleeps) {
                    assertTrue(sleep >= 0 && sleep <= backoff.capNanos());
                    total += sleep;
                }
                assertTrue(total <= Duration.ofMillis(deadlineMs).toNanos());
                assertEquals(time.sleeps.size() + 1, calls.get());
            });
    }
}
