package dev.mainstay.docs.lock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.redis.RedisLock;
import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.RedisBackend;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guide's backends on real servers: the fenced write on PostgreSQL under the JDBC lock, and Redis on both clients. */
@ExtendWith(RealBackends.class)
class LockSnippetsServersIT {

    @Test
    void fencedWriteOnPostgresUnderTheJdbcLock(PostgresBackend pg) throws Exception {
        Duration lease = Duration.ofMillis(300);
        try (DistributedLock locks = LockSnippets.jdbc(pg.dataSource())) {
            LockSnippetsTest.fencedWriteRefusesTheStaleHolder(pg.dataSource(), locks, lease, () -> {
                try {
                    Thread.sleep(lease.toMillis() + 200); // the holder's "GC pause", on the database's clock
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void redisOnJedisAndLettuce(RedisBackend server) throws Exception {
        try (redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.create(server.host(), server.port());
                RedisLock locks = LockSnippets.redisOnJedis(jedis)) {
            assertTrue(LockSnippets.quickStartOn(locks) > 0);
        }
        io.lettuce.core.RedisClient lettuce = io.lettuce.core.RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> connection = lettuce.connect();
                RedisLock locks = LockSnippets.redisOnLettuce(connection.sync())) {
            assertTrue(LockSnippets.quickStartOn(locks) > 0);
        } finally {
            lettuce.shutdown();
        }
    }
}
