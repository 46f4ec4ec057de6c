package dev.mainstay.benchmarks.ratelimit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.jdbc.JdbcRateLimiter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decisions per second of {@code JdbcRateLimiter} on a real PostgreSQL and MariaDB, on one hot key and on 10,000
 * keys, at 1 and 8 client threads (a HikariCP pool of as many connections), with the statements the server counted
 * per decision: {@code pg_stat_statements} on PostgreSQL (the server must load it:
 * {@code shared_preload_libraries='pg_stat_statements'}), {@code Questions} and the {@code Com_*} counters on
 * MariaDB. Every decision is permitted (a bucket of 10^9 refilled at 10^9 per second), so the figures are the cost
 * of a decision, not of a rejection.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.ratelimit.JdbcRateLimiterThroughput \
 *     'jdbc:postgresql://127.0.0.1:55432/mainstay?user=mainstay' \
 *     'jdbc:mariadb://127.0.0.1:53306/mainstay?user=mainstay&amp;password=mainstay' 5
 * </pre>
 */
public final class JdbcRateLimiterThroughput {

    private static final int KEYS = 10_000;
    private static final RateLimit LIMIT = RateLimit.tokenBucket(1_000_000_000L, 1_000_000_000L, Duration.ofSeconds(1));

    private JdbcRateLimiterThroughput() {}

    public static void main(String[] args) throws Exception {
        String postgres = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:55432/mainstay?user=mainstay";
        String mariadb = args.length > 1 ? args[1]
                : "jdbc:mariadb://127.0.0.1:53306/mainstay?user=mainstay&password=mainstay";
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.printf("%-10s %-5s %7s %12s %16s  %s%n", "database", "keys", "threads", "decisions/s",
                "stmts/decision", "statements counted by the server");
        for (String url : new String[] {postgres, mariadb}) {
            if (url.isEmpty()) {
                continue;
            }
            for (boolean hot : new boolean[] {true, false}) {
                for (int threads : new int[] {1, 8}) {
                    run(url, hot, threads, seconds);
                }
            }
        }
    }

    private static void run(String url, boolean hot, int threads, int seconds) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(threads);
        config.setMinimumIdle(threads);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            boolean postgres = url.startsWith("jdbc:postgresql");
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS mainstay_ratelimit");
            }
            JdbcRateLimiter limiter = JdbcRateLimiter.builder(pool, LIMIT).build();
            limiter.createSchemaIfMissing();
            // warm up: every key once (so "many keys" measures updates, as a live system does), then a second
            for (int k = 0; k < (hot ? 1 : KEYS); k++) {
                limiter.tryAcquire(hot ? "hot" : "k" + k, 1);
            }
            measure(limiter, hot, threads, 1);
            Map<String, Long> before = counters(pool, postgres);
            long start = System.nanoTime();
            long count = measure(limiter, hot, threads, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            Map<String, Long> after = counters(pool, postgres);
            Map<String, Long> delta = new TreeMap<>();
            after.forEach((name, value) -> {
                long d = value - before.getOrDefault(name, 0L);
                if (d != 0) {
                    delta.put(name, d);
                }
            });
            long statements = postgres ? delta.values().stream().mapToLong(Long::longValue).sum()
                    : delta.getOrDefault("Questions", 0L);
            delta.remove("Questions");
            System.out.printf("%-10s %-5s %7d %12.0f %16.2f  %s%n", postgres ? "PostgreSQL" : "MariaDB",
                    hot ? "1" : Integer.toString(KEYS), threads, count / elapsed,
                    statements / (double) count, perDecision(delta, count));
        }
    }

    private static long measure(JdbcRateLimiter limiter, boolean hot, int threads, int seconds)
            throws InterruptedException {
        return ClosedLoop.run(threads, seconds, () -> {
            String key = hot ? "hot" : "k" + ThreadLocalRandom.current().nextInt(KEYS);
            if (!limiter.tryAcquire(key, 1)) {
                throw new IllegalStateException("a decision was refused: the limit is too small");
            }
        });
    }

    /** Statement counts by kind: first word of each statement on PostgreSQL, the Com_* counters on MariaDB. */
    private static Map<String, Long> counters(HikariDataSource pool, boolean postgres) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            if (postgres) {
                try (ResultSet rows = statement.executeQuery(
                        "SELECT upper(split_part(ltrim(query), ' ', 1)), sum(calls)"
                        + " FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' GROUP BY 1")) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
            } else {
                try (ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions',"
                        + " 'Com_insert_select', 'Com_insert', 'Com_select', 'Com_update', 'Com_commit',"
                        + " 'Com_rollback', 'Com_set_option', 'Com_begin')")) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
        }
        return counts;
    }

    private static String perDecision(Map<String, Long> delta, long decisions) {
        StringBuilder text = new StringBuilder();
        delta.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(String.format("%.2f", value / (double) decisions)));
        return text.toString();
    }
}
