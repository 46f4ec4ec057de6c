package dev.mainstay.hashring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.hashring.internal.Ketama;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashRingTest {

    private static HashRing<String> ring(String... ids) {
        HashRing.Builder<String> builder = HashRing.builder();
        for (String id : ids) {
            builder.node(id, "node-" + id);
        }
        return builder.build();
    }

    // ---------------------------------------------------------------- bad input, one test per setting

    @Test
    void noNodesIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HashRing.builder().build());
        assertTrue(e.getMessage().contains("at least one node"), e.getMessage());
    }

    @Test
    void weightBelowOneIsRejected() {
        for (int weight : new int[] {0, -1, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HashRing.<String>builder().node("a", "a", weight));
            assertEquals("weight must be >= 1 but was " + weight + " (node \"a\")", e.getMessage());
        }
    }

    @Test
    void duplicateIdsAreRejected() {
        HashRing.Builder<String> builder = HashRing.<String>builder().node("a", "first");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.node("a", "second"));
        assertEquals("id must be unique but \"a\" was already added", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ring("a", "b").withNode("b", "again"));
    }

    @Test
    void blankIdsAreRejected() {
        HashRing.Builder<String> builder = HashRing.builder();
        for (String blank : new String[] {"", " ", "\t"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.node(blank, "x"));
            assertEquals("id must not be blank but was '" + blank + "'", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ring("a").withNode(" ", "x"));
    }

    @Test
    void nullsAreRejectedNamingTheParameter() {
        HashRing.Builder<String> builder = HashRing.builder();
        assertEquals("id", assertThrows(NullPointerException.class, () -> builder.node(null, "x")).getMessage());
        assertEquals("node", assertThrows(NullPointerException.class, () -> builder.node("x", null)).getMessage());
        assertEquals("hash", assertThrows(NullPointerException.class, () -> builder.hash(null)).getMessage());
        assertEquals("placement",
                assertThrows(NullPointerException.class, () -> builder.placement(null)).getMessage());
        assertEquals("id", assertThrows(NullPointerException.class, () -> ring("a").withoutNode(null)).getMessage());
    }

    @Test
    void pointsPerNodeOutOfRangeIsRejected() {
        for (int points : new int[] {0, -5, RingConfig.MAX_POINTS_PER_NODE + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HashRing.builder().pointsPerNode(points));
            assertEquals("pointsPerNode must be between 1 and 65536 but was " + points, e.getMessage());
        }
    }

    @Test
    void ketamaNeedsPointsInFoursAndItsOwnHash() {
        IllegalArgumentException points = assertThrows(IllegalArgumentException.class, () -> HashRing.<String>builder()
                .placement(Placement.KETAMA).pointsPerNode(150).node("a", "a").build());
        assertEquals("pointsPerNode must be a multiple of 4 in KETAMA placement but was 150", points.getMessage());
        IllegalArgumentException hash = assertThrows(IllegalArgumentException.class, () -> HashRing.<String>builder()
                .placement(Placement.KETAMA).hash(RingHash.xxh64()).node("a", "a").build());
        assertTrue(hash.getMessage().startsWith("hash must be RingHash.ketamaMd5() in KETAMA placement"),
                hash.getMessage());
    }

    @Test
    void ketamaWeightTooSmallForOneDigestIsRejected() {
        HashRing.Builder<String> builder = HashRing.<String>builder().placement(Placement.KETAMA)
                .node("tiny", "tiny", 1).node("huge", "huge", 1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith("weight 1 of node \"tiny\" gives it no point"), e.getMessage());
    }

    @Test
    void tooManyPointsAreRejected() {
        HashRing.Builder<String> builder = HashRing.<String>builder().pointsPerNode(65536)
                .node("a", "a", 600);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith("the ring would have 39321600 points, more than 33554432"),
                e.getMessage());
    }

    @Test
    void replicasBeyondTheNodeCountAreRejected() {
        HashRing<String> ring = ring("a", "b", "c");
        for (int count : new int[] {0, -1, 4}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ring.nodesFor("k", count));
            assertEquals("count must be between 1 and 3 (the node count) but was " + count, e.getMessage());
        }
    }

    @Test
    void removingAnUnknownOrTheLastNodeIsRejected() {
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> ring("a", "b").withoutNode("z"));
        assertEquals("id must name a node of the ring but was \"z\"", unknown.getMessage());
        assertThrows(IllegalStateException.class, () -> ring("a").withoutNode("a"));
    }

    @Test
    void epsilonMustBePositiveAndFinite() {
        HashRing<String> ring = ring("a", "b");
        for (double epsilon : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ring.nodeFor(1L, epsilon, node -> 0, 0));
            assertEquals("epsilon must be a finite number > 0 but was " + epsilon, e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ring.nodeFor(1L, 0.5, node -> 0, -1));
    }

    // ---------------------------------------------------------------- lookups

    @Test
    void everyKindOfKeyFindsTheSameNode() {
        HashRing<String> ring = ring("a", "b", "c", "d", "e");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String key = "key-" + i;
            String node = ring.nodeFor(key);
            assertEquals(node, ring.nodeFor(key.getBytes(StandardCharsets.UTF_8)));
            assertEquals(node, ring.nodeFor(ring.hash(key)));
            assertEquals(node, ring.nodeFor(new StringBuilder(key)));
            assertEquals(node, ring.nodesFor(key, 1).get(0));
            seen.add(node);
        }
        assertEquals(Set.of("node-a", "node-b", "node-c", "node-d", "node-e"), seen);
    }

    @Test
    void aKeyBelongsToTheFirstPointAtOrAfterIt() {
        HashRing<String> ring = ring("a", "b", "c");
        for (int i = 0; i < ring.pointCount(); i++) {
            long position = ring.position(i);
            String owner = ring.node(ring.ownerOf(i));
            assertEquals(owner, ring.nodeFor(position), "at the point");
            assertEquals(owner, ring.nodeFor(position - HashRing.OWNER_MASK - 1 + 1), "just after the previous");
        }
        // past the last point wraps to the first
        assertEquals(ring.node(ring.ownerOf(0)), ring.nodeFor(-1L));
        assertEquals(ring.node(ring.ownerOf(0)), ring.nodeFor(0L));
    }

    @Test
    void oneNodeTakesEverything() {
        HashRing<String> ring = HashRing.<String>builder().pointsPerNode(1).node("solo", "solo").build();
        assertEquals(1, ring.pointCount());
        for (long hash : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 42}) {
            assertEquals("solo", ring.nodeFor(hash));
        }
        assertEquals(1.0, ring.shareOf("solo"));
        assertEquals(List.of("solo"), ring.nodesFor("k", 1));
    }

    @Test
    void replicasAreDistinctAndStartWithThePrimary() {
        HashRing<String> ring = ring("a", "b", "c", "d");
        for (int i = 0; i < 500; i++) {
            String key = "k" + i;
            List<String> four = ring.nodesFor(key, 4);
            assertEquals(4, new HashSet<>(four).size());
            assertEquals(ring.nodeFor(key), four.get(0));
            assertEquals(four.subList(0, 2), ring.nodesFor(key, 2));
            assertEquals(four, ring.nodesFor(key.getBytes(StandardCharsets.UTF_8), 4));
        }
        assertThrows(UnsupportedOperationException.class, () -> ring.nodesFor("k", 2).add("x"));
    }

    @Test
    void theOrderOfAdditionDoesNotMatter() {
        HashRing<String> forward = ring("a", "b", "c", "d");
        HashRing<String> backward = ring("d", "c", "b", "a");
        HashRing<String> grown = ring("b", "d").withNode("c", "node-c").withNode("a", "node-a");
        for (int i = 0; i < 1000; i++) {
            String key = "k" + i;
            assertEquals(forward.nodeFor(key), backward.nodeFor(key));
            assertEquals(forward.nodeFor(key), grown.nodeFor(key));
            assertEquals(forward.nodesFor(key, 3), backward.nodesFor(key, 3));
        }
        assertEquals(List.of("a", "b", "c", "d"), backward.ids());
    }

    @Test
    void collidingPointsGoToTheSmallerIdWhateverTheOrder() {
        // Ketama points are 32-bit, so among 1000 nodes a few points collide: find one.
        Map<Long, String> owners = new HashMap<>();
        long[] four = new long[4];
        String first = null;
        String second = null;
        long position = 0;
        search:
        for (int node = 0; node < 1000; node++) {
            String id = "cache-" + node;
            for (int k = 0; k < 40; k++) {
                Ketama.points(id, k, four, 0);
                for (long point : four) {
                    String other = owners.putIfAbsent(point, id);
                    if (other != null && !other.equals(id)) {
                        first = other;
                        second = id;
                        position = point;
                        break search;
                    }
                }
            }
        }
        assertTrue(first != null, "1000 ketama nodes have a colliding point");
        String smaller = first.compareTo(second) < 0 ? first : second;
        HashRing<String> forward = HashRing.<String>builder().placement(Placement.KETAMA)
                .node(first, first).node(second, second).build();
        HashRing<String> backward = HashRing.<String>builder().placement(Placement.KETAMA)
                .node(second, second).node(first, first).build();
        assertEquals(smaller, forward.nodeFor(position));
        assertEquals(smaller, backward.nodeFor(position));
        assertEquals(319, forward.pointCount(), "the shared point is kept once");
        long[] points = forward.points();
        for (int i = 1; i < points.length; i++) {
            assertTrue((points[i - 1] & ~HashRing.OWNER_MASK) < (points[i] & ~HashRing.OWNER_MASK));
        }
    }

    @Test
    void weightsMultiplyPointsAndShares() {
        HashRing<String> ring = HashRing.<String>builder().pointsPerNode(1000)
                .node("light", "light", 1).node("heavy", "heavy", 3).build();
        assertEquals(1000, ring.pointsOf("light"));
        assertEquals(3000, ring.pointsOf("heavy"));
        assertEquals(1, ring.weightOf("light"));
        assertEquals(3, ring.weightOf("heavy"));
        assertEquals(0, ring.weightOf("none"));
        assertEquals(0.25, ring.shareOf("light"), 0.03);
        assertEquals(0.75, ring.shareOf("heavy"), 0.03);
        assertEquals(1.0, ring.shareOf("light") + ring.shareOf("heavy"), 1e-9);
    }

    @Test
    void everyNodeHasAtLeastOnePoint() {
        HashRing<String> ring = HashRing.<String>builder().pointsPerNode(1)
                .node("a", "a").node("b", "b").node("c", "c", 5).build();
        assertEquals(1, ring.pointsOf("a"));
        assertEquals(1, ring.pointsOf("b"));
        assertEquals(5, ring.pointsOf("c"));
        assertEquals(0, ring.pointsOf("none"));
    }

    @Test
    void membershipChangesLeaveTheOriginalAlone() {
        HashRing<String> ring = ring("a", "b");
        HashRing<String> more = ring.withNode("c", "node-c", 2);
        HashRing<String> less = more.withoutNode("a");
        assertEquals(List.of("a", "b"), ring.ids());
        assertEquals(List.of("a", "b", "c"), more.ids());
        assertEquals(List.of("b", "c"), less.ids());
        assertEquals(List.of("node-b", "node-c"), less.nodes());
        assertEquals(2, less.weightOf("c"));
        assertEquals(Optional.of("node-c"), less.node("c"));
        assertEquals(Optional.empty(), less.node("a"));
        assertEquals(ring.config(), ring.toBuilder().build().config());
    }

    @Test
    void aPluggedHashPlacesKeys() {
        RingHash constant = (bytes, offset, length) -> 12345L;
        HashRing<String> ring = HashRing.<String>builder().hash(constant).node("a", "a").node("b", "b").build();
        String node = ring.nodeFor("anything");
        for (int i = 0; i < 100; i++) {
            assertEquals(node, ring.nodeFor("key " + i));
        }
        assertEquals(ring.nodeFor(12345L), node);
        assertSame(constant, ring.config().hash());
        assertSame(constant, ring.withNode("c", "c").config().hash());
    }

    @Test
    void configAndDescription() {
        HashRing<String> ring = ring("a", "b");
        assertEquals(new RingConfig(Placement.STANDARD, 160, RingHash.xxh64()), ring.config());
        assertEquals("HashRing[2 nodes, 320 points, STANDARD, xxh64(seed=0)]", ring.toString());
        assertTrue(ring.bytesPerPoint() > 8 && ring.bytesPerPoint() <= 12.1, "bytes per point " + ring.bytesPerPoint());
        HashRing<String> ketama = HashRing.<String>builder().placement(Placement.KETAMA).node("a", "a").build();
        assertEquals(Placement.KETAMA, ketama.withNode("b", "b").config().placement());
        assertSame(RingHash.ketamaMd5(), ketama.withNode("b", "b").config().hash());
    }

    // ---------------------------------------------------------------- bounded loads with the caller's loads

    @Test
    void boundedLookupPassesFullNodesClockwise() {
        HashRing<String> ring = ring("a", "b", "c");
        long hash = ring.hash("key");
        List<String> order = ring.nodesFor(hash, 3);
        // 9 placed: capacity ceil(1.1 * 10 / 3) = 4
        assertEquals(order.get(0), ring.nodeFor(hash, 0.1, node -> 3, 9));
        assertEquals(order.get(1), ring.nodeFor(hash, 0.1, node -> node.equals(order.get(0)) ? 4 : 3, 9));
        assertEquals(order.get(2), ring.nodeFor(hash, 0.1, node -> node.equals(order.get(2)) ? 1 : 4, 9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ring.nodeFor(hash, 0.1, node -> 100, 9));
        assertEquals("no node is below the capacity 4: the loads sum to 300, more than totalLoad 9", e.getMessage());
    }
}
