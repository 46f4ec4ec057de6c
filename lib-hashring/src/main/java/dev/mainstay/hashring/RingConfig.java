package dev.mainstay.hashring;

import java.util.Objects;

/**
 * The settings of a {@link HashRing}, as built by {@link HashRing.Builder}. Immutable.
 *
 * <pre>{@code
 * RingConfig config = ring.config();
 * config.pointsPerNode(); // 160 unless set
 * }</pre>
 *
 * @param placement how points are placed and keys hashed
 * @param pointsPerNode points of a node of weight 1 (in {@link Placement#KETAMA} mode, the repetitions, a
 *     multiple of 4)
 * @param hash how keys are hashed ({@link RingHash#ketamaMd5()} in {@link Placement#KETAMA} mode)
 */
public record RingConfig(Placement placement, int pointsPerNode, RingHash hash) {

    /** Points of a node of weight 1 unless set: libketama's and spymemcached's 160. */
    public static final int DEFAULT_POINTS_PER_NODE = 160;

    /** At most this many points per node: more buys no balance worth the memory. */
    public static final int MAX_POINTS_PER_NODE = 1 << 16;

    /**
     * Checks the settings.
     *
     * @param placement how points are placed and keys hashed
     * @param pointsPerNode points of a node of weight 1
     * @param hash how keys are hashed
     * @throws NullPointerException if {@code placement} or {@code hash} is null
     * @throws IllegalArgumentException if {@code pointsPerNode} is out of range, not a multiple of 4 in ketama
     *     mode, or the hash is not the ketama hash in ketama mode
     */
    public RingConfig {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(hash, "hash");
        checkPointsPerNode(pointsPerNode);
        if (placement == Placement.KETAMA) {
            if (pointsPerNode % 4 != 0) {
                throw new IllegalArgumentException(
                        "pointsPerNode must be a multiple of 4 in KETAMA placement but was " + pointsPerNode);
            }
            if (hash != RingHash.ketamaMd5()) {
                throw new IllegalArgumentException(
                        "hash must be RingHash.ketamaMd5() in KETAMA placement but was " + hash);
            }
        }
    }

    static int checkPointsPerNode(int pointsPerNode) {
        if (pointsPerNode < 1 || pointsPerNode > MAX_POINTS_PER_NODE) {
            throw new IllegalArgumentException(
                    "pointsPerNode must be between 1 and " + MAX_POINTS_PER_NODE + " but was " + pointsPerNode);
        }
        return pointsPerNode;
    }
}
