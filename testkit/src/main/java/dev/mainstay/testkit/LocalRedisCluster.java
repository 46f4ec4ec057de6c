package dev.mainstay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A private Redis Cluster of {@value #MASTERS} masters and no replicas, each a {@link LocalRedis} with cluster mode
 * on, in its own subdirectory of one work directory ({@code mainstay-testkit-rediscluster-<pid>-*}), formed once
 * with {@code redis-cli --cluster create}.
 *
 * <p>Every node listens on {@value LocalRedis#HOST} only, its cluster bus (port + {@value #BUS_OFFSET}) too, and
 * announces that address. Nothing is persisted but each node's {@code nodes.conf}, so a restart forgets the data
 * and the cluster forms again by itself.
 */
final class LocalRedisCluster implements ServerProcess {

    static final int MASTERS = 3;
    /** Redis puts a node's cluster bus on its port + 10000. */
    static final int BUS_OFFSET = 10_000;
    private static final long FORM_TIMEOUT_MILLIS = 30_000;

    private final Path server;
    private final Path dir;
    private final List<LocalRedis> nodes = new ArrayList<>();

    private LocalRedisCluster(Path server) {
        this.server = server;
        this.dir = WorkDirs.create("rediscluster");
    }

    private void addNodes() {
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < MASTERS; i++) {
            int port = Processes.freePortPair(BUS_OFFSET);
            while (taken.contains(port) || taken.contains(port + BUS_OFFSET)) { // free, but promised to another node
                port = Processes.freePortPair(BUS_OFFSET);
            }
            taken.addAll(List.of(port, port + BUS_OFFSET));
            Path nodeDir = dir.resolve("node-" + port);
            try {
                Files.createDirectory(nodeDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + nodeDir, e);
            }
            nodes.add(new LocalRedis(server, nodeDir, port, List.of(
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "2000", "--cluster-announce-ip", LocalRedis.HOST,
                    "--protected-mode", "yes")));
        }
    }

    static Optional<Path> cliBinary() {
        return Processes.findExecutable(List.of("redis-cli"),
                List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin")));
    }

    /** Starts the nodes and forms the cluster; the caller checked {@link LocalRedis#binary()} and {@link #cliBinary()}. */
    static LocalRedisCluster launch(Path server, Path cli) {
        LocalRedisCluster cluster = new LocalRedisCluster(server);
        try {
            cluster.addNodes();
            cluster.startNodes();
            List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
            create.addAll(cluster.nodes());
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Processes.run(create, cluster.dir.resolve("cluster-create.log"), 60);
            cluster.awaitFormed();
        } catch (RuntimeException e) {
            cluster.destroy();
            throw e;
        }
        return cluster;
    }

    /** {@code "127.0.0.1:port"} of each master, in the order of their slot ranges. */
    List<String> nodes() {
        return nodes.stream().map(node -> LocalRedis.HOST + ":" + node.port()).toList();
    }

    @Override
    public String origin() {
        return "local Redis Cluster of " + MASTERS + " " + server + " on " + nodes() + " in " + dir;
    }

    @Override
    public boolean controllable() {
        return true;
    }

    /** Starts every node again; each reads its {@code nodes.conf}, and the cluster forms again by itself. */
    @Override
    public void start() {
        startNodes();
        awaitFormed();
    }

    private void startNodes() {
        for (LocalRedis node : nodes) {
            node.start();
        }
    }

    /**
     * Waits until every node says {@code cluster_state:ok}. After a restart that takes about 2 s: a master that
     * was down waits that long before it serves again ({@code CLUSTER_WRITABLE_DELAY}).
     */
    private void awaitFormed() {
        Processes.await(() -> nodes.stream().allMatch(LocalRedisCluster::ok), FORM_TIMEOUT_MILLIS,
                "Redis Cluster on " + nodes(), this::diagnosis);
    }

    private static boolean ok(LocalRedis node) {
        try {
            return clusterInfo(node).contains("cluster_state:ok");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String clusterInfo(LocalRedis node) {
        return (String) Resp.call(LocalRedis.HOST, node.port(), null, 1000, "CLUSTER", "INFO");
    }

    private String diagnosis() {
        StringBuilder text = new StringBuilder(Processes.tail(dir.resolve("cluster-create.log")));
        for (LocalRedis node : nodes) {
            String state;
            try {
                state = clusterInfo(node).lines().filter(line -> line.startsWith("cluster_")).limit(6).toList().toString();
            } catch (RuntimeException e) {
                state = e.toString();
            }
            text.append("\n--- ").append(LocalRedis.HOST).append(':').append(node.port()).append(": ").append(state)
                    .append('\n').append(Processes.tail(node.log()));
        }
        return text.toString();
    }

    @Override
    public void stop() {
        for (LocalRedis node : nodes) {
            node.stop();
        }
    }

    @Override
    public void destroy() {
        for (LocalRedis node : nodes) {
            try {
                node.destroy();
            } catch (RuntimeException e) {
                // the others still go; the reaper of a later JVM gets what is left
            }
        }
        Processes.deleteTree(dir);
    }
}
