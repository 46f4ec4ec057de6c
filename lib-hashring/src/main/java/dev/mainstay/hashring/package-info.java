/**
 * A consistent-hash ring with virtual nodes: ketama-compatible, weighted, with replicas, bounded loads and move
 * plans. Depends on nothing but the JDK.
 *
 * <pre>{@code
 * HashRing<String> ring = HashRing.<String>builder()
 *         .node("cache-a", "10.0.0.1")
 *         .node("cache-b", "10.0.0.2")
 *         .build();
 * String server = ring.nodeFor("user:42");
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>A {@link dev.mainstay.hashring.HashRing} is an immutable snapshot; lookups take no lock and write
 *       nothing, so any number of threads may share one. Membership changes return a new ring.</li>
 *   <li>The ring is a function of the set of (id, weight) pairs and the settings: the order in which nodes were
 *       added never matters. Where two points coincide, the node with the smaller id (by
 *       {@link java.lang.String#compareTo}) owns the point.</li>
 *   <li>Every node has at least one point; a weight that would give a node none is rejected.</li>
 *   <li>Adding a node moves only keys to the new node; removing one moves only that node's keys
 *       ({@link dev.mainstay.hashring.MovePlan} lists exactly which hash ranges).</li>
 *   <li>{@link dev.mainstay.hashring.Placement#KETAMA} places points and hashes keys as libketama and spymemcached's
 *       {@code KetamaNodeLocator} do (checked against spymemcached's published vectors).</li>
 *   <li>{@link dev.mainstay.hashring.BoundedLoads} keeps every node at or under
 *       {@code ceil((1 + epsilon) × average)}.</li>
 * </ul>
 *
 * <h2>Algorithm</h2>
 * A node of weight {@code w} gets {@code pointsPerNode × w} points at {@code XXH64(UTF-8(id), seed = r)}. Each point
 * is stored in one {@code long}: its position in the high 40 bits (sign bit flipped, so that signed order is ring
 * order) and its owner's index in the low 24. The points are sorted once; equal positions are kept once. A lookup
 * hashes the key (XXH64 by default), reads the index of the first point of the key's bucket from a table of
 * {@code 2^b <= points} entries indexed by the hash's top {@code b} bits, then scans the bucket (one or two points
 * on average; a binary search if a bucket holds more than 8) for the first point at or after the key, wrapping to
 * the first point past the end. So a lookup touches two cache lines besides the key, whatever the node count.
 *
 * <h2>Cost</h2>
 * <ul>
 *   <li>{@code nodeFor(long)}: O(1) expected, no allocation. {@code nodeFor(byte[])}: plus XXH64 of the bytes,
 *       no allocation. {@code nodeFor(CharSequence)}: no allocation for ASCII text, else one UTF-8 encoding.
 *       In ketama placement, key hashing runs MD5 on a cloned JDK {@code MessageDigest} and allocates.</li>
 *   <li>{@code nodesFor(key, r)}: the lookup, then a walk clockwise until {@code r} distinct nodes are found
 *       (about {@code r} points with equal weights); allocates the result.</li>
 *   <li>Bounded-load lookups: the lookup, then a walk past full nodes (at most all points, expected a few).</li>
 *   <li>Building, {@code withNode}, {@code withoutNode}: O(P log P) for P points (under 100 ms for 100 000
 *       points on a loaded 2-core machine); memory about 8 bytes per point plus at most 4 for the table.</li>
 *   <li>{@code MovePlan.between}: O(P) over the points of both rings plus a lookup per boundary.</li>
 * </ul>
 *
 * <h2>Not supported</h2>
 * <ul>
 *   <li>Mutating a ring in place: build a new one (and publish it through an {@code AtomicReference}).</li>
 *   <li>Jump hash or Maglev tables: they do not let a named node leave without renumbering the others.</li>
 *   <li>Plugging a key hash in ketama placement (it is MD5 by definition), or spymemcached's tie-break of
 *       colliding points (later in its list wins; here the smaller id wins).</li>
 * </ul>
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.hashring;
