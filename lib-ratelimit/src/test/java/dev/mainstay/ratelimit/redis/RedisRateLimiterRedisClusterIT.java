package dev.mainstay.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.Together;
import dev.mainstay.testkit.Backend;
import dev.mainstay.testkit.RedisClusterBackend;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The contract on a Redis Cluster of three masters, through the cluster clients (Jedis 7's
 * {@code RedisClusterClient}, which replaces the deprecated {@code JedisCluster}, and Lettuce's), plus what only a
 * cluster shows: keys with different hash tags spread over the masters, and each is decided exactly on its own node.
 */
class RedisRateLimiterRedisClusterIT extends RedisRateLimiterContract {

    private final RedisClusterBackend cluster;

    RedisRateLimiterRedisClusterIT(RedisClusterBackend cluster) {
        this.cluster = cluster;
    }

    @Override
    Backend server() {
        return cluster;
    }

    @Override
    void flushAll() {
        cluster.flushAll();
    }

    @Override
    UnifiedJedis newJedis() {
        Set<HostAndPort> seeds = cluster.nodes().stream().map(HostAndPort::from).collect(Collectors.toSet());
        // it retries a refused connection for up to 10 s by default before it gives up: 1 s keeps the
        // stopped cluster of aServerRestartFollowsTheFailurePolicyThenRecovers from taking half a minute
        RedisClusterClient jedis = RedisClusterClient.builder().nodes(seeds)
                .maxTotalRetriesDuration(Duration.ofSeconds(1)).build();
        closeables.add(jedis);
        return jedis;
    }

    @Override
    RedisScriptingCommands<String, String> newLettuce() {
        List<RedisURI> seeds = cluster.nodes().stream().map(node -> {
            RedisURI uri = RedisURI.create("redis://" + node);
            uri.setTimeout(Duration.ofSeconds(2));
            return uri;
        }).toList();
        io.lettuce.core.cluster.RedisClusterClient client = io.lettuce.core.cluster.RedisClusterClient.create(seeds);
        closeables.add(client::shutdown);
        StatefulRedisClusterConnection<String, String> connection = client.connect();
        closeables.add(connection);
        return connection.sync();
    }

    @Override
    Object commandOnNodeOf(String key, String... command) {
        return cluster.commandOn(cluster.nodeFor(key), command);
    }

    @Override
    void commandOnEveryNode(String... command) {
        cluster.commandOnEveryNode(command);
    }

    @Test
    void keysWithDifferentHashTagsSpreadOverTheMastersAndEachIsExact() throws Exception {
        RateLimit limit = RateLimit.tokenBucket(40, 1, Duration.ofDays(1));
        RedisRateLimiter naming = RedisRateLimiter.builder(jedis(), limit).keyPrefix("spread:").build();
        Map<String, String> userByNode = new LinkedHashMap<>();
        for (int i = 0; userByNode.size() < cluster.nodes().size() && i < 1000; i++) {
            userByNode.putIfAbsent(cluster.nodeFor(naming.redisKey("user:" + i)), "user:" + i);
        }
        assertEquals(Set.copyOf(cluster.nodes()), userByNode.keySet(), "a user on every master");

        // Jedis and Lettuce clients race for every user at once; each user's node decides alone
        Map<String, AtomicLong> admitted = new ConcurrentHashMap<>();
        userByNode.values().forEach(user -> admitted.put(user, new AtomicLong()));
        List<Runnable> clients = new ArrayList<>();
        for (RedisScripting client : List.of(jedis(), jedis(), lettuce(), lettuce())) {
            RedisRateLimiter limiter = RedisRateLimiter.builder(client, limit).keyPrefix("spread:").build();
            clients.add(() -> {
                for (int i = 0; i < 30; i++) {
                    for (String user : userByNode.values()) {
                        if (limiter.tryAcquire(user, 1)) {
                            admitted.get(user).incrementAndGet();
                        }
                    }
                }
            });
        }
        Together.run(clients);

        userByNode.forEach((node, user) -> {
            assertEquals(40, admitted.get(user).get(), user + " on " + node);
            assertEquals(1L, cluster.commandOn(node, "EXISTS", naming.redisKey(user)), "its state is on " + node);
            assertEquals(1L, cluster.commandOn(node, "DBSIZE"), "and nothing else is on " + node);
            assertEquals(0, naming.availablePermits(user));
        });
    }
}
