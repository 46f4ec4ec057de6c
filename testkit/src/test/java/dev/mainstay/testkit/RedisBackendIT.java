package dev.mainstay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;

@ExtendWith(RealBackends.class)
class RedisBackendIT {

    @Test
    void jedisAndLettuceSeeTheSameServer(RedisBackend redis) {
        try (JedisPooled jedis = new JedisPooled(redis.host(), redis.port())) {
            jedis.set("testkit:{k}", "from-jedis");
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> lettuce = client.connect()) {
                assertEquals("from-jedis", lettuce.sync().get("testkit:{k}"));
                lettuce.sync().set("testkit:{k}", "from-lettuce");
            } finally {
                client.shutdown();
            }
            assertEquals("from-lettuce", jedis.get("testkit:{k}"));
        }
    }

    @Test
    void killClientsDropsOtherConnections(RedisBackend redis) {
        try (Jedis victim = new Jedis(redis.host(), redis.port())) {
            assertEquals("PONG", victim.ping());
            assertTrue(redis.killClients() >= 1, "the victim's connection is killed");
            assertThrows(JedisConnectionException.class, victim::ping);
        }
        try (Jedis fresh = new Jedis(redis.host(), redis.port())) {
            assertEquals("PONG", fresh.ping(), "the server itself keeps running");
        }
    }

    @Test
    void restartComesBackOnTheSamePortWithoutData(RedisBackend redis) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> lettuce = client.connect()) {
            RedisCommands<String, String> commands = lettuce.sync();
            commands.set("testkit:{restart}", "before");

            redis.restart();

            // Lettuce reconnects on its own; the server keeps no data across a restart
            assertNull(commands.get("testkit:{restart}"));
            commands.set("testkit:{restart}", "after");
            assertEquals("after", commands.get("testkit:{restart}"));
        } finally {
            client.shutdown();
        }
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertEquals("after", jedis.get("testkit:{restart}"));
        }
    }

    @Test
    void whileStoppedClientsAreRefused(RedisBackend redis) {
        redis.stop();
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertThrows(JedisConnectionException.class, jedis::ping);
        } finally {
            redis.start();
        }
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertEquals("PONG", jedis.ping());
        }
    }
}
