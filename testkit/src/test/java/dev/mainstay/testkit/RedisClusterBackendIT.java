package dev.mainstay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The kit's Redis Cluster, through Jedis' cluster client ({@code RedisClusterClient}, which replaces the
 * deprecated {@code JedisCluster} in Jedis 7 with the same commands).
 */
@ExtendWith(RealBackends.class)
class RedisClusterBackendIT {

    @BeforeEach
    void clean(RedisClusterBackend cluster) {
        cluster.flushAll();
    }

    private static RedisClusterClient client(RedisClusterBackend cluster) {
        Set<HostAndPort> seeds = cluster.nodes().stream().map(HostAndPort::from).collect(Collectors.toSet());
        return RedisClusterClient.create(seeds);
    }

    @Test
    void threeMastersServeEverySlotOnLoopback(RedisClusterBackend cluster) {
        assertEquals(3, cluster.nodes().size(), cluster.nodes().toString());
        assertEquals(cluster.host() + ":" + cluster.port(), cluster.nodes().get(0));
        for (Object info : cluster.commandOnEveryNode("CLUSTER", "INFO").values()) {
            String text = (String) info;
            assertTrue(text.contains("cluster_state:ok"), text);
            assertTrue(text.contains("cluster_slots_assigned:16384"), text);
            assertTrue(text.contains("cluster_slots_ok:16384"), text);
            assertTrue(text.contains("cluster_known_nodes:3"), text);
            assertTrue(text.contains("cluster_size:3"), text); // masters serving slots
        }
        String nodes = (String) cluster.command("CLUSTER", "NODES");
        assertEquals(3, nodes.lines().filter(line -> line.contains("master")).count(), nodes);
        for (String line : nodes.lines().toList()) {
            assertTrue(line.split(" ")[1].startsWith("127.0.0.1:"), "every node announces loopback: " + line);
        }
    }

    @Test
    void keysWithDifferentHashTagsLandOnDifferentNodes(RedisClusterBackend cluster) {
        Map<String, String> keyByNode = new LinkedHashMap<>();
        for (int tag = 0; keyByNode.size() < 3 && tag < 1000; tag++) {
            String key = "testkit:{" + tag + "}";
            keyByNode.putIfAbsent(cluster.nodeFor(key), key);
        }
        assertEquals(Set.copyOf(cluster.nodes()), keyByNode.keySet(), "some hash tag lands on every master");
        try (RedisClusterClient jedis = client(cluster)) {
            keyByNode.forEach((node, key) -> jedis.set(key, node));
            keyByNode.forEach((node, key) -> assertEquals(node, jedis.get(key)));
        }
        keyByNode.forEach((node, key) -> {
            assertEquals(node, cluster.commandOn(node, "GET", key), "stored on the node that owns its slot");
            assertEquals(1L, cluster.commandOn(node, "DBSIZE"), node);
        });
        assertEquals(1L, cluster.commandOn(cluster.nodeFor("testkit:{0}x"), "EXISTS", "testkit:{0}"),
                "the hash tag alone decides the slot");
    }

    @Test
    void restartForgetsTheDataAndTheClusterFormsAgain(RedisClusterBackend cluster) {
        try (RedisClusterClient jedis = client(cluster)) {
            Set<String> keys = new HashSet<>();
            for (int tag = 0; tag < 30; tag++) {
                jedis.set("testkit:{restart-" + tag + "}", "before");
                keys.add("testkit:{restart-" + tag + "}");
            }
            assertTrue(cluster.commandOnEveryNode("DBSIZE").values().stream().allMatch(size -> (Long) size > 0),
                    "30 tags spread over every master");

            cluster.restart();

            for (Object info : cluster.commandOnEveryNode("CLUSTER", "INFO").values()) {
                assertTrue(((String) info).contains("cluster_state:ok"), (String) info);
            }
            assertEquals(List.of(0L, 0L, 0L), List.copyOf(cluster.commandOnEveryNode("DBSIZE").values()));
            // the client finds the same nodes on the same ports again
            for (String key : keys) {
                assertNull(jedis.get(key), key);
            }
            jedis.set("testkit:{restart-0}", "after");
            assertEquals("after", jedis.get("testkit:{restart-0}"));
        }
    }

    @Test
    void whileStoppedEveryNodeRefusesClients(RedisClusterBackend cluster) {
        cluster.stop();
        try {
            for (String node : cluster.nodes()) {
                HostAndPort address = HostAndPort.from(node);
                try (Jedis jedis = new Jedis(address.getHost(), address.getPort())) {
                    assertThrows(JedisConnectionException.class, jedis::ping, node);
                }
            }
        } finally {
            cluster.start();
        }
        try (RedisClusterClient jedis = client(cluster)) {
            jedis.set("testkit:{started}", "yes");
            assertEquals("yes", jedis.get("testkit:{started}"));
        }
    }

    @Test
    void killClientsDropsConnectionsOnEveryNode(RedisClusterBackend cluster) {
        Map<String, Jedis> victims = new LinkedHashMap<>();
        try {
            for (String node : cluster.nodes()) {
                HostAndPort address = HostAndPort.from(node);
                Jedis victim = new Jedis(address.getHost(), address.getPort());
                victims.put(node, victim);
                assertEquals("PONG", victim.ping());
            }
            assertTrue(cluster.killClients() >= 3, "one victim per node at least");
            victims.forEach((node, victim) -> assertThrows(JedisConnectionException.class, victim::ping, node));
        } finally {
            victims.values().forEach(Jedis::close);
        }
        for (Object info : cluster.commandOnEveryNode("CLUSTER", "INFO").values()) {
            assertTrue(((String) info).contains("cluster_state:ok"), "the bus is not a client: " + info);
        }
    }
}
