package dev.mainstay.hashring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class HashRingPropertiesTest {

    private static final int EXAMPLES = 60;

    private static List<String> ids(int count, long seed) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("node-" + Long.toHexString(seed) + "-" + i);
        }
        return ids;
    }

    private static HashRing<String> ring(List<String> ids, int pointsPerNode, Placement placement) {
        HashRing.Builder<String> builder = HashRing.<String>builder().pointsPerNode(pointsPerNode).placement(placement);
        for (String id : ids) {
            builder.node(id, id);
        }
        return builder.build();
    }

    private static Gen<Placement> placements() {
        return integers().between(0, 1).map(i -> Placement.values()[i]);
    }

    @Test
    void theRingDependsOnTheSetOfNodesNotTheirOrder() {
        qt().withExamples(EXAMPLES).withFixedSeed(1).forAll(integers().between(1, 25), longs().all(), placements())
                .checkAssert((count, seed, placement) -> {
                    List<String> ids = ids(count, seed);
                    HashRing<String> ring = ring(ids, 40, placement);
                    List<String> shuffled = new ArrayList<>(ids);
                    Collections.shuffle(shuffled, new Random(seed));
                    HashRing<String> other = ring(shuffled, 40, placement);
                    Random keys = new Random(seed);
                    for (int i = 0; i < 200; i++) {
                        long hash = keys.nextLong();
                        assertEquals(ring.nodeFor(hash), other.nodeFor(hash));
                        assertEquals(ring.nodesFor(hash, Math.min(3, count)), other.nodesFor(hash, Math.min(3, count)));
                    }
                });
    }

    @Test
    void addingANodeMovesKeysOnlyToIt() {
        qt().withExamples(EXAMPLES).withFixedSeed(2).forAll(integers().between(1, 20), longs().all(), placements())
                .checkAssert((count, seed, placement) -> {
                    HashRing<String> before = ring(ids(count, seed), 40, placement);
                    HashRing<String> after = before.withNode("newcomer", "newcomer");
                    Random keys = new Random(seed);
                    for (int i = 0; i < 500; i++) {
                        long hash = keys.nextLong();
                        String now = before.nodeFor(hash);
                        String then = after.nodeFor(hash);
                        assertTrue(now.equals(then) || then.equals("newcomer"), () -> now + " -> " + then);
                    }
                });
    }

    @Test
    void removingANodeMovesOnlyItsKeys() {
        qt().withExamples(EXAMPLES).withFixedSeed(3).forAll(integers().between(2, 20), longs().all(), placements())
                .checkAssert((count, seed, placement) -> {
                    List<String> ids = ids(count, seed);
                    HashRing<String> before = ring(ids, 40, placement);
                    String leaving = ids.get(Math.floorMod(seed, count));
                    HashRing<String> after = before.withoutNode(leaving);
                    Random keys = new Random(seed);
                    for (int i = 0; i < 500; i++) {
                        long hash = keys.nextLong();
                        String now = before.nodeFor(hash);
                        if (!now.equals(leaving)) {
                            assertEquals(now, after.nodeFor(hash));
                        }
                    }
                });
    }

    @Test
    void replicasAreDistinctNodesStartingWithThePrimary() {
        qt().withExamples(EXAMPLES).withFixedSeed(4).forAll(integers().between(1, 12), longs().all())
                .checkAssert((count, seed) -> {
                    HashRing<String> ring = ring(ids(count, seed), 20, Placement.STANDARD);
                    Random keys = new Random(seed);
                    for (int i = 0; i < 50; i++) {
                        long hash = keys.nextLong();
                        int replicas = 1 + keys.nextInt(count);
                        List<String> nodes = ring.nodesFor(hash, replicas);
                        assertEquals(replicas, nodes.size());
                        assertEquals(replicas, new HashSet<>(nodes).size());
                        assertEquals(ring.nodeFor(hash), nodes.get(0));
                    }
                });
    }

    @Test
    void textIsHashedAsItsUtf8Bytes() {
        qt().withExamples(500).withFixedSeed(5).forAll(strings().allPossible().ofLengthBetween(0, 80))
                .checkAssert(text -> {
                    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                    assertEquals(RingHash.xxh64().hash(utf8, 0, utf8.length), RingHash.xxh64().hash(text));
                });
        qt().withExamples(500).withFixedSeed(6).forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 80))
                .checkAssert(text -> {
                    byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
                    assertEquals(RingHash.xxh64(7).hash(ascii, 0, ascii.length), RingHash.xxh64(7).hash(text));
                });
    }

    @Test
    void aMovePlanNamesExactlyTheKeysThatChangeNode() {
        qt().withExamples(EXAMPLES).withFixedSeed(7)
                .forAll(integers().between(1, 15), integers().between(0, 2), longs().all(), placements())
                .checkAssert((count, change, seed, placement) -> {
                    List<String> ids = ids(count, seed);
                    HashRing<String> before = ring(ids, 32, placement);
                    HashRing<String> after = switch (change) {
                        case 0 -> before.withNode("newcomer", "newcomer");
                        case 1 -> count > 1 ? before.withoutNode(ids.get(0)) : before.withNode("x", "x", 3);
                        default -> before.withNode("heavy", "heavy", 4).withoutNode(ids.get(count - 1));
                    };
                    MovePlan<String> plan = MovePlan.between(before, after);
                    Random keys = new Random(seed);
                    long mask = placement == Placement.KETAMA ? 0xFFFFFFFFL : -1L;
                    for (int i = 0; i < 400; i++) {
                        long hash = keys.nextLong() & mask;
                        String now = before.nodeFor(hash);
                        String then = after.nodeFor(hash);
                        Optional<MovePlan.Move<String>> move = plan.moveOf(hash);
                        assertEquals(!now.equals(then), move.isPresent(), () -> now + " -> " + then);
                        move.ifPresent(m -> {
                            assertEquals(now, m.from());
                            assertEquals(then, m.to());
                        });
                    }
                    // the moved fraction is the share the new owners gained
                    double gained = 0;
                    for (String id : after.ids()) {
                        gained += Math.max(0, after.shareOf(id) - before.shareOf(id));
                    }
                    assertTrue(plan.movedFraction() + 1e-9 >= gained, plan.movedFraction() + " < " + gained);
                });
    }

    @Test
    void boundedLoadsNeverExceedTheCapacity() {
        qt().withExamples(40).withFixedSeed(8)
                .forAll(integers().between(1, 30), doubles().between(0.01, 2.0), integers().between(1, 3000),
                        longs().all())
                .checkAssert((count, epsilon, keys, seed) -> {
                    HashRing<String> ring = ring(ids(count, seed), 40, Placement.STANDARD);
                    BoundedLoads<String> loads = BoundedLoads.of(ring, epsilon);
                    Map<String, Integer> placed = new HashMap<>();
                    Random random = new Random(seed);
                    for (int i = 0; i < keys; i++) {
                        placed.merge(loads.acquire(random.nextLong()).node(), 1, Integer::sum);
                    }
                    long capacity = (long) Math.ceil((1 + epsilon) * keys / count);
                    for (Map.Entry<String, Integer> entry : placed.entrySet()) {
                        assertTrue(entry.getValue() <= capacity,
                                () -> entry + " over " + capacity + " with epsilon " + epsilon);
                        assertEquals(entry.getValue().longValue(), loads.loadOf(entry.getKey()));
                    }
                    assertEquals((long) keys, loads.totalLoad());
                });
    }
}
