package dev.mainstay.hashring;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2017; the scheme HAProxy and
 * Vimeo use), with the load counter kept here: each {@link #acquire} places a key on a node whose load stays at
 * most {@code capacity = ceil((1 + epsilon) × total / size)}, where {@code total} counts the key being placed;
 * a key whose own node is full goes on clockwise to the next node that is not. {@link #release} gives the unit
 * back. So no node ever holds more than {@code ceil((1 + epsilon) × average)} while most keys still land on
 * their own node.
 *
 * <pre>{@code
 * BoundedLoads<String> balancer = BoundedLoads.of(ring, 0.25);  // at most 125% of the average per node
 * String server = balancer.acquire("session:9");               // counts one more on that server
 * try {
 *     // ... serve the session on server ...
 * } finally {
 *     balancer.release(server);
 * }
 * }</pre>
 *
 * <p>Thread-safe and lock-free: a node's count only grows by a compare-and-set that checks it against the
 * capacity of that moment. It is bound to one ring snapshot; for a new ring, create a new one (counts start at
 * zero) or use {@link HashRing#nodeFor(long, double, java.util.function.ToLongFunction, long)} with loads you
 * keep. The nodes must be distinct objects ({@code equals}), since {@link #release} finds the node by it.
 *
 * @param <N> the type of the nodes
 */
public final class BoundedLoads<N> {

    private final HashRing<N> ring;
    private final double epsilon;
    private final Map<N, Integer> indexOfNode;
    private final AtomicLongArray loads;
    private final AtomicLong total = new AtomicLong();

    private BoundedLoads(HashRing<N> ring, double epsilon) {
        this.ring = ring;
        this.epsilon = HashRing.checkEpsilon(epsilon);
        this.indexOfNode = new HashMap<>();
        for (int i = 0; i < ring.size(); i++) {
            Integer previous = indexOfNode.put(ring.node(i), i);
            if (previous != null) {
                throw new IllegalArgumentException("nodes must be distinct objects but \"" + ring.id(previous)
                        + "\" and \"" + ring.id(i) + "\" hold equal ones");
            }
        }
        this.loads = new AtomicLongArray(ring.size());
    }

    /**
     * A counter for a ring.
     *
     * @param ring the ring
     * @param epsilon how far above the average a node may go, a finite number {@code > 0}
     * @param <N> the type of the nodes
     * @return a new counter, every load zero
     * @throws IllegalArgumentException if {@code epsilon} is not a finite number above 0, or two nodes are equal
     */
    public static <N> BoundedLoads<N> of(HashRing<N> ring, double epsilon) {
        return new BoundedLoads<>(Objects.requireNonNull(ring, "ring"), epsilon);
    }

    /**
     * Places a key (hashed as UTF-8) and counts one unit of load on its node.
     *
     * @param key the key
     * @return the node, whose load is now at most the capacity
     */
    public N acquire(CharSequence key) {
        return acquire(ring.hash(key));
    }

    /**
     * Places a key given by its bytes and counts one unit of load on its node.
     *
     * @param key the key
     * @return the node, whose load is now at most the capacity
     */
    public N acquire(byte[] key) {
        return acquire(ring.hash(key));
    }

    /**
     * Places a key given by its hash (see {@link HashRing#nodeFor(long)}) and counts one unit on its node.
     *
     * @param keyHash the key's hash
     * @return the node, whose load is now at most the capacity
     */
    public N acquire(long keyHash) {
        int nodeCount = ring.size();
        long totalNow = total.incrementAndGet();
        int start = ring.indexOf(keyHash << ring.keyShift());
        int pointCount = ring.pointCount();
        while (true) {
            long capacity = (long) Math.ceil((1 + epsilon) * totalNow / nodeCount);
            int i = start;
            do {
                int owner = ring.ownerOf(i);
                long load = loads.get(owner);
                while (load < capacity) {
                    if (loads.compareAndSet(owner, load, load + 1)) {
                        return ring.node(owner);
                    }
                    load = loads.get(owner);
                }
                i = i + 1 == pointCount ? 0 : i + 1;
            } while (i != start);
            // Only under races with release: every node looked full against an older total. Look again.
            totalNow = Math.max(totalNow, total.get());
        }
    }

    /**
     * Gives back one unit of load that {@link #acquire} counted on this node.
     *
     * @param node a node returned by {@code acquire}
     * @throws IllegalArgumentException if the node is not in the ring
     * @throws IllegalStateException if the node has no load to give back
     */
    public void release(N node) {
        int index = indexOf(node);
        long load;
        do {
            load = loads.get(index);
            if (load == 0) {
                throw new IllegalStateException(
                        "node \"" + ring.id(index) + "\" has no load to release: release without acquire");
            }
        } while (!loads.compareAndSet(index, load, load - 1));
        total.decrementAndGet();
    }

    /**
     * @param node a node of the ring
     * @return its current load
     * @throws IllegalArgumentException if the node is not in the ring
     */
    public long loadOf(N node) {
        return loads.get(indexOf(node));
    }

    /** @return the sum of all loads */
    public long totalLoad() {
        return total.get();
    }

    /** @return the most any node may hold once one more key is placed */
    public long capacity() {
        return (long) Math.ceil((1 + epsilon) * (total.get() + 1) / ring.size());
    }

    /** @return the ring this counter places keys on */
    public HashRing<N> ring() {
        return ring;
    }

    private int indexOf(N node) {
        Integer index = indexOfNode.get(Objects.requireNonNull(node, "node"));
        if (index == null) {
            throw new IllegalArgumentException("node must be a node of the ring but was " + node);
        }
        return index;
    }
}
