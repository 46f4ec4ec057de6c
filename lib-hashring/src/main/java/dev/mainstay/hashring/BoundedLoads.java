package dev.mainstay.hashring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2017; the scheme HAProxy and
 * Vimeo use), with the load counter kept here: each {@link #acquire} places a key on a node whose load stays at
 * most {@code capacity = ceil((1 + epsilon) × total / size)}, where {@code total} counts the key being placed;
 * a key whose own node is full goes on clockwise to the next node that is not. The {@link Assignment} it returns
 * holds that one unit of load until it is closed. So no node ever holds more than
 * {@code ceil((1 + epsilon) × average)} while most keys still land on their own node.
 *
 * <pre>{@code
 * BoundedLoads<String> balancer = BoundedLoads.of(ring, 0.25);   // at most 125% of the average per node
 * try (BoundedLoads.Assignment<String> session = balancer.acquire("session:9")) {
 *     serve(session.node());                                     // counted one more on that server
 * }                                                              // and one less again
 * }</pre>
 *
 * <p><b>One acquisition, one release.</b> A unit of load is given back only through the {@link Assignment} that
 * took it, at most once: a second {@code close()}, from any thread and in any order, is a no-op that returns
 * {@code false} from {@link Assignment#release()}, so it can never give back a unit another caller holds. An
 * assignment belongs to the counter that made it: after a membership change (a new ring, so a new counter), closing
 * an assignment of the old counter changes only the old counter's counts, never the new one's, even for a node
 * removed and added again.
 *
 * <p>Thread-safe and lock-free: a node's count only grows by a compare-and-set that checks it against the
 * capacity of that moment. It is bound to one ring snapshot; for a new ring, create a new one (counts start at
 * zero) or use {@link HashRing#nodeFor(long, double, java.util.function.ToLongFunction, long)} with loads you
 * keep. The nodes must be distinct objects ({@code equals}), since {@link #loadOf} finds the node by it.
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
     * @return the assignment: the node, whose load is now at most the capacity, and the unit to give back
     */
    public Assignment<N> acquire(CharSequence key) {
        return acquire(ring.hash(key));
    }

    /**
     * Places a key given by its bytes and counts one unit of load on its node.
     *
     * @param key the key
     * @return the assignment: the node, whose load is now at most the capacity, and the unit to give back
     */
    public Assignment<N> acquire(byte[] key) {
        return acquire(ring.hash(key));
    }

    /**
     * Places a key given by its hash (see {@link HashRing#nodeFor(long)}) and counts one unit on its node.
     *
     * @param keyHash the key's hash
     * @return the assignment: the node, whose load is now at most the capacity, and the unit to give back
     */
    public Assignment<N> acquire(long keyHash) {
        int nodeCount = ring.size();
        long totalNow = total.incrementAndGet();
        int start = ring.indexOf(keyHash << ring.keyShift());
        int pointCount = ring.pointCount();
        while (true) {
            long capacity = HashRing.capacity(epsilon, totalNow, nodeCount);
            int i = start;
            do {
                int owner = ring.ownerOf(i);
                long load = loads.get(owner);
                while (load < capacity) {
                    if (loads.compareAndSet(owner, load, load + 1)) {
                        return new Assignment<>(this, owner);
                    }
                    load = loads.get(owner);
                }
                i = i + 1 == pointCount ? 0 : i + 1;
            } while (i != start);
            // Only under races with release: every node looked full against an older total. Look again.
            totalNow = Math.max(totalNow, total.get());
        }
    }

    /** Gives back the unit an assignment took: its node's load first, then the total, so loads never sum above it. */
    private void giveBack(int index) {
        loads.getAndDecrement(index);
        total.decrementAndGet();
    }

    /**
     * The current load of a node: the units taken on it and not given back.
     *
     * @param node a node of the ring
     * @return its current load
     * @throws IllegalArgumentException if the node is not in the ring
     */
    public long loadOf(N node) {
        return loads.get(indexOf(node));
    }

    /**
     * The units held now on every node together.
     *
     * @return the sum of all loads
     */
    public long totalLoad() {
        return total.get();
    }

    /**
     * The capacity the next key would be placed under.
     *
     * @return the most any node may hold once one more key is placed
     */
    public long capacity() {
        return HashRing.capacity(epsilon, total.get() + 1, ring.size());
    }

    /**
     * The ring this counter places keys on.
     *
     * @return the ring
     */
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

    /**
     * One key's place on a node, holding one unit of that node's load until it is released. Release it with
     * {@link #close()} (in a try-with-resources) or {@link #release()}; only the first release gives the unit back,
     * whatever thread makes it, so a stale or repeated release never frees a unit another caller holds. An
     * assignment is tied to the {@link BoundedLoads} that made it and to nothing else.
     *
     * @param <N> the type of the nodes
     */
    public static final class Assignment<N> implements AutoCloseable {

        private static final VarHandle RELEASED;

        static {
            try {
                RELEASED = MethodHandles.lookup().findVarHandle(Assignment.class, "released", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final BoundedLoads<N> loads;
        private final int index;
        private volatile boolean released;

        Assignment(BoundedLoads<N> loads, int index) {
            this.loads = loads;
            this.index = index;
        }

        /**
         * The node the key was placed on.
         *
         * @return the node
         */
        public N node() {
            return loads.ring.node(index);
        }

        /**
         * The id of the node the key was placed on.
         *
         * @return the node's id
         */
        public String nodeId() {
            return loads.ring.id(index);
        }

        /**
         * Gives the unit back, unless it was given back already.
         *
         * @return whether this call gave it back ({@code false}: it had been released before)
         */
        public boolean release() {
            if (!RELEASED.compareAndSet(this, false, true)) {
                return false;
            }
            loads.giveBack(index);
            return true;
        }

        /**
         * Whether the unit was given back.
         *
         * @return whether it was released
         */
        public boolean isReleased() {
            return released;
        }

        /** Gives the unit back, as {@link #release()}; a no-op when it was given back already. Never throws. */
        @Override
        public void close() {
            release();
        }

        @Override
        public String toString() {
            return "Assignment[" + nodeId() + (released ? ", released]" : ", held]");
        }
    }
}
