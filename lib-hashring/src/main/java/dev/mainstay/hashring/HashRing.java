package dev.mainstay.hashring;

import dev.mainstay.hashring.internal.Ketama;
import dev.mainstay.hashring.internal.Nullable;
import dev.mainstay.hashring.internal.XxHash64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * An immutable consistent-hash ring: each node owns many points on a circle, and a key belongs to the node of the
 * first point at or after the key's hash, going clockwise. Adding a node takes over only the keys just before its
 * points; removing one hands only its keys to the next points. Compare {@code hash % n}, which moves almost
 * every key when {@code n} changes.
 *
 * <pre>{@code
 * HashRing<String> ring = HashRing.<String>builder()
 *         .node("cache-a", "10.0.0.1")
 *         .node("cache-b", "10.0.0.2")
 *         .node("cache-c", "10.0.0.3", 2)           // weight 2: twice the points, twice the keys
 *         .build();
 * String server = ring.nodeFor("user:42");          // the same answer on every machine with the same nodes
 * List<String> copies = ring.nodesFor("user:42", 2); // two distinct nodes for replicas
 * HashRing<String> grown = ring.withNode("cache-d", "10.0.0.4"); // a new ring; this one is unchanged
 * }</pre>
 *
 * <p>A ring is a snapshot: immutable and safe to share between threads without locks. To change membership
 * while others look up, keep the current ring in an {@code AtomicReference} (or a {@code volatile} field) and
 * swap in {@link #withNode} / {@link #withoutNode} results. The ring depends only on the set of (id, weight)
 * pairs, never on the order in which nodes were added, so every process that knows the same nodes places every
 * key the same way.
 *
 * <p>Nodes are your objects; each carries an id, a string that must stay the same for as long as the node is the
 * same (an address, a name). Points are derived from the id.
 *
 * @param <N> the type of the nodes
 */
public final class HashRing<N> {

    /** Low bits of a stored point: the index of the node that owns it. */
    static final int OWNER_BITS = 24;

    static final long OWNER_MASK = (1L << OWNER_BITS) - 1;

    /** At most this many nodes. */
    public static final int MAX_NODES = 1 << 20;

    /** At most this many points in one ring (8 bytes each, plus at most 4 of lookup table). */
    public static final int MAX_POINTS = 1 << 25;

    private final RingConfig config;
    private final RingHash hash;
    private final String[] ids;
    private final Object[] nodes;
    private final int[] weights;
    private final int[] pointCounts;

    /**
     * The points, sorted: the position in the high 40 bits, with the sign bit flipped so that unsigned ring order
     * is signed {@code long} order; the owner's index in the low {@link #OWNER_BITS}. Equal positions are kept
     * once, with the owner of the smallest id.
     */
    private final long[] points;

    /** {@code table[j]} is the index of the first point whose top bits are at least {@code j}. */
    private final int[] table;

    private final int tableShift;

    /** 0 for 64-bit hashes, 32 for ketama's 32-bit hashes (which sit in the top half of the ring's positions). */
    private final int keyShift;

    private HashRing(RingConfig config, String[] ids, Object[] nodes, int[] weights) {
        this.config = config;
        this.hash = config.hash();
        this.ids = ids;
        this.nodes = nodes;
        this.weights = weights;
        this.keyShift = config.placement() == Placement.KETAMA ? 32 : 0;
        this.points = placePoints(config, ids, weights);
        this.pointCounts = new int[ids.length];
        for (long point : points) {
            pointCounts[(int) (point & OWNER_MASK)]++;
        }
        for (int i = 0; i < ids.length; i++) {
            if (pointCounts[i] == 0) {
                throw new IllegalArgumentException("node \"" + ids[i]
                        + "\" has no point of its own: every one coincides with a point of a node with a smaller id");
            }
        }
        int bits = Math.max(1, 31 - Integer.numberOfLeadingZeros(points.length));
        this.tableShift = 64 - bits;
        this.table = buildTable(points, bits);
    }

    /**
     * Starts a ring with the defaults: {@link Placement#STANDARD}, {@value RingConfig#DEFAULT_POINTS_PER_NODE}
     * points per node, {@link RingHash#xxh64()}.
     *
     * @param <N> the type of the nodes
     * @return a new builder
     */
    public static <N> Builder<N> builder() {
        return new Builder<>();
    }

    // ---------------------------------------------------------------- lookups

    /**
     * The node that owns a key given by its bytes.
     *
     * @param key the key
     * @return its node
     */
    public N nodeFor(byte[] key) {
        return nodeAt(indexOf(hash.hash(key, 0, key.length) << keyShift));
    }

    /**
     * The node that owns a key given as text (hashed as UTF-8).
     *
     * @param key the key
     * @return its node
     */
    public N nodeFor(CharSequence key) {
        return nodeAt(indexOf(hash.hash(key) << keyShift));
    }

    /**
     * The node that owns a key given by its hash, as {@link #hash(CharSequence)} returns it or as your own
     * hashing produced it: any 64-bit value in {@link Placement#STANDARD} placement, an unsigned 32-bit value in
     * {@link Placement#KETAMA} placement (the high half is ignored).
     *
     * @param keyHash the key's hash
     * @return its node
     */
    public N nodeFor(long keyHash) {
        return nodeAt(indexOf(keyHash << keyShift));
    }

    /**
     * {@code count} distinct nodes for a key, for replication: the key's own node first, then the owners of the
     * next points clockwise, skipping nodes already chosen.
     *
     * @param key the key (hashed as UTF-8)
     * @param count how many nodes
     * @return {@code count} distinct nodes, the primary first
     * @throws IllegalArgumentException if {@code count} is below 1 or above {@link #size()}
     */
    public List<N> nodesFor(CharSequence key, int count) {
        return nodesFor(hash.hash(key), count);
    }

    /**
     * {@code count} distinct nodes for a key given by its bytes; see {@link #nodesFor(CharSequence, int)}.
     *
     * @param key the key
     * @param count how many nodes
     * @return {@code count} distinct nodes, the primary first
     * @throws IllegalArgumentException if {@code count} is below 1 or above {@link #size()}
     */
    public List<N> nodesFor(byte[] key, int count) {
        return nodesFor(hash.hash(key, 0, key.length), count);
    }

    /**
     * {@code count} distinct nodes for a key given by its hash; see {@link #nodesFor(CharSequence, int)}.
     *
     * @param keyHash the key's hash (see {@link #nodeFor(long)})
     * @param count how many nodes
     * @return {@code count} distinct nodes, the primary first
     * @throws IllegalArgumentException if {@code count} is below 1 or above {@link #size()}
     */
    public List<N> nodesFor(long keyHash, int count) {
        if (count < 1 || count > ids.length) {
            throw new IllegalArgumentException(
                    "count must be between 1 and " + ids.length + " (the node count) but was " + count);
        }
        Object[] chosen = new Object[count];
        long[] seen = new long[(ids.length + 63) >>> 6];
        int found = 0;
        int i = indexOf(keyHash << keyShift);
        while (true) {
            int owner = ownerOf(i);
            if ((seen[owner >>> 6] & (1L << owner)) == 0) {
                seen[owner >>> 6] |= 1L << owner;
                chosen[found++] = nodes[owner];
                if (found == count) {
                    @SuppressWarnings("unchecked")
                    List<N> list = (List<N>) Arrays.asList(chosen);
                    return Collections.unmodifiableList(list);
                }
            }
            i = i + 1 == points.length ? 0 : i + 1;
        }
    }

    /**
     * The node for a key under bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2017), with loads you keep:
     * no node may hold more than {@code capacity = ceil((1 + epsilon) × (totalLoad + 1) / size())}; the key goes
     * to its own node if that node's load is below the capacity, else on clockwise to the first node that is. For
     * a counter kept by the ring, see {@link BoundedLoads}.
     *
     * @param keyHash the key's hash (see {@link #nodeFor(long)})
     * @param epsilon how far above the average a node may go, {@code > 0}: 0.25 allows 125% of the average
     * @param loadOf the current load of a node (its keys, connections, requests)
     * @param totalLoad the sum of all nodes' loads, not counting the key being placed
     * @return the node for the key, whose load is below the capacity
     * @throws IllegalArgumentException if {@code epsilon} is not a finite number above 0, {@code totalLoad} is
     *     negative, or no node is below the capacity (then the loads sum to more than {@code totalLoad})
     */
    public N nodeFor(long keyHash, double epsilon, ToLongFunction<? super N> loadOf, long totalLoad) {
        Objects.requireNonNull(loadOf, "loadOf");
        if (totalLoad < 0) {
            throw new IllegalArgumentException("totalLoad must be >= 0 but was " + totalLoad);
        }
        long capacity = capacity(checkEpsilon(epsilon), totalLoad + 1, ids.length);
        int start = indexOf(keyHash << keyShift);
        int i = start;
        long[] seen = new long[(ids.length + 63) >>> 6];
        long sum = 0;
        do {
            int owner = ownerOf(i);
            if ((seen[owner >>> 6] & (1L << owner)) == 0) {
                seen[owner >>> 6] |= 1L << owner;
                long load = loadOf.applyAsLong(cast(nodes[owner]));
                if (load < capacity) {
                    return cast(nodes[owner]);
                }
                sum += load;
            }
            i = i + 1 == points.length ? 0 : i + 1;
        } while (i != start);
        throw new IllegalArgumentException("no node is below the capacity " + capacity + ": the loads sum to "
                + sum + ", more than totalLoad " + totalLoad);
    }

    /**
     * The ring's hash of a key: what {@link #nodeFor(long)} takes.
     *
     * @param key the key (hashed as UTF-8)
     * @return the key's hash
     */
    public long hash(CharSequence key) {
        return hash.hash(key);
    }

    /**
     * The ring's hash of a key given by its bytes: what {@link #nodeFor(long)} takes.
     *
     * @param key the key
     * @return the key's hash
     */
    public long hash(byte[] key) {
        return hash.hash(key, 0, key.length);
    }

    // ---------------------------------------------------------------- membership

    /**
     * A new ring with one more node, of weight 1. This ring is unchanged.
     *
     * @param id the new node's id
     * @param node the new node
     * @return the new ring
     * @throws IllegalArgumentException if a node with this id is already in the ring
     */
    public HashRing<N> withNode(String id, N node) {
        return withNode(id, node, 1);
    }

    /**
     * A new ring with one more node. This ring is unchanged.
     *
     * @param id the new node's id
     * @param node the new node
     * @param weight its weight, {@code >= 1}
     * @return the new ring
     * @throws IllegalArgumentException if a node with this id is already in the ring or the weight is below 1
     */
    public HashRing<N> withNode(String id, N node, int weight) {
        Builder<N> builder = toBuilder();
        builder.node(id, node, weight);
        return builder.build();
    }

    /**
     * A new ring without the node of this id. This ring is unchanged.
     *
     * @param id the id of the node to remove
     * @return the new ring
     * @throws IllegalArgumentException if no node has this id
     * @throws IllegalStateException if it is the last node (a ring needs one)
     */
    public HashRing<N> withoutNode(String id) {
        Objects.requireNonNull(id, "id");
        int index = indexOfId(id);
        if (index < 0) {
            throw new IllegalArgumentException("id must name a node of the ring but was \"" + id + "\"");
        }
        Builder<N> builder = toBuilder();
        builder.nodes.remove(id);
        return builder.build();
    }

    /**
     * A builder holding this ring's settings and nodes, to derive a changed ring.
     *
     * @return a new builder
     */
    public Builder<N> toBuilder() {
        Builder<N> builder = new Builder<>();
        builder.placement = config.placement();
        builder.pointsPerNode = config.pointsPerNode();
        builder.hash = config.placement() == Placement.KETAMA ? null : config.hash();
        for (int i = 0; i < ids.length; i++) {
            builder.nodes.put(ids[i], new Member<>(cast(nodes[i]), weights[i]));
        }
        return builder;
    }

    // ---------------------------------------------------------------- inspection

    /**
     * The number of nodes.
     *
     * @return the number of nodes
     */
    public int size() {
        return ids.length;
    }

    /**
     * The ids of the nodes.
     *
     * @return the node ids, in ascending order
     */
    public List<String> ids() {
        return List.of(ids);
    }

    /**
     * The nodes.
     *
     * @return the nodes, in ascending order of their ids
     */
    public List<N> nodes() {
        List<N> list = new ArrayList<>(nodes.length);
        for (Object node : nodes) {
            list.add(cast(node));
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * The node with an id.
     *
     * @param id a node id
     * @return the node with this id, or empty
     */
    public Optional<N> node(String id) {
        int index = indexOfId(Objects.requireNonNull(id, "id"));
        return index < 0 ? Optional.empty() : Optional.of(cast(nodes[index]));
    }

    /**
     * The weight of a node.
     *
     * @param id a node id
     * @return the weight of the node with this id, or 0 if there is none
     */
    public int weightOf(String id) {
        int index = indexOfId(Objects.requireNonNull(id, "id"));
        return index < 0 ? 0 : weights[index];
    }

    /**
     * The points a node owns (fewer than its weight asks for when some coincide with another node's).
     *
     * @param id a node id
     * @return the number of points of the node with this id (at least 1), or 0 if there is none
     */
    public int pointsOf(String id) {
        int index = indexOfId(Objects.requireNonNull(id, "id"));
        return index < 0 ? 0 : pointCounts[index];
    }

    /**
     * The fraction of the ring (so of uniformly hashed keys) that a node owns. O(P); for every node at once, use
     * {@link #shares()}.
     *
     * @param id a node id
     * @return a share in [0, 1]; 0 if there is no such node
     */
    public double shareOf(String id) {
        int index = indexOfId(Objects.requireNonNull(id, "id"));
        return index < 0 ? 0 : shareArray()[index];
    }

    /**
     * The fraction of the ring that each node owns, in one pass over the points.
     *
     * @return node id to share, in ascending order of ids; the shares sum to 1
     */
    public Map<String, Double> shares() {
        double[] shares = shareArray();
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            map.put(ids[i], shares[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    private double[] shareArray() {
        double[] shares = new double[ids.length];
        if (points.length == 1) {
            shares[ownerOf(0)] = 1;
            return shares;
        }
        for (int i = 0; i < points.length; i++) {
            long from = position(i == 0 ? points.length - 1 : i - 1);
            long length = position(i) - from; // modulo 2^64, so the wrap needs no special case
            shares[ownerOf(i)] += unsignedToDouble(length) / 0x1p64;
        }
        return shares;
    }

    /**
     * The number of points on the ring, every node's together.
     *
     * @return the total number of points on the ring
     */
    public int pointCount() {
        return points.length;
    }

    /**
     * The heap the ring's lookup structures take, per point: 8 bytes for the point (position and owner packed in
     * one {@code long}) plus the lookup table's share (at most 4).
     *
     * @return bytes per point
     */
    public double bytesPerPoint() {
        return (8.0 * points.length + 4.0 * table.length) / points.length;
    }

    /**
     * The settings this ring was built with.
     *
     * @return the ring's settings
     */
    public RingConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "HashRing[" + ids.length + " nodes, " + points.length + " points, " + config.placement() + ", "
                + hash + "]";
    }

    // ---------------------------------------------------------------- internals shared with the package

    /** Index of the first point at or after ring position {@code u} (unsigned), wrapping to 0. */
    int indexOf(long u) {
        long s = (u ^ Long.MIN_VALUE) & ~OWNER_MASK;
        int j = (int) (u >>> tableShift);
        long[] pts = points;
        int i = table[j];
        int end = table[j + 1];
        if (end - i > 8) {
            i = lowerBound(pts, i, end, s);
        } else {
            while (i < end && pts[i] < s) {
                i++;
            }
        }
        return i == pts.length ? 0 : i;
    }

    int ownerOf(int pointIndex) {
        return (int) (points[pointIndex] & OWNER_MASK);
    }

    N nodeAt(int pointIndex) {
        return cast(nodes[(int) (points[pointIndex] & OWNER_MASK)]);
    }

    N node(int nodeIndex) {
        return cast(nodes[nodeIndex]);
    }

    String id(int nodeIndex) {
        return ids[nodeIndex];
    }

    long[] points() {
        return points;
    }

    int keyShift() {
        return keyShift;
    }

    RingHash ringHash() {
        return hash;
    }

    /** The ring position (unsigned, owner bits cleared) of point {@code i}. */
    long position(int i) {
        return (points[i] & ~OWNER_MASK) ^ Long.MIN_VALUE;
    }

    static double checkEpsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite number > 0 but was " + epsilon);
        }
        return epsilon;
    }

    /**
     * The bounded-load capacity, the one place it is written: {@code ceil((1 + epsilon) × total / nodeCount)}.
     *
     * @param epsilon   how far above the average a node may go, checked
     * @param total     the total load counting the key being placed
     * @param nodeCount the nodes
     * @return the most any node may hold
     */
    static long capacity(double epsilon, long total, int nodeCount) {
        return (long) Math.ceil((1 + epsilon) * total / nodeCount);
    }

    static double unsignedToDouble(long value) {
        double high = (double) (value >>> 1) * 2.0;
        return high + (value & 1);
    }

    private int indexOfId(String id) {
        return Arrays.binarySearch(ids, id);
    }

    @SuppressWarnings("unchecked")
    private N cast(Object node) {
        return (N) node;
    }

    private static int lowerBound(long[] pts, int from, int to, long s) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pts[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long[] placePoints(RingConfig config, String[] ids, int[] weights) {
        int[] perNode = new int[ids.length];
        long total = 0;
        if (config.placement() == Placement.KETAMA) {
            long totalWeight = 0;
            boolean equal = true;
            for (int weight : weights) {
                totalWeight += weight;
                equal &= weight == weights[0];
            }
            for (int i = 0; i < ids.length; i++) {
                int digests = equal
                        ? config.pointsPerNode() / 4
                        : Ketama.weightedDigests(weights[i], totalWeight, config.pointsPerNode(), ids.length);
                if (digests < 1) {
                    throw new IllegalArgumentException("weight " + weights[i] + " of node \"" + ids[i]
                            + "\" gives it no point in KETAMA placement (its share of the total weight "
                            + totalWeight + " is too small); raise it or the pointsPerNode");
                }
                perNode[i] = digests * 4;
                total += perNode[i];
            }
        } else {
            for (int i = 0; i < ids.length; i++) {
                total += (long) config.pointsPerNode() * weights[i];
            }
        }
        if (total > MAX_POINTS) {
            throw new IllegalArgumentException("the ring would have " + total + " points, more than " + MAX_POINTS
                    + ": lower pointsPerNode or the weights");
        }
        long[] points = new long[(int) total];
        int at = 0;
        for (int owner = 0; owner < ids.length; owner++) {
            if (config.placement() == Placement.KETAMA) {
                for (int k = 0; k < perNode[owner] / 4; k++) {
                    Ketama.points(ids[owner], k, points, at);
                    for (int h = 0; h < 4; h++, at++) {
                        points[at] = pack(points[at] << 32, owner);
                    }
                }
            } else {
                byte[] id = ids[owner].getBytes(StandardCharsets.UTF_8);
                long count = (long) config.pointsPerNode() * weights[owner];
                for (int r = 0; r < count; r++) {
                    points[at++] = pack(XxHash64.hash(id, 0, id.length, r), owner);
                }
            }
        }
        Arrays.sort(points);
        int kept = 0;
        for (int i = 0; i < points.length; i++) {
            if (kept == 0 || (points[i] & ~OWNER_MASK) != (points[kept - 1] & ~OWNER_MASK)) {
                points[kept++] = points[i];
            }
        }
        return kept == points.length ? points : Arrays.copyOf(points, kept);
    }

    private static long pack(long position, int owner) {
        return ((position ^ Long.MIN_VALUE) & ~OWNER_MASK) | owner;
    }

    private static int[] buildTable(long[] points, int bits) {
        int buckets = 1 << bits;
        int shift = 64 - bits;
        int[] table = new int[buckets + 1];
        int i = 0;
        for (int j = 0; j <= buckets; j++) {
            while (i < points.length && ((points[i] ^ Long.MIN_VALUE) >>> shift) < j) {
                i++;
            }
            table[j] = i;
        }
        return table;
    }

    /** A node and its weight, as a builder holds them. */
    private record Member<N>(N node, int weight) {}

    /**
     * Builds a {@link HashRing}. Each setting is checked when it is set. Not thread-safe; the ring it builds is.
     *
     * <pre>{@code
     * HashRing<String> ring = HashRing.<String>builder()
     *         .pointsPerNode(200)
     *         .node("a", "10.0.0.1")
     *         .node("b", "10.0.0.2", 3)
     *         .build();
     * }</pre>
     *
     * @param <N> the type of the nodes
     */
    public static final class Builder<N> {
        private Placement placement = Placement.STANDARD;
        private int pointsPerNode = RingConfig.DEFAULT_POINTS_PER_NODE;
        private @Nullable RingHash hash;
        private final Map<String, Member<N>> nodes = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets how points are placed and keys hashed. Default {@link Placement#STANDARD}.
         *
         * @param placement the placement
         * @return this builder
         */
        public Builder<N> placement(Placement placement) {
            this.placement = Objects.requireNonNull(placement, "placement");
            return this;
        }

        /**
         * Sets the points of a node of weight 1. Default {@value RingConfig#DEFAULT_POINTS_PER_NODE}. More points
         * balance better (the spread of node shares is about {@code 1 / sqrt(points)}) and cost 8 to 12 bytes
         * each. In {@link Placement#KETAMA} placement it must be a multiple of 4.
         *
         * @param pointsPerNode between 1 and {@value RingConfig#MAX_POINTS_PER_NODE}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder<N> pointsPerNode(int pointsPerNode) {
            this.pointsPerNode = RingConfig.checkPointsPerNode(pointsPerNode);
            return this;
        }

        /**
         * Sets how keys are hashed. Default {@link RingHash#xxh64()}. Not settable in {@link Placement#KETAMA}
         * placement, which always hashes with {@link RingHash#ketamaMd5()}.
         *
         * @param hash the key hash
         * @return this builder
         */
        public Builder<N> hash(RingHash hash) {
            this.hash = Objects.requireNonNull(hash, "hash");
            return this;
        }

        /**
         * Adds a node of weight 1.
         *
         * @param id the node's stable identity (an address, a name)
         * @param node the node
         * @return this builder
         * @throws IllegalArgumentException if a node with this id was already added
         */
        public Builder<N> node(String id, N node) {
            return node(id, node, 1);
        }

        /**
         * Adds a node. Its weight multiplies its points (in {@link Placement#KETAMA} placement: sets its share of
         * the digests), so a node of weight 2 takes about twice the keys of a node of weight 1.
         *
         * @param id the node's stable identity (an address, a name), not blank
         * @param node the node
         * @param weight {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if the id is blank, a node with this id was already added, or the
         *     weight is below 1
         */
        public Builder<N> node(String id, N node, int weight) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(node, "node");
            if (id.isBlank()) {
                throw new IllegalArgumentException("id must not be blank but was '" + id + "'");
            }
            if (weight < 1) {
                throw new IllegalArgumentException(
                        "weight must be >= 1 but was " + weight + " (node \"" + id + "\")");
            }
            if (nodes.containsKey(id)) {
                throw new IllegalArgumentException("id must be unique but \"" + id + "\" was already added");
            }
            if (nodes.size() == MAX_NODES) {
                throw new IllegalArgumentException("a ring holds at most " + MAX_NODES + " nodes");
            }
            nodes.put(id, new Member<>(node, weight));
            return this;
        }

        /**
         * Builds the ring: places every point (one XXH64 of the id per point; one MD5 per four points in ketama
         * placement) and sorts them, O(P log P) for P points.
         *
         * @return the ring
         * @throws IllegalStateException if no node was added
         * @throws IllegalArgumentException if the settings conflict (see {@link RingConfig}) or a ketama weight
         *     is too small to earn one digest
         */
        public HashRing<N> build() {
            if (nodes.isEmpty()) {
                throw new IllegalStateException("a ring needs at least one node; add one with node(id, node)");
            }
            RingHash keyHash = hash != null
                    ? hash
                    : placement == Placement.KETAMA ? RingHash.ketamaMd5() : RingHash.xxh64();
            RingConfig config = new RingConfig(placement, pointsPerNode, keyHash);
            String[] ids = nodes.keySet().toArray(new String[0]);
            Arrays.sort(ids);
            Object[] members = new Object[ids.length];
            int[] weights = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                Member<N> member = Objects.requireNonNull(nodes.get(ids[i]), "member"); // ids are nodes' keys
                members[i] = member.node();
                weights[i] = member.weight();
            }
            return new HashRing<>(config, ids, members, weights);
        }
    }
}
