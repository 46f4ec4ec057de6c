package dev.mainstay.benchmarks.idempotency;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyStore;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.idempotency.jdbc.JdbcIdempotencyStore;
import dev.mainstay.idempotency.redis.RedisIdempotencyStore;
import dev.mainstay.idempotency.redis.RedisScripting;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * Requests per second through the executor on a real PostgreSQL (HikariCP pool) and Redis (Jedis pool), at 1 and
 * 16 client threads: first executions (a new key each) and replays (of 1000 completed keys), with the round trips
 * per request as the server counted them: committed transactions ({@code pg_stat_database.xact_commit}; every
 * statement of the store is one auto-committed transaction) and {@code EVALSHA} calls ({@code INFO commandstats}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.idempotency.IdempotencyThroughput \
 *     'jdbc:postgresql://127.0.0.1:55432/mainstay?user=mainstay' 127.0.0.1:6379 5
 * </pre>
 */
public final class IdempotencyThroughput {

    private static final Fingerprint FINGERPRINT = Fingerprint.sha256("{\"amount\":10}");
    private static final StoredResponse RESPONSE = StoredResponse.ofText("{\"payment\":7}");

    private IdempotencyThroughput() {}

    public static void main(String[] args) throws Exception {
        String postgres = args[0];
        String[] redisAddress = args[1].split(":");
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.printf("%-10s %-15s %7s %12s %20s%n", "store", "operation", "threads", "requests/s",
                "round trips/request");
        for (int threads : new int[] {1, 16}) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres);
            config.setMaximumPoolSize(threads);
            config.setMinimumIdle(threads);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(pool).tableName("idem_throughput").build();
                store.createSchemaIfMissing();
                LongSupplier commits = () -> xactCommit(pool);
                run("PostgreSQL", store, threads, seconds, commits, 2);
            }
            try (RedisClient jedis = RedisClient.create(redisAddress[0], Integer.parseInt(redisAddress[1]));
                    Jedis admin = new Jedis(redisAddress[0], Integer.parseInt(redisAddress[1]))) {
                RedisIdempotencyStore store = RedisIdempotencyStore.builder(
                        RedisScripting.of(jedis::evalsha, jedis::eval)).build();
                LongSupplier calls = () -> evalCalls(admin.info("commandstats"));
                run("Redis", store, threads, seconds, calls, 0);
            }
        }
    }

    /** {@code own}: the round trips the counter itself adds between two readings. */
    private static void run(String name, IdempotencyStore store, int threads, int seconds, LongSupplier roundTrips,
            int own) throws Exception {
        Idempotency idempotency = Idempotency.builder(store).build();
        String scope = "bench" + System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            idempotency.execute(scope, "done" + i, FINGERPRINT, claim -> RESPONSE);
        }
        AtomicLong next = new AtomicLong();
        for (String operation : new String[] {"first execution", "replay"}) {
            boolean first = operation.startsWith("first");
            long before = roundTrips.getAsLong();
            long requests = loop(threads, seconds, () -> {
                long n = next.getAndIncrement();
                String key = first ? "k" + n : "done" + (n % 1000);
                idempotency.execute(scope, key, FINGERPRINT, claim -> RESPONSE);
            });
            if (own > 0) {
                Thread.sleep(11_000); // an idle PostgreSQL backend flushes its statistics within 10 s
            }
            long trips = roundTrips.getAsLong() - before - own;
            System.out.printf("%-10s %-15s %7d %12.0f %20.2f%n", name, operation, threads,
                    requests / (double) seconds, trips / (double) requests);
        }
    }

    interface Request {
        void run() throws Exception;
    }

    private static long loop(int threads, int seconds, Request request) throws Exception {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                try {
                    while (!stop.get()) {
                        request.run();
                        done.increment();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }).start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        finished.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return done.sum();
    }

    private static long xactCommit(javax.sql.DataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            row.next();
            long commits = row.getLong(1);
            statement.execute("SELECT pg_stat_clear_snapshot()");
            return commits;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long evalCalls(String info) {
        long calls = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                String field = line.substring(line.indexOf("calls=") + 6);
                calls += Long.parseLong(field.substring(0, field.indexOf(',')));
            }
        }
        return calls;
    }
}
