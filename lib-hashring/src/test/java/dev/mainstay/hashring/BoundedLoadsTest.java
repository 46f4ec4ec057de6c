package dev.mainstay.hashring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedLoadsTest {

    private static HashRing<String> ring(int nodes) {
        HashRing.Builder<String> builder = HashRing.builder();
        for (int i = 0; i < nodes; i++) {
            builder.node("n" + i, "n" + i);
        }
        return builder.build();
    }

    @Test
    void epsilonMustBePositiveAndFinite() {
        HashRing<String> ring = ring(3);
        for (double epsilon : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> BoundedLoads.of(ring, epsilon));
            assertEquals("epsilon must be a finite number > 0 but was " + epsilon, e.getMessage());
        }
        assertEquals("ring", assertThrows(NullPointerException.class, () -> BoundedLoads.of(null, 1)).getMessage());
    }

    @Test
    void equalNodeObjectsAreRejected() {
        HashRing<String> ring = HashRing.<String>builder().node("a", "same").node("b", "same").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoundedLoads.of(ring, 1));
        assertEquals("nodes must be distinct objects but \"a\" and \"b\" hold equal ones", e.getMessage());
    }

    @Test
    void aKeyStaysHomeWhileItsNodeHasRoom() {
        HashRing<String> ring = ring(2);
        BoundedLoads<String> loads = BoundedLoads.of(ring, 0.5);
        assertSame(ring, loads.ring());
        String home = ring.nodeFor("k");
        // capacities ceil(1.5 * total / 2) for totals 1, 2, 3: 1, 2, 3, so three keys fit at home
        assertEquals(home, loads.acquire("k").node());
        assertEquals(home, loads.acquire("k".getBytes(StandardCharsets.UTF_8)).node());
        assertEquals(home, loads.acquire(ring.hash("k")).nodeId());
        assertEquals(3, loads.loadOf(home));
        assertEquals(3, loads.totalLoad());
        // for the fourth, ceil(1.5 * 4 / 2) = 3: home is full, the key goes on clockwise
        assertEquals(3, loads.capacity());
        assertEquals(ring.nodesFor("k", 2).get(1), loads.acquire("k").node());
    }

    @Test
    void anAssignmentGivesItsUnitBackOnceAndOnlyItsOwn() {
        HashRing<String> ring = ring(3);
        BoundedLoads<String> loads = BoundedLoads.of(ring, 0.1);
        BoundedLoads.Assignment<String> first = loads.acquire(42L);
        BoundedLoads.Assignment<String> second = loads.acquire(42L);
        String node = first.node();
        assertEquals(node + " held", first.toString().replace("Assignment[", "").replace(",", "").replace("]", ""));
        assertEquals(2, loads.totalLoad());
        assertTrue(first.release());
        assertTrue(first.isReleased());
        assertFalse(first.release(), "a second release gives nothing back");
        first.close();                                    // nor does a close after it
        assertEquals(1, loads.totalLoad(), "the other caller's unit is still counted");
        assertEquals(second.node().equals(node) ? 1 : 0, loads.loadOf(node));
        try (BoundedLoads.Assignment<String> third = loads.acquire(7L)) {
            assertFalse(third.isReleased());
            assertEquals(2, loads.totalLoad());
        }
        assertEquals(1, loads.totalLoad());
        second.close();
        second.close();
        assertEquals(0, loads.totalLoad());
        for (String n : ring.nodes()) {
            assertEquals(0, loads.loadOf(n), n);
        }
        IllegalArgumentException stranger = assertThrows(IllegalArgumentException.class, () -> loads.loadOf("zz"));
        assertEquals("node must be a node of the ring but was zz", stranger.getMessage());
    }

    @Test
    void aStaleAssignmentFromBeforeAMembershipChangeNeverTouchesTheNewCounts() {
        HashRing<String> before = ring(3);
        BoundedLoads<String> old = BoundedLoads.of(before, 0.5);
        BoundedLoads.Assignment<String> stale = old.acquire("session:1");
        String id = stale.nodeId();
        // the node leaves and comes back: a new ring, a new counter, the same node object and id
        HashRing<String> after = before.withoutNode(id).withNode(id, id);
        BoundedLoads<String> fresh = BoundedLoads.of(after, 0.5);
        BoundedLoads.Assignment<String> current = fresh.acquire("session:1");
        assertEquals(id, current.nodeId(), "the key is back on its node");
        assertEquals(1, fresh.loadOf(id));
        assertTrue(stale.release(), "the stale assignment gives back its own unit, to its own counter");
        assertEquals(0, old.totalLoad());
        assertEquals(1, fresh.loadOf(id), "the new counter still counts the session placed on it");
        assertEquals(1, fresh.totalLoad());
        assertFalse(stale.release());
        assertEquals(1, fresh.totalLoad());
        current.close();
        assertEquals(0, fresh.totalLoad());
    }

    @Test
    void closingOneAssignmentFromManyThreadsReleasesItExactlyOnce() throws Exception {
        BoundedLoads<String> loads = BoundedLoads.of(ring(4), 0.25);
        BoundedLoads.Assignment<String> keep = loads.acquire(1L);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 2_000; round++) {
                BoundedLoads.Assignment<String> shared = loads.acquire(round);
                CyclicBarrier together = new CyclicBarrier(threads);
                List<Future<Boolean>> releases = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    releases.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return shared.release();
                    }));
                }
                int released = 0;
                for (Future<Boolean> release : releases) {
                    released += release.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, released, "round " + round);
                assertEquals(1, loads.totalLoad(), "round " + round + ": the kept unit is never freed");
                assertEquals(1, loads.loadOf(keep.node()), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentAcquiresAndReleasesFromOtherThreadsKeepExactCountsAndTheCap() throws Exception {
        HashRing<String> ring = ring(8);
        BoundedLoads<String> loads = BoundedLoads.of(ring, 0.25);
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // assignments handed between threads: each one is released by whichever thread takes it, and twice
        java.util.concurrent.ConcurrentLinkedQueue<BoundedLoads.Assignment<String>> handOver =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicLong released = new java.util.concurrent.atomic.AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<BoundedLoads.Assignment<String>>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    assertTrue(start.await(10, TimeUnit.SECONDS));
                    SplittableRandom random = new SplittableRandom(seed);
                    List<BoundedLoads.Assignment<String>> held = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        BoundedLoads.Assignment<String> assignment = loads.acquire(random.nextLong());
                        if (i % 3 == 2) {
                            handOver.add(assignment);                   // someone else releases it
                        } else {
                            held.add(assignment);
                        }
                        BoundedLoads.Assignment<String> other = handOver.poll();
                        if (other != null) {
                            if (other.release()) {
                                released.incrementAndGet();
                            }
                            assertFalse(other.release(), "released twice");
                            handOver.add(other);                        // and a stale one goes round again
                        }
                    }
                    return held;
                }));
            }
            start.countDown();
            long kept = 0;
            long[] perNode = new long[8];
            for (Future<List<BoundedLoads.Assignment<String>>> result : results) {
                for (BoundedLoads.Assignment<String> assignment : result.get(60, TimeUnit.SECONDS)) {
                    perNode[Integer.parseInt(assignment.nodeId().substring(1))]++;
                    kept++;
                }
            }
            long handedOver = (long) threads * (perThread / 3);
            for (BoundedLoads.Assignment<String> left : handOver) {
                if (left.release()) {
                    released.incrementAndGet();
                }
            }
            assertEquals(handedOver, released.get(), "every handed-over unit released exactly once");
            assertEquals(threads * (perThread - perThread / 3), kept);
            assertEquals(kept, loads.totalLoad());
            long capacity = (long) Math.ceil(1.25 * (kept + handedOver) / 8);
            for (int i = 0; i < 8; i++) {
                assertEquals(perNode[i], loads.loadOf("n" + i), "n" + i);
                assertTrue(perNode[i] <= capacity + threads, "n" + i + " holds " + perNode[i] + " > " + capacity);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
