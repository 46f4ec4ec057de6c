package dev.mainstay.benchmarks.lock;

import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.jdbc.JdbcLock;
import dev.mainstay.lock.redis.RedisLock;
import dev.mainstay.lock.redis.RedisScripting;
import java.util.List;
import javax.sql.DataSource;

/** The Mainstay locks the throughput mains measure, built as a user builds them: with the backends' defaults. */
final class MainstayBackends {

    private MainstayBackends() {}

    /** One of a client's script commands: {@code (script or SHA-1, keys, args) -> reply}. */
    @FunctionalInterface
    interface Eval {
        Object apply(String scriptOrSha, List<String> keys, List<String> args);
    }

    /**
     * {@code RedisLock.builder(RedisScripting.of(evalSha, eval)).keyPrefix("lock:").build()}.
     *
     * @param evalSha the client's {@code EVALSHA}
     * @param eval    the client's {@code EVAL}
     * @return the lock
     */
    static DistributedLock redis(Eval evalSha, Eval eval) {
        return RedisLock.builder(RedisScripting.of(evalSha::apply, eval::apply)).keyPrefix("lock:").build();
    }

    /**
     * {@code JdbcLock.builder(dataSource).build()}, after {@code createSchemaIfMissing()}.
     *
     * @param dataSource the pool
     * @return the lock
     */
    static DistributedLock jdbc(DataSource dataSource) {
        JdbcLock lock = JdbcLock.builder(dataSource).build();
        lock.createSchemaIfMissing();
        return lock;
    }
}
