package dev.mainstay.hashring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MovePlanTest {

    private static HashRing<String> ring(Placement placement, String... ids) {
        HashRing.Builder<String> builder = HashRing.<String>builder().placement(placement);
        for (String id : ids) {
            builder.node(id, id);
        }
        return builder.build();
    }

    @Test
    void sameRingMovesNothing() {
        HashRing<String> ring = ring(Placement.STANDARD, "a", "b", "c");
        MovePlan<String> plan = MovePlan.between(ring, ring.withNode("d", "d").withoutNode("d"));
        assertEquals(List.of(), plan.moves());
        assertEquals(0.0, plan.movedFraction());
        assertEquals(Optional.empty(), plan.moveOf("anything"));
    }

    @Test
    void replacingTheOnlyNodeMovesTheWholeRing() {
        HashRing<String> before = HashRing.<String>builder().pointsPerNode(1).node("old", "old").build();
        HashRing<String> after = HashRing.<String>builder().pointsPerNode(1).node("new", "new").build();
        MovePlan<String> plan = MovePlan.between(before, after);
        assertEquals(1, plan.moves().size());
        MovePlan.Move<String> move = plan.moves().get(0);
        assertEquals(move.startExclusive(), move.endInclusive(), "equal bounds: the whole ring");
        assertEquals(1.0, plan.movedFraction());
        for (long hash : new long[] {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertTrue(move.contains(hash));
        }
        assertEquals("old", move.from());
        assertEquals("new", move.to());
    }

    @Test
    void movesOfAJoiningNodeAllGoToIt() {
        for (Placement placement : Placement.values()) {
            HashRing<String> before = ring(placement, "a", "b", "c", "d");
            HashRing<String> after = before.withNode("e", "e");
            MovePlan<String> plan = MovePlan.between(before, after);
            assertFalse(plan.moves().isEmpty());
            for (MovePlan.Move<String> move : plan.moves()) {
                assertEquals("e", move.to());
                assertEquals("e", move.toId());
                assertTrue(move.contains(move.endInclusive()));
                assertFalse(move.contains(move.startExclusive()));
                assertEquals(before.nodeFor(move.endInclusive()), move.from());
                assertEquals("e", after.nodeFor(move.endInclusive()));
                if (placement == Placement.KETAMA) {
                    assertTrue(move.endInclusive() >>> 32 == 0, "ketama ranges are 32-bit hashes");
                }
            }
            assertEquals(after.shareOf("e"), plan.movedFraction(), 1e-9);
        }
    }

    @Test
    void aWrappingRangeHoldsBothEnds() {
        MovePlan.Move<String> wrap = new MovePlan.Move<>(-10L, 5L, "a", "b", "a", "b");
        assertTrue(wrap.contains(-9L));
        assertTrue(wrap.contains(-1L));
        assertTrue(wrap.contains(0L));
        assertTrue(wrap.contains(5L));
        assertFalse(wrap.contains(6L));
        assertFalse(wrap.contains(-10L));
        MovePlan.Move<String> plain = new MovePlan.Move<>(5L, -10L, "a", "b", "a", "b");
        assertTrue(plain.contains(6L));
        assertTrue(plain.contains(-10L));
        assertFalse(plain.contains(5L));
        assertFalse(plain.contains(-9L));
    }

    @Test
    void ringsThatHashDifferentlyCannotBeCompared() {
        HashRing<String> standard = ring(Placement.STANDARD, "a");
        HashRing<String> ketama = ring(Placement.KETAMA, "a");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MovePlan.between(standard, ketama));
        assertTrue(e.getMessage().startsWith("to must hash keys as from does"), e.getMessage());
        assertEquals("from", assertThrows(NullPointerException.class, () -> MovePlan.between(null, ketama))
                .getMessage());
        assertEquals("from", assertThrows(NullPointerException.class,
                () -> new MovePlan.Move<>(0, 1, "a", "b", null, "b")).getMessage().replace("Id", ""));
    }
}
