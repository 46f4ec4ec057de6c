package dev.mainstay.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fence alone: the highest token it has seen, what it admits and what it refuses. */
class FencedResourceTest {

    @Test
    void remembersTheHighestTokenAndRefusesLowerOnes() {
        FencedResource fence = new FencedResource();
        List<Long> written = new ArrayList<>();
        assertEquals(0, fence.highestToken());
        assertTrue(fence.tryWrite(5, () -> written.add(5L)));
        assertTrue(fence.tryWrite(5, () -> written.add(5L)), "the same holder writes again");
        assertEquals(5, fence.highestToken());
        assertFalse(fence.tryWrite(4, () -> written.add(4L)), "a paused older holder is fenced off");
        assertTrue(fence.tryWrite(9, () -> written.add(9L)));
        assertEquals(9, fence.highestToken());
        LockLostException e = assertThrows(LockLostException.class, () -> fence.write("account:7", 8, () -> {}));
        assertTrue(e.getMessage().contains("account:7"), e.getMessage());
        assertEquals(List.of(5L, 5L, 9L), written);
        assertEquals(2, fence.refusedWrites());
        assertEquals(9, fence.highestToken(), "a refused write changes nothing");
    }
}
