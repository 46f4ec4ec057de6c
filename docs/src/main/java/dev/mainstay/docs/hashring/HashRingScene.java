package dev.mainstay.docs.hashring;

import dev.mainstay.docs.Scene;
import dev.mainstay.hashring.BoundedLoads;
import dev.mainstay.hashring.HashRing;
import dev.mainstay.hashring.MovePlan;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Places 100 000 keys on four cache servers, adds a fifth, and counts how many keys changed server: with the
 * ring, about a fifth (only those the newcomer takes); with {@code hash % n}, four in five.
 */
public final class HashRingScene implements Scene {

    static final int KEYS = 100_000;

    @Override
    public String module() {
        return "mainstay-hashring";
    }

    @Override
    public String title() {
        return "adding a cache server moves a fifth of the keys, not four fifths";
    }

    @Override
    public void play(PrintStream out) {
        HashRing<String> ring = HashRing.<String>builder()
                .node("cache-1", "10.0.0.1:11211")
                .node("cache-2", "10.0.0.2:11211")
                .node("cache-3", "10.0.0.3:11211")
                .node("cache-4", "10.0.0.4:11211")
                .build();
        out.println("A ring of 4 cache servers, 160 points each (" + ring.pointCount() + " points).");

        Map<String, Integer> perServer = new TreeMap<>();
        for (int i = 0; i < KEYS; i++) {
            perServer.merge(ring.nodeFor("user:" + i), 1, Integer::sum);
        }
        out.println("Placed " + KEYS + " keys: " + perServer);

        HashRing<String> grown = ring.withNode("cache-5", "10.0.0.5:11211");
        int ringMoved = 0;
        int toNewcomer = 0;
        int moduloMoved = 0;
        for (int i = 0; i < KEYS; i++) {
            String key = "user:" + i;
            String before = ring.nodeFor(key);
            String after = grown.nodeFor(key);
            if (!before.equals(after)) {
                ringMoved++;
                if (after.equals("10.0.0.5:11211")) {
                    toNewcomer++;
                }
            }
            long hash = ring.hash(key);
            if (Math.floorMod(hash, 4) != Math.floorMod(hash, 5)) {
                moduloMoved++;
            }
        }
        out.printf("Added cache-5. With the ring, %d keys (%.1f%%) changed server, %d of them to cache-5.%n",
                ringMoved, 100.0 * ringMoved / KEYS, toNewcomer);
        out.printf("With hash %% n (4 -> 5), %d keys (%.1f%%) would have changed server.%n",
                moduloMoved, 100.0 * moduloMoved / KEYS);

        MovePlan<String> plan = MovePlan.between(ring, grown);
        out.printf("The move plan lists %d hash ranges covering %.1f%% of the ring: copy exactly those keys.%n",
                plan.moves().size(), 100.0 * plan.movedFraction());

        out.println("Three replicas of user:42: " + grown.nodesFor("user:42", 3));

        BoundedLoads<String> loads = BoundedLoads.of(grown, 0.10);
        for (int i = 0; i < 1000; i++) {
            loads.acquire("session:" + i);   // each session stays open: its assignment is never closed here
        }
        long busiest = 0;
        for (String server : grown.nodes()) {
            busiest = Math.max(busiest, loads.loadOf(server));
        }
        out.println("With bounded loads (epsilon 0.10), 1000 sessions on 5 servers: the busiest holds " + busiest
                + ", never more than ceil(1.1 x 200) = 220.");
    }

    /** Plays the scene alone. */
    public static void main(String[] args) {
        new HashRingScene().play(System.out);
    }
}
