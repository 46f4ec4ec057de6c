package dev.mainstay.benchmarks.pool;

import dev.mainstay.pool.jdbc.PooledDataSource;
import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.RealBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool-sizing lesson measured: a fixed OLTP-like workload through {@link PooledDataSource} on a real PostgreSQL,
 * {@value #CLIENTS} client threads, pool sizes 1, 2, 4, 8, 16, 32 and 64 ({@code maxSize} = {@code minIdle}). Each
 * client loops over one transaction, pgbench-like: three point reads by primary key and one update of a row's
 * balance on a table of {@value #ROWS} accounts, in one transaction ({@code autoCommit} off, one commit), keys
 * uniformly random. For each size: transactions per second and the latency percentiles of a transaction measured
 * from asking the pool for a connection to the commit, so the wait for a connection is in it (its own p99 is
 * reported too). A warm-up per size, then the measured window; only transactions begun and finished inside the
 * window count. Each round sweeps every size; the output has each round's figures and, per size, the median of
 * each figure over the rounds (three by default: one 2-core machine shared with other work moves a single round).
 *
 * <p>The server is the testkit's: {@code MAINSTAY_POSTGRES_URL} (with {@code MAINSTAY_POSTGRES_USER}) if set, else a
 * private PostgreSQL started from the installed binaries (fsync off, {@code synchronous_commit} off: the CPU, not the
 * disk, is what the clients and the server share), stopped and deleted when the program ends.
 *
 * <pre>
 * flock /tmp/mainstay-jmh.lock java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.pool.PoolSizing \
 *     [warm-up s, 3] [s per size, 10] [rounds, 3] [output, benchmarks/target/pool-sizing.json]
 * </pre>
 * {@code -Dsizes=1,4,16} measures only those sizes. {@code benchmarks/run --report} turns the output into
 * {@code docs/charts/pool-size.svg} and a table in {@code docs/benchmarks.md}.
 */
public final class PoolSizing {

    static final int CLIENTS = 64;
    static final int ROWS = 100_000;
    static final String TABLE = "mainstay_pool_sizing_accounts";
    static final String WORKLOAD = "3 point reads by primary key + 1 update, one transaction, on " + ROWS
            + " pgbench-like accounts";

    private PoolSizing() {}

    /** One size's outcome. */
    record Result(int poolSize, long transactions, double perSecond, double p50Ms, double p99Ms, double p999Ms,
            double maxMs, double waitP99Ms, long errors, String loadAfter) {}

    /** Every round of one size, and the median of each figure over the rounds. */
    record Size(int poolSize, List<Result> rounds) {

        double median(java.util.function.ToDoubleFunction<Result> figure) {
            double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
            int n = values.length;
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path output = Path.of(args.length > 3 ? args[3] : "benchmarks/target/pool-sizing.json");
        int[] sizes = Arrays.stream(System.getProperty("sizes", "1,2,4,8,16,32,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        if (warmup < 0 || seconds < 1 || seconds > 120 || warmup > 60 || rounds < 1 || rounds > 9) {
            throw new IllegalArgumentException("warm-up 0..60 s, 1..120 s per size and 1..9 rounds, not " + warmup
                    + "/" + seconds + "/" + rounds);
        }
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadBefore = loadAverage();
        PostgresBackend pg = RealBackends.postgres();
        String database = setUp(pg);
        System.out.printf(Locale.ROOT, "%s, %d clients, %d s warm-up + %d s per size, %d rounds%n", database,
                CLIENTS, warmup, seconds, rounds);
        List<Size> results = new ArrayList<>();
        for (int size : sizes) {
            results.add(new Size(size, new ArrayList<>()));
        }
        for (int round = 1; round <= rounds; round++) { // each round sweeps every size: a load spike hits one of each
            System.out.printf(Locale.ROOT, "round %d of %d%n%9s %14s %9s %9s %9s %9s %12s %7s  %s%n", round, rounds,
                    "pool size", "transactions/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "wait p99 ms", "errors",
                    "load average");
            for (Size size : results) {
                Result result = measure(pg, size.poolSize(), warmup, seconds);
                size.rounds().add(result);
                System.out.printf(Locale.ROOT, "%9d %14.0f %9.2f %9.2f %9.2f %9.2f %12.2f %7d  %s%n",
                        size.poolSize(), result.perSecond(), result.p50Ms(), result.p99Ms(), result.p999Ms(),
                        result.maxMs(), result.waitP99Ms(), result.errors(), result.loadAfter());
            }
        }
        String ended = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, json(results, database, started, ended, loadBefore, warmup, seconds, rounds));
        System.out.println("wrote " + output);
    }

    /** Creates and fills the accounts table; returns the server's name and version. */
    private static String setUp(PostgresBackend pg) throws SQLException {
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("CREATE TABLE " + TABLE + " (aid integer PRIMARY KEY, bid integer NOT NULL,"
                    + " abalance integer NOT NULL, filler character(84))");
            statement.execute("INSERT INTO " + TABLE + " SELECT i, 1 + (i - 1) / 100000, 0, '' FROM generate_series(1, "
                    + ROWS + ") AS i");
            statement.execute("VACUUM ANALYZE " + TABLE);
            try (ResultSet version = statement.executeQuery("SHOW server_version")) {
                version.next();
                return "PostgreSQL " + version.getString(1).split(" ")[0];
            }
        }
    }

    private static Result measure(PostgresBackend pg, int size, int warmup, int seconds) throws Exception {
        try (PooledDataSource pool = PooledDataSource.builder()
                .dataSource(pg.dataSource())
                .pool(p -> p.name("pool-sizing").maxSize(size).minIdle(size).borrowTimeout(Duration.ofSeconds(30)))
                .build()) {
            long filled = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pool.metrics().idle() < size && System.nanoTime() - filled < 0) {
                Thread.sleep(10);
            }
            Client[] clients = new Client[CLIENTS];
            Thread[] threads = new Thread[CLIENTS];
            Window window = new Window();
            for (int i = 0; i < CLIENTS; i++) {
                clients[i] = new Client(pool, window, i);
                threads[i] = new Thread(clients[i], "pool-sizing-client-" + i);
                threads[i].start();
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            long start = System.nanoTime();
            window.start.set(start);
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long end = System.nanoTime();
            window.end.set(end);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
                if (thread.isAlive()) {
                    throw new IllegalStateException(thread.getName() + " did not stop within 60 s");
                }
            }
            int count = 0;
            long errors = 0;
            for (Client client : clients) {
                count += client.count;
                errors += client.errors;
            }
            long[] latencies = new long[count];
            long[] waits = new long[count];
            int at = 0;
            for (Client client : clients) {
                System.arraycopy(client.latencies, 0, latencies, at, client.count);
                System.arraycopy(client.waits, 0, waits, at, client.count);
                at += client.count;
            }
            Arrays.sort(latencies);
            Arrays.sort(waits);
            double windowSeconds = (end - start) / 1e9;
            return new Result(size, count, count / windowSeconds, percentile(latencies, 0.50),
                    percentile(latencies, 0.99), percentile(latencies, 0.999), percentile(latencies, 1.0),
                    percentile(waits, 0.99), errors, loadAverage());
        }
    }

    /** The measured window: start and end in nanoTime; Long.MAX_VALUE until set. */
    private static final class Window {
        final AtomicLong start = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong end = new AtomicLong(Long.MAX_VALUE);
    }

    /** One client thread: transactions back to back until the window ends. */
    private static final class Client implements Runnable {
        private final PooledDataSource pool;
        private final Window window;
        private final SplittableRandom random;
        long[] latencies = new long[4096];
        long[] waits = new long[4096];
        int count;
        long errors;

        Client(PooledDataSource pool, Window window, int seed) {
            this.pool = pool;
            this.window = window;
            this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        }

        @Override
        public void run() {
            while (true) {
                long begin = System.nanoTime();
                if (begin - window.end.get() >= 0) {
                    return;
                }
                long borrowed;
                try (Connection connection = pool.getConnection()) {
                    borrowed = System.nanoTime();
                    transaction(connection);
                } catch (SQLException | RuntimeException e) {
                    errors++;
                    continue;
                }
                long done = System.nanoTime();
                if (begin - window.start.get() >= 0 && done - window.end.get() <= 0) {
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                        waits = Arrays.copyOf(waits, count * 2);
                    }
                    latencies[count] = done - begin;
                    waits[count] = borrowed - begin;
                    count++;
                }
            }
        }

        private void transaction(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            try {
                long sum = 0;
                try (PreparedStatement read = connection.prepareStatement(
                        "SELECT abalance FROM " + TABLE + " WHERE aid = ?")) {
                    for (int i = 0; i < 3; i++) {
                        read.setInt(1, 1 + random.nextInt(ROWS));
                        try (ResultSet row = read.executeQuery()) {
                            row.next();
                            sum += row.getInt(1);
                        }
                    }
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + TABLE + " SET abalance = abalance + ? WHERE aid = ?")) {
                    update.setInt(1, (int) (sum & 7) - 3);
                    update.setInt(2, 1 + random.nextInt(ROWS));
                    update.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String json(List<Size> results, String database, String started, String ended,
            String loadBefore, int warmup, int seconds, int rounds) {
        String java = System.getProperty("java.runtime.name") + " " + System.getProperty("java.vendor.version", "")
                + " (build " + System.getProperty("java.runtime.version") + ")";
        StringBuilder json = new StringBuilder("{\n");
        field(json, "benchmark", "PoolSizing");
        field(json, "command", "flock /tmp/mainstay-jmh.lock java -cp benchmarks/target/benchmarks.jar"
                + " dev.mainstay.benchmarks.pool.PoolSizing " + warmup + " " + seconds + " " + rounds);
        field(json, "java", java.replace("  ", " "));
        json.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        field(json, "cpu", cpu());
        field(json, "database", database);
        field(json, "workload", WORKLOAD);
        field(json, "started", started);
        field(json, "ended", ended);
        field(json, "loadBefore", loadBefore);
        field(json, "loadAfter", loadAverage());
        json.append(String.format(Locale.ROOT, "  \"clients\": %d,%n  \"warmupSeconds\": %d,%n  \"seconds\": %d,%n"
                + "  \"rounds\": %d,%n", CLIENTS, warmup, seconds, rounds));
        json.append("  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) { // the medians over the rounds, and each round's figures
            Size size = results.get(i);
            json.append(String.format(Locale.ROOT, "    {\"poolSize\": %d, \"perSecond\": %.1f, \"p50Ms\": %.3f,"
                            + " \"p99Ms\": %.3f, \"p999Ms\": %.3f, \"maxMs\": %.3f, \"waitP99Ms\": %.3f,"
                            + " \"errors\": %d,%n      \"perSecondRounds\": %s, \"p99MsRounds\": %s,"
                            + " \"loadAfterRounds\": [%s]}%s%n",
                    size.poolSize(), size.median(Result::perSecond), size.median(Result::p50Ms),
                    size.median(Result::p99Ms), size.median(Result::p999Ms), size.median(Result::maxMs),
                    size.median(Result::waitP99Ms), size.rounds().stream().mapToLong(Result::errors).sum(),
                    list(size, Result::perSecond), list(size, Result::p99Ms),
                    String.join(", ", size.rounds().stream().map(r -> "\"" + r.loadAfter() + "\"").toList()),
                    i + 1 < results.size() ? "," : ""));
        }
        return json.append("  ]\n}\n").toString();
    }

    private static String list(Size size, java.util.function.ToDoubleFunction<Result> figure) {
        return size.rounds().stream().map(r -> String.format(Locale.ROOT, "%.1f", figure.applyAsDouble(r)))
                .toList().toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append("  \"").append(name).append("\": \"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\n");
    }
}
