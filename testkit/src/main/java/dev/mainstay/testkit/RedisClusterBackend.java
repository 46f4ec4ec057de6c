package dev.mainstay.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running Redis Cluster for tests, with its faults. Get one as a test parameter under
 * {@code @ExtendWith(RealBackends.class)}, or from {@link RealBackends#redisCluster()}. The kit's own cluster has
 * three masters and no replicas, on loopback ports, without persistence.
 *
 * <pre>{@code
 * @ExtendWith(RealBackends.class)
 * class LimiterRedisClusterIT {
 *     @Test
 *     void survivesRestart(RedisClusterBackend cluster) {
 *         Set<HostAndPort> seeds = cluster.nodes().stream().map(HostAndPort::from).collect(toSet());
 *         try (RedisClusterClient jedis = RedisClusterClient.create(seeds)) {
 *             jedis.set("k:{a}", "v");                   // lands on cluster.nodeFor("k:{a}")
 *             cluster.restart();                         // every node; the data is gone, the cluster forms again
 *             assertNull(jedis.get("k:{a}"));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The admin commands ({@link #command}, {@link #commandOn}, {@link #commandOnEveryNode}) go to one node on a
 * fresh connection and do not follow {@code MOVED} redirections: send a command about a key to
 * {@link #nodeFor(String) the node that owns it}.
 */
public final class RedisClusterBackend extends ProcessBackend {

    /** Each master, as a plain Redis the kit can send admin commands to (it cannot restart them one by one). */
    private final Map<String, RedisBackend> masters = new LinkedHashMap<>();

    RedisClusterBackend(List<String> nodes, ServerProcess process) {
        super(process);
        for (String node : nodes) {
            masters.put(node, node(node));
        }
    }

    /** A cluster somebody else runs, found through comma-separated {@code host:port} seeds; its masters are asked for. */
    static RedisClusterBackend external(String seeds) {
        String origin = "Redis Cluster at " + seeds;
        IllegalStateException failure = new IllegalStateException("no seed of the " + origin + " answers CLUSTER SLOTS");
        for (String seed : seeds.split(",")) {
            try {
                List<String> nodes = slotRanges(node(seed.trim())).stream().map(SlotRange::node).distinct().toList();
                return new RedisClusterBackend(nodes, ServerProcess.external(origin));
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    private static RedisBackend node(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("a Redis Cluster node must be host:port but was '" + hostAndPort + "'");
        }
        String host = hostAndPort.substring(0, colon);
        return new RedisBackend(host, Integer.parseInt(hostAndPort.substring(colon + 1)), null,
                ServerProcess.external("Redis Cluster node " + hostAndPort));
    }

    /** {@code "host:port"} of every master, in the order of their slot ranges; the first is {@link #host()}:{@link #port()}. */
    public List<String> nodes() {
        return List.copyOf(masters.keySet());
    }

    /** The host of the first master: a seed for a cluster client. */
    public String host() {
        return first().host();
    }

    /** The port of the first master: a seed for a cluster client. */
    public int port() {
        return first().port();
    }

    /** The master that serves {@code key}'s hash slot, as {@code "host:port"} (one of {@link #nodes()}). */
    public String nodeFor(String key) {
        long slot = (Long) command("CLUSTER", "KEYSLOT", key);
        return slotRanges(first()).stream()
                .filter(range -> range.first() <= slot && slot <= range.last())
                .map(SlotRange::node)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no master serves slot " + slot + " of " + origin()));
    }

    /** Runs one command on the first master on a fresh admin connection; the reply is a String, Long, List or null. */
    public Object command(String... command) {
        return first().command(command);
    }

    /** Runs one command on {@code node} (one of {@link #nodes()}) on a fresh admin connection. */
    public Object commandOn(String node, String... command) {
        RedisBackend master = masters.get(node);
        if (master == null) {
            throw new IllegalArgumentException("node must be one of " + nodes() + " but was '" + node + "'");
        }
        return master.command(command);
    }

    /** Runs one command on every master; the replies by node, in the order of {@link #nodes()}. */
    public Map<String, Object> commandOnEveryNode(String... command) {
        Map<String, Object> replies = new LinkedHashMap<>();
        masters.forEach((node, master) -> replies.put(node, master.command(command)));
        return replies;
    }

    /** Deletes every key on every master. */
    public void flushAll() {
        masters.values().forEach(RedisBackend::flushAll);
    }

    /**
     * Kills every client connection (normal and pub/sub) on every master but the ones that ask; the cluster's own
     * bus connections stay.
     *
     * @return how many connections were killed
     */
    public long killClients() {
        return masters.values().stream().mapToLong(RedisBackend::killClients).sum();
    }

    @Override
    public String kind() {
        return "Redis Cluster";
    }

    private RedisBackend first() {
        return masters.values().iterator().next();
    }

    /** {@code CLUSTER SLOTS} as asked of {@code node}, by first slot. */
    private static List<SlotRange> slotRanges(RedisBackend node) {
        List<SlotRange> ranges = new ArrayList<>();
        for (Object entry : (List<?>) node.command("CLUSTER", "SLOTS")) {
            List<?> range = (List<?>) entry;
            List<?> master = (List<?>) range.get(2);
            ranges.add(new SlotRange((Long) range.get(0), (Long) range.get(1), master.get(0) + ":" + master.get(1)));
        }
        ranges.sort(Comparator.comparingLong(SlotRange::first));
        return ranges;
    }

    private record SlotRange(long first, long last, String node) {}
}
