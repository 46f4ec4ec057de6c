package dev.mainstay.idempotency.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.testkit.Backend;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.RedisClusterBackend;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

/**
 * The Redis contract on a Redis Cluster of three masters, through Jedis 7's {@code RedisClusterClient} bound with
 * the same two method references as a single server's client; plus records of different scopes and keys spread
 * over the masters, each record one hash-tagged key on the node its slot belongs to.
 */
class RedisIdempotencyStoreClusterIT extends RedisIdempotencyStoreContract {

    private final RedisClusterBackend cluster = RealBackends.redisCluster();

    @Override
    RedisScripting scripting() {
        Set<HostAndPort> seeds = cluster.nodes().stream().map(HostAndPort::from).collect(Collectors.toSet());
        // it retries a refused connection for 10 s by default: 1 s lets a stopped cluster surface as failures
        RedisClusterClient jedis = RedisClusterClient.builder().nodes(seeds)
                .maxTotalRetriesDuration(Duration.ofSeconds(1)).build();
        closeables.add(jedis);
        return RedisScripting.of(jedis::evalsha, jedis::eval);
    }

    @Override
    Backend backend() {
        return cluster;
    }

    @Override
    Object command(String key, String... command) {
        return cluster.commandOn(cluster.nodeFor(key), command);
    }

    @Override
    Collection<Object> commandOnEveryNode(String... command) {
        return cluster.commandOnEveryNode(command).values();
    }

    @Test
    void recordsOfDifferentScopesAndKeysSpreadOverTheMasters() throws Exception {
        RedisIdempotencyStore store = (RedisIdempotencyStore) store();
        Idempotency idempotency = Idempotency.builder(store).build();
        String run = Long.toString(System.nanoTime());
        Map<String, Set<String>> byNode = new TreeMap<>();
        Set<String> keysOnTwoNodes = new TreeSet<>();
        for (int k = 0; k < 10; k++) {
            String key = "order-" + k;
            Set<String> nodesOfKey = new TreeSet<>();
            for (int s = 0; s < 3; s++) {
                String scope = "tenant" + s + "-" + run;
                assertEquals(scope + "/" + key, idempotency.execute(scope, key, Fingerprint.sha256(key),
                        claim -> StoredResponse.ofText(scope + "/" + key)).response().bodyText());
                String redisKey = store.redisKey(scope, key);
                String node = cluster.nodeFor(redisKey);
                assertEquals("hash", cluster.commandOn(node, "TYPE", redisKey), "the record lives on its slot's node");
                assertEquals(scope + "/" + key, idempotency.execute(scope, key, Fingerprint.sha256(key),
                        claim -> StoredResponse.ofText("twice")).response().bodyText(), "replayed from " + node);
                byNode.computeIfAbsent(node, n -> new TreeSet<>()).add("tenant" + s + ":" + key);
                nodesOfKey.add(node);
            }
            if (nodesOfKey.size() > 1) {
                keysOnTwoNodes.add(key);
            }
        }
        byNode.forEach((node, records) -> System.out.println(getClass().getSimpleName() + ": " + node + " holds "
                + records.size() + " records: " + records));
        assertEquals(Set.copyOf(cluster.nodes()), byNode.keySet(), "every master holds some records");
        assertTrue(!keysOnTwoNodes.isEmpty(), "one key in several scopes lands on several masters");
    }
}
