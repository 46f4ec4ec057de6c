package dev.mainstay.hashring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
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
        assertEquals(home, loads.acquire("k"));
        assertEquals(home, loads.acquire("k".getBytes(StandardCharsets.UTF_8)));
        assertEquals(home, loads.acquire(ring.hash("k")));
        assertEquals(3, loads.loadOf(home));
        assertEquals(3, loads.totalLoad());
        // for the fourth, ceil(1.5 * 4 / 2) = 3: home is full, the key goes on clockwise
        assertEquals(3, loads.capacity());
        assertEquals(ring.nodesFor("k", 2).get(1), loads.acquire("k"));
    }

    @Test
    void releaseGivesTheUnitBack() {
        HashRing<String> ring = ring(3);
        BoundedLoads<String> loads = BoundedLoads.of(ring, 0.1);
        String node = loads.acquire(42L);
        loads.release(node);
        assertEquals(0, loads.loadOf(node));
        assertEquals(0, loads.totalLoad());
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> loads.release(node));
        assertTrue(twice.getMessage().endsWith("has no load to release: release without acquire"), twice.getMessage());
        IllegalArgumentException stranger = assertThrows(IllegalArgumentException.class, () -> loads.release("zz"));
        assertEquals("node must be a node of the ring but was zz", stranger.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loads.loadOf("zz"));
    }

    @Test
    void concurrentAcquiresAndReleasesKeepExactCountsAndTheCap() throws Exception {
        HashRing<String> ring = ring(8);
        BoundedLoads<String> loads = BoundedLoads.of(ring, 0.25);
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    start.await();
                    SplittableRandom random = new SplittableRandom(seed);
                    List<String> held = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        held.add(loads.acquire(random.nextLong()));
                        if (i % 3 == 2) { // release one of every three
                            loads.release(held.remove(held.size() - 1));
                        }
                    }
                    return held;
                }));
            }
            start.countDown();
            long kept = 0;
            long[] perNode = new long[8];
            for (Future<List<String>> result : results) {
                for (String node : result.get(30, TimeUnit.SECONDS)) {
                    perNode[Integer.parseInt(node.substring(1))]++;
                    kept++;
                }
            }
            assertEquals(threads * (perThread - perThread / 3), kept);
            assertEquals(kept, loads.totalLoad());
            long capacity = (long) Math.ceil(1.25 * kept / 8);
            for (int i = 0; i < 8; i++) {
                assertEquals(perNode[i], loads.loadOf("n" + i), "n" + i);
                // concurrent acquires may each see a total a few units behind the final one
                assertTrue(perNode[i] <= capacity + threads, "n" + i + " holds " + perNode[i] + " > " + capacity);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
