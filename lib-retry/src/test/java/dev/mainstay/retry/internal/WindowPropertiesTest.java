package dev.mainstay.retry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both windows compute the same counts and decisions as a naive model that keeps every outcome. */
class WindowPropertiesTest {

    private static boolean failed(int outcome) {
        return outcome == Window.FAILURE || outcome == Window.SLOW_FAILURE;
    }

    private static boolean slow(int outcome) {
        return outcome >= Window.SLOW_SUCCESS;
    }

    private static boolean exceeded(long[] counts, int minimum, float failureRate, float slowRate) {
        return counts[0] >= minimum
                && (counts[1] * 100.0 >= failureRate * counts[0] || counts[2] * 100.0 >= slowRate * counts[0]);
    }

    private static long[] tally(List<Integer> outcomes) {
        long[] counts = new long[3];
        for (int outcome : outcomes) {
            counts[0]++;
            counts[1] += failed(outcome) ? 1 : 0;
            counts[2] += slow(outcome) ? 1 : 0;
        }
        return counts;
    }

    @Test
    void countWindowMatchesTheLastNOutcomes() {
        qt().withExamples(300).forAll(
                integers().between(1, 40),
                integers().between(1, 50),
                integers().between(1, 100),
                lists().of(integers().between(1, 4)).ofSizeBetween(0, 200))
            .checkAssert((size, minimum, rate, outcomes) -> {
                float slowRate = rate % 2 == 0 ? rate : Float.POSITIVE_INFINITY;
                CountWindow window = new CountWindow(size, minimum, rate, slowRate);
                List<Integer> seen = new ArrayList<>();
                for (int outcome : outcomes) {
                    boolean decided = window.record(outcome, 0);
                    seen.add(outcome);
                    List<Integer> last = seen.subList(Math.max(0, seen.size() - size), seen.size());
                    long[] expected = tally(last);
                    assertArrayEquals(expected, window.counts(0));
                    boolean expectedDecision = (failed(outcome) || slow(outcome))
                            && exceeded(expected, Math.min(size, minimum), rate, slowRate);
                    assertEquals(expectedDecision, decided);
                }
            });
    }

    @Test
    void timeWindowMatchesTheOutcomesOfTheLastBuckets() {
        qt().withExamples(300).forAll(
                longs().between(Long.MIN_VALUE / 2, Long.MAX_VALUE),
                integers().between(1, 8),
                integers().between(1, 1000),
                lists().of(integers().between(0, 4 * 4 * 1000 * 3)).ofSizeBetween(0, 150))
            .checkAssert((origin, buckets, bucketNanos, steps) -> {
                TimeWindow window = new TimeWindow(origin, (long) buckets * bucketNanos, buckets, 5, 50f, 80f);
                List<long[]> seen = new ArrayList<>(); // {tick offset from origin, outcome}
                long offset = 0;
                for (int step : steps) {
                    int outcome = 1 + step % 4;
                    offset += step / 4 / 4;
                    long now = origin + offset; // may wrap past Long.MAX_VALUE
                    boolean decided = window.record(outcome, now);
                    seen.add(new long[] {offset, outcome});
                    long epoch = offset / bucketNanos;
                    List<Integer> inWindow = new ArrayList<>();
                    for (long[] record : seen) {
                        if (record[0] / bucketNanos > epoch - buckets) {
                            inWindow.add((int) record[1]);
                        }
                    }
                    long[] expected = tally(inWindow);
                    assertArrayEquals(expected, window.counts(now), "at offset " + offset);
                    assertEquals((failed(outcome) || slow(outcome)) && exceeded(expected, 5, 50f, 80f), decided);
                }
            });
    }
}
