package dev.mainstay.hashring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What changes hands between two rings: the ranges of key hashes whose node differs, each with the node that
 * has the keys now and the node that will, so you migrate exactly the data that moves and nothing else.
 *
 * <pre>{@code
 * HashRing<String> before = HashRing.<String>builder().node("a", "a").node("b", "b").node("c", "c").build();
 * HashRing<String> after = before.withNode("d", "d");
 * MovePlan<String> plan = MovePlan.between(before, after);
 * for (MovePlan.Move<String> move : plan.moves()) {
 *     // copy the keys whose hash lies in move (startExclusive, endInclusive] from move.from() to move.to()
 * }
 * plan.movedFraction();            // about 1/4: only the keys d takes over
 * plan.moveOf("user:42");          // the move of one key, or empty if it stays put
 * }</pre>
 *
 * <p>Only primary ownership is compared ({@link HashRing#nodeFor}); replicas chosen by
 * {@link HashRing#nodesFor} shift too when a primary does. Nodes are compared by id. Immutable and thread-safe.
 *
 * @param <N> the type of the nodes
 */
public final class MovePlan<N> {

    private final HashRing<N> from; // hashes keys as the ring to come does (checked in between)
    private final List<Move<N>> moves;

    private MovePlan(HashRing<N> from, List<Move<N>> moves) {
        this.from = from;
        this.moves = moves;
    }

    /**
     * The moves from one ring to another. Costs O(P log P) for P points in both rings together.
     *
     * @param from the ring now
     * @param to the ring to come
     * @param <N> the type of the nodes
     * @return the plan
     * @throws IllegalArgumentException if the rings do not place keys the same way (different placement or hash)
     */
    public static <N> MovePlan<N> between(HashRing<N> from, HashRing<N> to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.config().placement() != to.config().placement()
                || !from.config().hash().equals(to.config().hash())) {
            throw new IllegalArgumentException("to must hash keys as from does but placement/hash were "
                    + from.config().placement() + "/" + from.config().hash() + " and "
                    + to.config().placement() + "/" + to.config().hash());
        }
        long[] boundaries = boundaries(from, to);
        List<Move<N>> moves = new ArrayList<>();
        int k = boundaries.length;
        // The arc that ends at boundary b (and starts after the boundary before it) belongs to the owner of the
        // first point at or after b in each ring.
        long[] start = new long[k];
        int[] fromOwner = new int[k];
        int[] toOwner = new int[k];
        for (int i = 0; i < k; i++) {
            start[i] = boundaries[i == 0 ? k - 1 : i - 1];
            fromOwner[i] = from.ownerOf(from.indexOf(boundaries[i]));
            toOwner[i] = to.ownerOf(to.indexOf(boundaries[i]));
        }
        // Begin at an arc that does not continue the move of the arc before it, so merged moves never straddle
        // the beginning of the loop.
        int first = 0;
        for (int i = 0; i < k; i++) {
            int previous = i == 0 ? k - 1 : i - 1;
            if (!sameMove(from, to, fromOwner, toOwner, previous, i)) {
                first = i;
                break;
            }
        }
        int shift = from.keyShift();
        for (int step = 0; step < k; ) {
            int i = (first + step) % k;
            if (from.id(fromOwner[i]).equals(to.id(toOwner[i]))) {
                step++;
                continue;
            }
            int last = i;
            step++;
            while (step < k && sameMove(from, to, fromOwner, toOwner, last, (first + step) % k)) {
                last = (first + step) % k;
                step++;
            }
            moves.add(new Move<>(toHash(start[i], shift), toHash(boundaries[last], shift),
                    from.node(fromOwner[i]), to.node(toOwner[i]), from.id(fromOwner[i]), to.id(toOwner[i])));
        }
        return new MovePlan<>(from, Collections.unmodifiableList(moves));
    }

    /**
     * The ranges of hashes whose node changes.
     *
     * @return the ranges whose node changes, in ring order
     */
    public List<Move<N>> moves() {
        return moves;
    }

    /**
     * The fraction of the ring (so of uniformly hashed keys) that moves.
     *
     * @return a fraction in [0, 1]
     */
    public double movedFraction() {
        double sum = 0;
        for (Move<N> move : moves) {
            sum += move.fraction(from.keyShift());
        }
        return Math.min(1, sum);
    }

    /**
     * The move of one key (hashed as UTF-8), if its node changes.
     *
     * @param key the key
     * @return the move that carries it, or empty if it stays on its node
     */
    public Optional<Move<N>> moveOf(CharSequence key) {
        return moveOf(from.hash(key));
    }

    /**
     * The move of one key given by its hash (see {@link HashRing#nodeFor(long)}), if its node changes.
     *
     * @param keyHash the key's hash
     * @return the move that carries it, or empty if it stays on its node
     */
    public Optional<Move<N>> moveOf(long keyHash) {
        for (Move<N> move : moves) {
            if (move.contains(keyHash)) {
                return Optional.of(move);
            }
        }
        return Optional.empty();
    }

    private static boolean sameMove(HashRing<?> from, HashRing<?> to, int[] fromOwner, int[] toOwner, int a, int b) {
        return from.id(fromOwner[a]).equals(from.id(fromOwner[b])) && to.id(toOwner[a]).equals(to.id(toOwner[b]));
    }

    /** The distinct point positions of both rings (sign-flipped, owner bits clear), sorted. */
    private static long[] boundaries(HashRing<?> a, HashRing<?> b) {
        long[] pa = a.points();
        long[] pb = b.points();
        long[] merged = new long[pa.length + pb.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < pa.length || j < pb.length) {
            long next;
            if (j == pb.length || (i < pa.length && pa[i] < pb[j])) {
                next = pa[i++];
            } else {
                next = pb[j++];
            }
            next &= ~HashRing.OWNER_MASK;
            if (n == 0 || merged[n - 1] != next) {
                merged[n++] = next;
            }
        }
        long[] unsigned = new long[n];
        for (int k = 0; k < n; k++) {
            unsigned[k] = merged[k] ^ Long.MIN_VALUE;
        }
        return unsigned;
    }

    /** A ring position (unsigned) as the last key hash that maps to it. */
    private static long toHash(long position, int keyShift) {
        if (keyShift == 32) {
            return position >>> 32;
        }
        return position | HashRing.OWNER_MASK;
    }

    /**
     * One range of key hashes that changes node: the hashes {@code h} (unsigned) with
     * {@code startExclusive < h <= endInclusive}, wrapping past the top of the ring when {@code startExclusive}
     * is not below {@code endInclusive} (equal bounds mean the whole ring). Hashes are those
     * {@link HashRing#nodeFor(long)} takes: 64-bit, or 32-bit in {@link Placement#KETAMA} placement.
     *
     * <pre>{@code
     * if (move.contains(ring.hash(key))) { copy(key, move.from(), move.to()); }
     * }</pre>
     *
     * @param startExclusive the hash just before the range
     * @param endInclusive the last hash of the range
     * @param from the node that owns these keys now
     * @param to the node that will own them
     * @param fromId the id of {@code from}
     * @param toId the id of {@code to}
     * @param <N> the type of the nodes
     */
    public record Move<N>(long startExclusive, long endInclusive, N from, N to, String fromId, String toId) {

        /**
         * Checks the parts.
         *
         * @param startExclusive the hash just before the range
         * @param endInclusive the last hash of the range
         * @param from the node that owns these keys now
         * @param to the node that will own them
         * @param fromId the id of {@code from}
         * @param toId the id of {@code to}
         * @throws NullPointerException if a node or id is null
         */
        public Move {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(fromId, "fromId");
            Objects.requireNonNull(toId, "toId");
        }

        /**
         * Whether a key's hash falls in this range.
         *
         * @param keyHash a key's hash
         * @return whether the range holds it
         */
        public boolean contains(long keyHash) {
            int afterStart = Long.compareUnsigned(keyHash, startExclusive);
            int atOrBeforeEnd = Long.compareUnsigned(keyHash, endInclusive);
            if (startExclusive == endInclusive) {
                return true;
            }
            if (Long.compareUnsigned(startExclusive, endInclusive) < 0) {
                return afterStart > 0 && atOrBeforeEnd <= 0;
            }
            return afterStart > 0 || atOrBeforeEnd <= 0;
        }

        double fraction(int keyShift) {
            if (startExclusive == endInclusive) {
                return 1;
            }
            long width = endInclusive - startExclusive;
            if (keyShift == 32) {
                return (double) (width & 0xFFFFFFFFL) / 0x1p32;
            }
            return HashRing.unsignedToDouble(width) / 0x1p64;
        }
    }
}
