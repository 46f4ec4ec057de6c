package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of grants and releases, stale and double releases included, against an obvious model: the
 * limiter grants exactly when the model says it may, a release frees a slot exactly when the permit still held one,
 * and the counts in flight (total and per partition) always match.
 */
class ConcurrencyLimiterPropertiesTest {

    private record Held(Permit permit, int partition) {}

    @Test
    void aFixedLimitMatchesTheModel() {
        qt().withExamples(200)
                .forAll(integers().between(1, 12), longs().all())
                .checkAssert((limit, seed) -> run(limit, 0, seed));
    }

    @Test
    void partitionsMatchTheModel() {
        qt().withExamples(200)
                .forAll(integers().between(1, 12), integers().between(1, 9), longs().all())
                .checkAssert((limit, tenths, seed) -> run(limit, tenths, seed));
    }

    /** {@code tenths > 0}: partitions "a" (tenths / 10 of the limit) and "b" (the rest, at most 0.9). */
    private static void run(int limit, int tenths, long seed) {
        ConcurrencyLimiter.Builder builder = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(limit));
        double[] shares = {};
        if (tenths > 0) {
            shares = new double[] {tenths / 10.0, Math.min(0.9, (10 - tenths) / 10.0)};
            builder.partition("a", shares[0]).partition("b", shares[1]);
        }
        ConcurrencyLimiter limiter = builder.build();
        ConcurrencyLimiter[] views = tenths > 0
                ? new ConcurrencyLimiter[] {limiter, limiter.partition("a"), limiter.partition("b")}
                : new ConcurrencyLimiter[] {limiter};
        int[] reserved = new int[views.length];
        for (int v = 1; v < views.length; v++) {
            reserved[v] = (int) Math.floor(limit * shares[v - 1] + 1e-9);
            assertEquals(reserved[v], views[v].limit());
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Held> held = new ArrayList<>();
        List<Held> released = new ArrayList<>();
        int[] inPartition = new int[views.length];
        for (int step = 0; step < 200; step++) {
            int op = random.nextInt(3);
            if (op == 0 || held.isEmpty() && released.isEmpty()) {
                int v = random.nextInt(views.length);
                boolean may = held.size() < limit || v > 0 && inPartition[v] < reserved[v];
                Permit permit = views[v].tryAcquire();
                assertEquals(may, permit.isGranted(), "step " + step + ": grant in view " + v);
                if (permit.isGranted()) {
                    held.add(new Held(permit, v));
                    inPartition[v]++;
                }
            } else if (op == 1 && !held.isEmpty()) {
                Held h = held.remove(random.nextInt(held.size()));
                assertEquals(true, release(h.permit(), random), "step " + step + ": a held permit frees its slot");
                inPartition[h.partition()]--;
                released.add(h);
            } else if (!released.isEmpty()) {
                Held stale = released.get(random.nextInt(released.size()));
                assertEquals(false, release(stale.permit(), random), "step " + step + ": a stale permit frees nothing");
            }
            assertEquals(held.size(), limiter.inFlight(), "step " + step);
            for (int v = 1; v < views.length; v++) {
                assertEquals(inPartition[v], views[v].inFlight(), "step " + step + ", partition " + v);
            }
        }
    }

    private static boolean release(Permit permit, SplittableRandom random) {
        switch (random.nextInt(4)) {
            case 0:
                return permit.success();
            case 1:
                return permit.dropped();
            case 2:
                return permit.ignored();
            default:
                boolean wasHeld = permit.toString().endsWith("held]");
                permit.close();
                return wasHeld;
        }
    }
}
