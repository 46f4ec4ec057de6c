package dev.mainstay.hashring;

/**
 * How a {@link HashRing} places its nodes' points and hashes keys.
 *
 * <pre>{@code
 * HashRing<String> memcached = HashRing.<String>builder()
 *         .placement(Placement.KETAMA)
 *         .node("10.0.1.1:11211", "cache-1")
 *         .node("10.0.1.2:11211", "cache-2")
 *         .build(); // agrees with spymemcached's KetamaNodeLocator on every key
 * }</pre>
 */
public enum Placement {

    /**
     * The default. Point {@code r} of a node sits at {@code XXH64(UTF-8(id), seed = r)}; a node has
     * {@code pointsPerNode × weight} points; keys are hashed with the ring's {@link RingHash} (XXH64 unless set).
     * The ring has 2<sup>40</sup> distinct positions.
     */
    STANDARD,

    /**
     * Compatible with libketama and spymemcached's {@code KetamaNodeLocator} ({@code KETAMA_HASH}): a node with
     * id {@code "10.0.1.1:11211"} gets MD5 digests of {@code "10.0.1.1:11211-0"}, {@code "-1"}, ..., each giving
     * four points (its 16 bytes read as four little-endian unsigned 32-bit numbers); keys are hashed with
     * {@link RingHash#ketamaMd5()}. With equal weights every node gets {@code pointsPerNode / 4} digests (160
     * points by default, as spymemcached); with unequal weights, {@code floor(weight / totalWeight × pointsPerNode
     * / 4 × nodeCount)} digests, in spymemcached's float arithmetic. Use the memcached client's node key as the
     * id (spymemcached: {@code "host:port"} of the resolved address, without the leading slash).
     *
     * <p>Where two nodes' points coincide (rare: about 3 collisions at 1000 nodes), the node with the smaller id
     * owns the point; spymemcached gives it to the node that comes later in its list, so the two can differ on
     * the keys of that one point.
     */
    KETAMA
}
