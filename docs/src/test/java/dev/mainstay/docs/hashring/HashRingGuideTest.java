package dev.mainstay.docs.hashring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.hashring.BoundedLoads;
import dev.mainstay.hashring.HashRing;
import dev.mainstay.hashring.MovePlan;
import dev.mainstay.hashring.Placement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every code block of docs/hashring.md, compiled and run. Keep the two in step. */
class HashRingGuideTest {

    record Server(String address) {}

    static final Server A = new Server("10.0.0.1:6379");
    static final Server B = new Server("10.0.0.2:6379");
    static final Server C = new Server("10.0.0.3:6379");
    static final Server D = new Server("10.0.0.4:6379");

    @Test
    void quickStart() {
        // guide: quick start
        HashRing<Server> ring = HashRing.<Server>builder()
                .node("cache-a", A)
                .node("cache-b", B)
                .node("cache-c", C, 2)                  // twice the points, about twice the keys
                .build();

        Server owner = ring.nodeFor("user:42");          // by text (UTF-8), bytes, or a 64-bit hash
        List<Server> replicas = ring.nodesFor("user:42", 2); // two distinct servers, the owner first
        // end

        assertEquals(owner, replicas.get(0));
        assertNotEquals(replicas.get(0), replicas.get(1));
        assertEquals(ring.nodeFor(ring.hash("user:42")), owner);
    }

    @Test
    void membershipChanges() {
        // guide: membership
        AtomicReference<HashRing<Server>> current = new AtomicReference<>(
                HashRing.<Server>builder().node("cache-a", A).node("cache-b", B).build());

        // readers: lock-free, always a complete ring
        Server server = current.get().nodeFor("user:42");

        // a writer: derive the next ring and publish it
        current.updateAndGet(ring -> ring.withNode("cache-c", C));
        current.updateAndGet(ring -> ring.withoutNode("cache-a"));
        // end

        assertTrue(server.equals(A) || server.equals(B));
        assertEquals(List.of("cache-b", "cache-c"), current.get().ids());
    }

    @Test
    void movePlan() {
        HashRing<Server> before = HashRing.<Server>builder()
                .node("cache-a", A).node("cache-b", B).node("cache-c", C).build();
        List<String> copied = new ArrayList<>();
        // guide: move plan
        HashRing<Server> after = before.withNode("cache-d", D);
        MovePlan<Server> plan = MovePlan.between(before, after);
        for (MovePlan.Move<Server> move : plan.moves()) {
            // keys whose hash h satisfies startExclusive < h <= endInclusive (unsigned, wrapping)
            // leave move.from() for move.to()
            copied.add(move.fromId() + " -> " + move.toId());
        }
        double share = plan.movedFraction();             // about 1/4 here
        boolean moves = plan.moveOf("user:42").isPresent();
        // end

        assertTrue(share > 0.15 && share < 0.35, "moved " + share);
        assertEquals(moves, !before.nodeFor("user:42").equals(after.nodeFor("user:42")));
        assertTrue(copied.stream().allMatch(line -> line.endsWith("-> cache-d")), copied.toString());
    }

    @Test
    void ketama() {
        // guide: ketama
        HashRing<String> memcached = HashRing.<String>builder()
                .placement(Placement.KETAMA)
                .node("10.0.1.1:11211", "10.0.1.1:11211")
                .node("10.0.1.2:11211", "10.0.1.2:11211")
                .node("10.0.1.3:11211", "10.0.1.3:11211")
                .node("10.0.1.4:11211", "10.0.1.4:11211")
                .node("10.0.1.5:11211", "10.0.1.5:11211")
                .node("10.0.1.6:11211", "10.0.1.6:11211")
                .node("10.0.1.7:11211", "10.0.1.7:11211")
                .node("10.0.1.8:11211", "10.0.1.8:11211")
                .build();
        String server = memcached.nodeFor("233");        // "10.0.1.7:11211", as spymemcached and libketama say
        // end

        assertEquals("10.0.1.7:11211", server);
    }

    @Test
    void boundedLoads() {
        HashRing<Server> ring = HashRing.<Server>builder()
                .node("cache-a", A).node("cache-b", B).node("cache-c", C).build();
        Map<Server, Integer> served = new HashMap<>();
        // guide: bounded loads
        BoundedLoads<Server> balancer = BoundedLoads.of(ring, 0.25); // no server above 125% of the average
        try (BoundedLoads.Assignment<Server> session = balancer.acquire("session:9")) {
            served.merge(session.node(), 1, Integer::sum);  // serve the session there
        }                                                   // one unit back, once: a second close() is a no-op
        // end

        assertEquals(1, served.size());
        assertEquals(0, balancer.totalLoad());
        // with loads you keep yourself
        Map<Server, Long> myLoads = Map.of(A, 10L, B, 3L, C, 3L);
        // guide: own loads
        long total = myLoads.values().stream().mapToLong(Long::longValue).sum();
        Server chosen = ring.nodeFor(ring.hash("session:9"), 0.25, myLoads::get, total);
        // end
        assertTrue(new HashSet<>(List.of(A, B, C)).contains(chosen));
        assertNotEquals(A, chosen, "A is above ceil(1.25 * 17 / 3) = 8");
    }
}
