package dev.mainstay.hashring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fixed-seed statistics: balance, disruption and bounded loads measured on large rings. */
class HashRingStatisticsTest {

    private static HashRing<String> ring(int nodes, int pointsPerNode, Placement placement) {
        HashRing.Builder<String> builder = HashRing.<String>builder().placement(placement).pointsPerNode(pointsPerNode);
        for (int i = 0; i < nodes; i++) {
            builder.node("10.0." + (i / 250) + "." + (i % 250) + ":11211", "n" + i);
        }
        return builder.build();
    }

    /** Standard deviation of node shares relative to the mean share: about 1/sqrt(V) for V points per node. */
    private static double relativeSpread(HashRing<String> ring) {
        double mean = 1.0 / ring.size();
        double sumOfSquares = 0;
        double total = 0;
        for (double share : ring.shares().values()) {
            total += share;
            sumOfSquares += (share - mean) * (share - mean);
        }
        assertEquals(1.0, total, 1e-9, "shares cover the ring");
        return Math.sqrt(sumOfSquares / ring.size()) / mean;
    }

    @Test
    void balanceWithinTenPercentOfOneOverRootV() {
        for (int points : new int[] {100, 1000}) {
            double expected = 1 / Math.sqrt(points);
            double spread = relativeSpread(ring(1000, points, Placement.STANDARD));
            assertEquals(expected, spread, 0.1 * expected, "V=" + points + ": spread " + spread);
        }
    }

    @Test
    void ketamaBalanceWithinTenPercentOfOneOverRootV() {
        double expected = 1 / Math.sqrt(160);
        double spread = relativeSpread(ring(1000, 160, Placement.KETAMA));
        assertEquals(expected, spread, 0.1 * expected);
    }

    @Test
    void addingANodeMovesAboutOneOverNPlusOneOfTheKeysAllToIt() {
        for (int nodes : new int[] {10, 100}) {
            HashRing<String> before = ring(nodes, 160, Placement.STANDARD);
            double movedSum = 0;
            int additions = 20;
            SplittableRandom random = new SplittableRandom(nodes);
            for (int a = 0; a < additions; a++) {
                HashRing<String> after = before.withNode("newcomer-" + a, "newcomer");
                int moved = 0;
                int keys = 20_000;
                for (int k = 0; k < keys; k++) {
                    long hash = random.nextLong();
                    String now = before.nodeFor(hash);
                    String then = after.nodeFor(hash);
                    if (!now.equals(then)) {
                        assertEquals("newcomer", then);
                        moved++;
                    }
                }
                double fraction = MovePlan.between(before, after).movedFraction();
                assertEquals(after.shareOf("newcomer-" + a), fraction, 1e-9);
                assertEquals(fraction, (double) moved / keys, 5 * Math.sqrt(fraction / keys) + 1e-3);
                movedSum += fraction;
            }
            double average = movedSum / additions;
            assertTrue(average <= 1.1 / (nodes + 1), "n=" + nodes + ": average moved " + average);
        }
    }

    @Test
    void removingANodeMovesExactlyItsShare() {
        HashRing<String> before = ring(50, 160, Placement.STANDARD);
        String leaving = before.ids().get(17);
        HashRing<String> after = before.withoutNode(leaving);
        MovePlan<String> plan = MovePlan.between(before, after);
        assertEquals(before.shareOf(leaving), plan.movedFraction(), 1e-9);
        for (MovePlan.Move<String> move : plan.moves()) {
            assertEquals(leaving, move.fromId());
        }
    }

    @Test
    void comparedWithHashModN() {
        // the reason for the ring: hash % n moves n/(n+1) of the keys when a node joins
        int nodes = 10;
        SplittableRandom random = new SplittableRandom(99);
        int moved = 0;
        int keys = 100_000;
        for (int k = 0; k < keys; k++) {
            long hash = random.nextLong();
            if (Math.floorMod(hash, nodes) != Math.floorMod(hash, nodes + 1)) {
                moved++;
            }
        }
        assertEquals(10.0 / 11, (double) moved / keys, 0.01);
        HashRing<String> before = ring(nodes, 160, Placement.STANDARD);
        double ringMoved = MovePlan.between(before, before.withNode("new", "new")).movedFraction();
        assertTrue(ringMoved < 0.15, "ring moved " + ringMoved);
    }

    @Test
    void boundedLoadsCapTheHottestNodeAndKeepMostKeysHome() {
        HashRing<String> ring = ring(10, 160, Placement.STANDARD);
        for (double epsilon : new double[] {0.05, 0.25, 1.0}) {
            BoundedLoads<String> loads = BoundedLoads.of(ring, epsilon);
            SplittableRandom random = new SplittableRandom(7);
            int keys = 50_000;
            int home = 0;
            Map<String, Integer> placed = new HashMap<>();
            for (int k = 0; k < keys; k++) {
                long hash = random.nextLong();
                String node = loads.acquire(hash).node();
                placed.merge(node, 1, Integer::sum);
                if (node.equals(ring.nodeFor(hash))) {
                    home++;
                }
            }
            long capacity = (long) Math.ceil((1 + epsilon) * keys / ring.size());
            int max = placed.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertTrue(max <= capacity, "epsilon " + epsilon + ": max " + max + " > " + capacity);
            assertTrue(home > keys * 0.85, "epsilon " + epsilon + ": only " + home + " keys on their own node");
        }
    }
}
