package dev.mainstay.benchmarks.hashring;

import dev.mainstay.hashring.HashRing;
import dev.mainstay.hashring.Placement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Checks that {@code HashRing} in ketama placement agrees with spymemcached 2.12.3's {@code KetamaNodeLocator}
 * key by key, with equal and unequal weights, and measures the heap per point of both rings. Run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.hashring.KetamaCrossCheck}.
 */
public final class KetamaCrossCheck {

    private KetamaCrossCheck() {}

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(1);
        String[] keys = new String[200_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "key:" + random.nextLong();
        }
        for (int nodes : new int[] {1, 3, 10, 100, 1000}) {
            System.out.printf("%4d nodes, equal weights:   %s%n", nodes, compare(nodes, Map.of(), keys));
            Map<String, Integer> weights = new HashMap<>();
            List<String> addresses = Locators.addresses(nodes);
            for (int i = 0; i < nodes; i++) {
                weights.put(addresses.get(i), 1 + i % 5);
            }
            System.out.printf("%4d nodes, weights 1 to 5: %s%n", nodes, compare(nodes, weights, keys));
        }
        memory();
    }

    /** Throws unless both agree on every key (equal weights). */
    static void requireAgreement(int nodes, String[] keys) {
        String result = compare(nodes, Map.of(), keys);
        if (!result.startsWith(keys.length + " of " + keys.length)) {
            throw new IllegalStateException("ketama placement disagrees with spymemcached: " + result);
        }
    }

    private static String compare(int nodes, Map<String, Integer> weights, String[] keys) {
        List<String> addresses = Locators.addresses(nodes);
        HashRing.Builder<String> builder = HashRing.<String>builder().placement(Placement.KETAMA);
        for (String address : addresses) {
            builder.node(address, address, weights.getOrDefault(address, 1));
        }
        HashRing<String> ring = builder.build();
        Locators.Spymemcached spy = new Locators.Spymemcached(addresses, weights);
        int agree = 0;
        for (String key : keys) {
            if (ring.nodeFor(key).equals(Locators.Spymemcached.name(spy.locator.getPrimary(key)))) {
                agree++;
            }
        }
        return agree + " of " + keys.length + " keys on the same node (" + ring.pointCount() + " points)";
    }

    private static void memory() {
        List<String> addresses = Locators.addresses(1000);
        int copies = 10;
        Object[] keep = new Object[copies];
        long before = usedHeap();
        for (int i = 0; i < copies; i++) {
            keep[i] = Locators.ring(addresses, Placement.STANDARD);
        }
        long ours = usedHeap() - before;
        @SuppressWarnings("unchecked")
        HashRing<String> one = (HashRing<String>) keep[0];
        int points = one.pointCount();
        keep = new Object[copies];
        before = usedHeap();
        for (int i = 0; i < copies; i++) {
            keep[i] = new Locators.TreeMapKetama(addresses);
        }
        long treeMap = usedHeap() - before;
        int treePoints = ((Locators.TreeMapKetama) keep[0]).points();
        System.out.printf("heap per point, 1000 nodes x 160 points: HashRing %.1f B (its own count %.1f B), "
                + "TreeMap ring %.1f B%n", (double) ours / copies / points, one.bytesPerPoint(),
                (double) treeMap / copies / treePoints);
        if (keep.length != copies) {
            throw new AssertionError();
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
