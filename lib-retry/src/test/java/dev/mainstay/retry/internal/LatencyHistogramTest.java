package dev.mainstay.retry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;

class LatencyHistogramTest {

    @Test
    void everyValueFallsInABucketWhoseBoundsHoldItWithin12AndAHalfPercent() {
        QuickTheory.qt().forAll(SourceDSL.longs().between(0, Long.MAX_VALUE)).checkAssert(value -> {
            int index = LatencyHistogram.index(value);
            assertTrue(index >= 0 && index < LatencyHistogram.BUCKETS, "index " + index);
            long low = LatencyHistogram.lowerBound(index);
            long high = LatencyHistogram.upperBound(index);
            assertTrue(low <= value && value <= high, low + " <= " + value + " <= " + high);
            assertTrue(high - low <= Math.max(0, low / 8), "bucket width " + (high - low) + " at " + low);
        });
    }

    @Test
    void reportsNothingBeforeTheMinimumThenThePercentile() {
        LatencyHistogram histogram = new LatencyHistogram(90, 100, 1_000);
        for (int i = 0; i < 99; i++) {
            histogram.record(1_000_000);
        }
        assertEquals(-1, histogram.percentileNanos());
        histogram.record(50_000_000);
        long p90 = histogram.percentileNanos();
        assertTrue(p90 >= 1_000_000 && p90 <= 1_125_000, "p90 " + p90);
    }

    @Test
    void forgetsOldSamplesByHalving() {
        LatencyHistogram histogram = new LatencyHistogram(50, 100, 1_000);
        for (int i = 0; i < 2_000; i++) {
            histogram.record(1_000_000);
        }
        assertEquals(1_000, histogram.count(), "halved at twice the window");
        for (int i = 0; i < 1_600; i++) {
            histogram.record(8_000_000);                 // the service got slower
        }
        long p50 = histogram.percentileNanos();
        assertTrue(p50 >= 8_000_000 && p50 <= 9_000_000, "the median follows the recent samples: " + p50);
    }
}
