package dev.mainstay.ratelimit.redis;

import dev.mainstay.testkit.Backend;
import dev.mainstay.testkit.RedisBackend;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/** The contract on one Redis server. */
class RedisRateLimiterRedisIT extends RedisRateLimiterContract {

    private final RedisBackend backend;

    RedisRateLimiterRedisIT(RedisBackend backend) {
        this.backend = backend;
    }

    @Override
    Backend server() {
        return backend;
    }

    @Override
    void flushAll() {
        backend.flushAll();
    }

    @Override
    UnifiedJedis newJedis() {
        UnifiedJedis jedis = redis.clients.jedis.RedisClient.create(backend.host(), backend.port());
        closeables.add(jedis);
        return jedis;
    }

    @Override
    RedisScriptingCommands<String, String> newLettuce() {
        RedisURI uri = RedisURI.create(backend.uri());
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        closeables.add(client::shutdown);
        StatefulRedisConnection<String, String> connection = client.connect();
        closeables.add(connection);
        return connection.sync();
    }

    @Override
    Object commandOnNodeOf(String key, String... command) {
        return backend.command(command);
    }

    @Override
    void commandOnEveryNode(String... command) {
        backend.command(command);
    }
}
