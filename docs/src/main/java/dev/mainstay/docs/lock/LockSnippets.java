package dev.mainstay.docs.lock;

import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.lock.LockLostException;
import dev.mainstay.lock.jdbc.JdbcLock;
import dev.mainstay.lock.redis.RedisLock;
import dev.mainstay.lock.redis.RedisScripting;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import redis.clients.jedis.RedisClient;

/** The code of docs/lock.md, compiled here and run by {@code LockSnippetsTest}; the guide shows it line for line. */
public final class LockSnippets {

    private LockSnippets() {}

    /** The quick start: the report is written by one process at a time; returns the token it was written with. */
    static long quickStart(AtomicLong report) throws InterruptedException {
        // quick start
        DistributedLock locks = DistributedLock.builder().build();       // in memory; JdbcLock, RedisLock alike
        try (LockHandle lock = locks.acquire("nightly-report", Duration.ofSeconds(30), Duration.ofSeconds(5))) {
            report.set(lock.token());                                     // the work, with its fencing token
        }                                                                 // released; a lost lease throws here
        // end
        return report.get();
    }

    /** One grant and release on any lock; returns the token. */
    static long quickStartOn(DistributedLock locks) throws InterruptedException {
        try (LockHandle lock = locks.acquire("nightly-report", Duration.ofSeconds(30), Duration.ofSeconds(5))) {
            return lock.token();
        }
    }

    /**
     * Leader election: one instance leads while it holds the lock; renewal keeps it; a lost renewal stops the leader.
     *
     * @param locks   the lock service
     * @param tick    one round of the leader's work
     * @param rounds  how many rounds to lead at most
     * @return the rounds led
     */
    static int leaderElection(DistributedLock locks, Runnable tick, int rounds) throws InterruptedException {
        // leader election
        AtomicBoolean leading = new AtomicBoolean();
        Optional<LockHandle> leadership = locks.tryAcquire("scheduler-leader", Duration.ofSeconds(15));
        if (leadership.isEmpty()) {
            return 0;                                      // another instance leads; try again later
        }
        LockHandle lease = leadership.get();
        leading.set(true);
        lease.renewAutomatically(lost -> leading.set(false)); // a watchdog extends it every 5 s
        int led = 0;
        try (lease) {
            while (led < rounds && leading.get() && lease.isHeld()) { // isHeld(): no round trip
                tick.run();
                led++;
            }
        } catch (LockLostException e) {                    // the lease ended before we let go:
            alertOverlap(e);                               // the last round may have overlapped the next leader's
        }                                                  // renewal stops, then the lock is released
        // end
        return led;
    }

    private static void alertOverlap(LockLostException e) {
        System.getLogger("dev.mainstay.docs").log(System.Logger.Level.WARNING, "leadership lost: " + e.getMessage());
    }

    /**
     * A write that the database itself fences: it applies only if no newer holder has written.
     *
     * @return whether the write was applied
     */
    static boolean fencedWrite(LockHandle lock, DataSource dataSource, long accountId, long amount) throws SQLException {
        // fenced write
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE account SET balance = balance + ?, fence = ? WHERE id = ? AND fence <= ?")) {
            update.setLong(1, amount);
            update.setLong(2, lock.token());
            update.setLong(3, accountId);
            update.setLong(4, lock.token());               // refused if a newer token has written
            return update.executeUpdate() == 1;
        }
        // end
    }

    /** The fenced table of {@link #fencedWrite}. */
    static final String ACCOUNT_TABLE =
            "CREATE TABLE account (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL, fence BIGINT NOT NULL DEFAULT 0)";

    /** The JDBC lock: the dialect comes from the database's metadata. */
    static JdbcLock jdbc(DataSource dataSource) {
        // jdbc setup
        JdbcLock locks = JdbcLock.builder(dataSource).build();   // PostgreSQL, MariaDB/MySQL or H2, detected
        locks.createSchemaIfMissing();                           // or run /dev/mainstay/lock/jdbc/<dialect>.sql
        // end
        return locks;
    }

    /** The Redis lock on Jedis. */
    static RedisLock redisOnJedis(RedisClient jedis) {
        // redis jedis
        RedisLock locks = RedisLock.builder(RedisScripting.of(jedis::evalsha, jedis::eval)).build();
        // end
        return locks;
    }

    /** The Redis lock on Lettuce. */
    static RedisLock redisOnLettuce(RedisCommands<String, String> redis) {
        // redis lettuce
        RedisLock locks = RedisLock.builder(RedisScripting.of(
                (sha, keys, args) -> redis.evalsha(sha, ScriptOutputType.MULTI,
                        keys.toArray(new String[0]), args.toArray(new String[0])),
                (script, keys, args) -> redis.eval(script, ScriptOutputType.MULTI,
                        keys.toArray(new String[0]), args.toArray(new String[0]))))
                .build();
        // end
        return locks;
    }

    /** The answer to a lost lock at the end of the work. */
    static String closeLoudly(LockHandle lock) {
        // lost at close
        try (lock) {
            return "done";                                  // the guarded work
        } catch (LockLostException e) {
            return "lost: " + e.token();                    // it may have overlapped another holder's: undo, alert
        }
        // end
    }
}
