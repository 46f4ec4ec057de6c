package dev.mainstay.docs.javadoc;

import dev.mainstay.lock.*;
import dev.mainstay.lock.jdbc.*;
import dev.mainstay.lock.redis.*;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.*;
import java.util.*;
import java.util.concurrent.atomic.*;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/** The free names of {@code lib-lock}'s javadoc examples: {@code locks} is the in-memory lock service. */
class LockContext extends ExampleContext {

    static final Map<String, String> COMPILE_ONLY = Map.of(
            "RedisClient.create(\"localhost\", 6379)", "connects to a Redis on localhost:6379",
            "RedisClient.create(\"redis://localhost\")", "connects to a Redis on localhost:6379",
            "new Jedis(\"localhost\", 6379)", "connects to a Redis on localhost:6379 with replicas");

    /** A store that refuses fencing tokens lower than one it has seen. */
    static final class Storage {
        long highest;

        void write(Object what, long token) {
            if (token < highest) {
                throw new IllegalStateException("stale token " + token);
            }
            highest = token;
        }
    }

    /** A ledger whose writes are fenced. */
    static final class Ledger {
        final Storage fenced = new Storage();

        void write(long token, Object entry) {
            fenced.write(entry, token);
        }
    }

    final DistributedLock locks = closeLater(DistributedLock.builder().build());
    final AtomicLong balance = new AtomicLong();
    final Storage storage = new Storage();
    final Ledger ledger = new Ledger();
    final String invoice = "invoice 42";
    final String payout = "payout 7";
    final List<String> done = new ArrayList<>();
    RedisClient jedis;
    io.lettuce.core.RedisClient client;
    RedisScripting scripting;

    LockContext() throws Exception {
        if (redisConfigured()) {
            jedis = closeLater(RedisClient.create(redisHost(), redisPort()));
            scripting = RedisScripting.of(jedis::evalsha, jedis::eval);
            client = io.lettuce.core.RedisClient.create("redis://" + redisHost() + ":" + redisPort());
            closeLater(client::shutdown);
        }
    }

    void reindex(LockHandle lock) {
        done.add("reindex under " + lock.token());
    }

    void reindex(long token) {
        done.add("reindex under " + token);
    }

    void runNightly() {
        done.add("nightly");
    }

    void writeReport(long token) {
        storage.write("report", token);
    }

    void cancelPayout() {
        done.add("cancelled");
    }
}
