package dev.mainstay.benchmarks.ratelimit;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mainstay.ratelimit.ConcurrencyLimit;
import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.Permit;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A real overload: an HTTP service ({@code com.sun.net.httpserver}, on 127.0.0.1) in front of a real PostgreSQL,
 * each request a transaction that takes a row lock on one of {@code POOL} hot rows and holds it for 20 ms
 * ({@code pg_sleep}), behind a HikariCP pool of {@code POOL} connections (1 s connection timeout: a 503, a drop).
 * An open-loop generator (requests sent at fixed times, whatever came back: no coordinated omission) offers 1x to
 * 3x the capacity measured first, for a bounded time per point, through {@code java.net.http.HttpClient} with a 2 s
 * timeout. For each limiter in front of the pool (none; ours fixed at the pool size; ours and Netflix's AIMD, Vegas
 * and Gradient with the same settings) it reports goodput (200s within the SLO, per second), p50/p99 of the 200s,
 * and the share refused; it writes the table and an SVG chart of its own figures.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.ratelimit.ConcurrencyOverloadRun \
 *     'jdbc:postgresql://127.0.0.1:55432/mainstay?user=mainstay' 8 docs/ratelimit-overload.svg
 * </pre>
 */
public final class ConcurrencyOverloadRun {

    private static final int POOL = 8;
    private static final long SLO_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final double[] LOADS = {1.0, 1.5, 2.0, 3.0};
    private static final int MAX_OUTSTANDING = 6000;

    private ConcurrencyOverloadRun() {}

    /** One admission decision and its release. */
    interface Gate {
        /** A ticket, or {@code null} when refused. */
        Ticket admit();
    }

    /** How an admitted request ended. */
    interface Ticket {
        void success();

        void dropped();

        void ignored();
    }

    private static final Ticket NOTHING = new Ticket() {
        @Override
        public void success() {}

        @Override
        public void dropped() {}

        @Override
        public void ignored() {}
    };

    static Gate ours(ConcurrencyLimiter limiter) {
        return () -> {
            Permit permit = limiter.tryAcquire();
            if (!permit.isGranted()) {
                return null;
            }
            return new Ticket() {
                @Override
                public void success() {
                    permit.success();
                }

                @Override
                public void dropped() {
                    permit.dropped();
                }

                @Override
                public void ignored() {
                    permit.ignored();
                }
            };
        };
    }

    static Gate netflix(Limiter<Void> limiter) {
        return () -> {
            Optional<Limiter.Listener> listener = limiter.acquire(null);
            if (listener.isEmpty()) {
                return null;
            }
            Limiter.Listener l = listener.get();
            return new Ticket() {
                @Override
                public void success() {
                    l.onSuccess();
                }

                @Override
                public void dropped() {
                    l.onDropped();
                }

                @Override
                public void ignored() {
                    l.onIgnore();
                }
            };
        };
    }

    static Map<String, Supplier<Gate>> gates() {
        Map<String, Supplier<Gate>> gates = new LinkedHashMap<>();
        Duration aimdTimeout = Duration.ofMillis(60);
        gates.put("no limit", () -> () -> NOTHING);
        gates.put("fixed " + POOL + " (pool size)", () -> ours(ConcurrencyLimiter.of(ConcurrencyLimit.fixed(POOL))));
        gates.put("AIMD", () -> ours(ConcurrencyLimiter.of(
                ConcurrencyLimit.aimd().withMaxLimit(200).withTimeout(aimdTimeout))));
        gates.put("Netflix AIMD", () -> netflix(SimpleLimiter.newBuilder().limit(AIMDLimit.newBuilder()
                .initialLimit(20).minLimit(1).maxLimit(200)
                .timeout(aimdTimeout.toMillis(), TimeUnit.MILLISECONDS).build()).build()));
        gates.put("Vegas", () -> ours(ConcurrencyLimiter.of(ConcurrencyLimit.vegas().withMaxLimit(200))));
        gates.put("Netflix Vegas", () -> netflix(SimpleLimiter.newBuilder().limit(VegasLimit.newBuilder()
                .initialLimit(20).maxConcurrency(200).build()).build()));
        gates.put("Gradient", () -> ours(ConcurrencyLimiter.of(ConcurrencyLimit.gradient().withMaxLimit(200))));
        gates.put("Netflix Gradient2", () -> netflix(SimpleLimiter.newBuilder().limit(Gradient2Limit.newBuilder()
                .initialLimit(20).minLimit(1).maxConcurrency(200).build()).build()));
        return gates;
    }

    /** The service: a gate in front of the pool. */
    static final class Service {
        final HikariDataSource pool;
        volatile Gate gate = () -> NOTHING;

        Service(HikariDataSource pool) {
            this.pool = pool;
        }

        /** One unit of work on the database: 200, or 503 when the pool timed out. */
        int work() {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement lock = connection.prepareStatement(
                                "UPDATE mainstay_overload_hot SET n = n + 1 WHERE id = ?");
                        Statement sleep = connection.createStatement()) {
                    lock.setInt(1, ThreadLocalRandom.current().nextInt(POOL));
                    lock.executeUpdate();
                    sleep.execute("SELECT pg_sleep(0.02)");
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw e;
                }
                return 200;
            } catch (SQLTransientConnectionException e) {
                return 503;
            } catch (SQLException e) {
                return 500;
            }
        }

        void handle(HttpExchange exchange) throws IOException {
            int status;
            Ticket ticket = gate.admit();
            if (ticket == null) {
                status = 503;
            } else {
                status = work();
                if (status == 200) {
                    ticket.success();
                } else if (status == 503) {
                    ticket.dropped();
                } else {
                    ticket.ignored();
                }
            }
            byte[] body = Integer.toString(status).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** What one point measured. */
    record Point(String limiter, double load, double offeredPerSecond, double goodput, double p50Ms, double p99Ms,
            double refused, double failed) {}

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:55432/mainstay?user=mainstay";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path svg = Path.of(args.length > 2 ? args[2] : "benchmarks/target/concurrency-overload.svg");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(POOL);
        config.setMinimumIdle(POOL);
        config.setConnectionTimeout(1000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS mainstay_overload_hot");
                statement.execute("CREATE TABLE mainstay_overload_hot (id INT PRIMARY KEY, n BIGINT NOT NULL)");
                statement.execute("INSERT INTO mainstay_overload_hot SELECT g, 0 FROM generate_series(0, "
                        + (POOL - 1) + ") g");
            }
            Service service = new Service(pool);
            double capacity = calibrate(service);
            ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
            server.createContext("/work", service::handle);
            server.setExecutor(handlers);
            server.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/work");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            System.out.printf(Locale.ROOT, "capacity: %.0f requests/s (%d connections, 20 ms row lock each); "
                    + "SLO %d ms; %d s per point, the first 2 s not measured%n", capacity, POOL,
                    SLO_NANOS / 1_000_000, seconds);
            System.out.println("| limiter | offered | offered/s | goodput/s | p50 ms | p99 ms | refused | failed |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            List<Point> points = new ArrayList<>();
            for (Map.Entry<String, Supplier<Gate>> gate : gates().entrySet()) {
                for (double load : LOADS) {
                    service.gate = gate.getValue().get();
                    Point point = drive(client, uri, gate.getKey(), load, capacity * load, seconds);
                    points.add(point);
                    System.out.printf(Locale.ROOT, "| %s | %.1fx | %.0f | %.0f | %.1f | %.1f | %.0f%% | %.0f%% |%n",
                            point.limiter(), point.load(), point.offeredPerSecond(), point.goodput(), point.p50Ms(),
                            point.p99Ms(), 100 * point.refused(), 100 * point.failed());
                    service.gate = () -> NOTHING;
                    Thread.sleep(1500); // let the queue behind the pool drain
                }
            }
            server.stop(0);
            handlers.shutdownNow();
            Files.createDirectories(svg.toAbsolutePath().getParent());
            Files.writeString(svg, chart(points, capacity));
            System.out.println("chart: " + svg);
        }
    }

    /** Requests per second the service completes with every connection busy (a closed loop, no HTTP). */
    private static double calibrate(Service service) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    if (service.work() == 200) {
                        done.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.get() / 3.0;
    }

    private static Point drive(HttpClient client, URI uri, String name, double load, double rate, int seconds)
            throws InterruptedException {
        long warmup = TimeUnit.SECONDS.toNanos(2);
        int total = (int) (rate * seconds);
        long gap = (long) (1e9 / rate);
        long[] latencies = new long[total];
        int[] statuses = new int[total];
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * gap;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (outstanding.get() >= MAX_OUTSTANDING) {
                statuses[i] = -1; // not sent: the generator's own bound
                latencies[i] = Long.MAX_VALUE;
                finished.incrementAndGet();
                continue;
            }
            outstanding.incrementAndGet();
            int index = i;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies[index] = System.nanoTime() - due;
                statuses[index] = failure == null ? response.statusCode() : -2;
                outstanding.decrementAndGet();
                finished.incrementAndGet();
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        while (finished.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        int first = (int) Math.min(total, warmup / gap);
        int measured = total - first;
        long good = 0;
        long refused = 0;
        long failed = 0;
        long[] ok = new long[measured];
        int okCount = 0;
        for (int i = first; i < total; i++) {
            int status = statuses[i];
            if (status == 200) {
                ok[okCount++] = latencies[i];
                if (latencies[i] <= SLO_NANOS) {
                    good++;
                }
            } else if (status == 503) {
                refused++;
            } else {
                failed++; // 500, a client timeout, not sent, or still out after the drain
            }
        }
        long[] sorted = Arrays.copyOf(ok, okCount);
        Arrays.sort(sorted);
        double measuredSeconds = measured * (double) gap / 1e9;
        return new Point(name, load, rate, good / measuredSeconds, percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6, (double) refused / measured, (double) failed / measured);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String chart(List<Point> points, double capacity) {
        Map<String, List<double[]>> goodput = new LinkedHashMap<>();
        Map<String, List<double[]>> p99 = new LinkedHashMap<>();
        for (Point point : points) {
            goodput.computeIfAbsent(point.limiter(), k -> new ArrayList<>())
                    .add(new double[] {point.load(), point.goodput()});
            p99.computeIfAbsent(point.limiter(), k -> new ArrayList<>())
                    .add(new double[] {point.load(), point.p99Ms()});
        }
        return SvgChart.render(String.format(Locale.ROOT, "HTTP service over PostgreSQL (%d connections, capacity "
                        + "%.0f/s), open-loop load; dashed: Netflix concurrency-limits 0.5.4", POOL, capacity),
                List.of(new SvgChart.Panel("goodput (200s within 100 ms, per second)", "offered load (x capacity)",
                                "requests/s", goodput, 0),
                        new SvgChart.Panel("p99 latency of the 200s (capped at 600 ms)", "offered load (x capacity)",
                                "ms", p99, 600)));
    }
}
