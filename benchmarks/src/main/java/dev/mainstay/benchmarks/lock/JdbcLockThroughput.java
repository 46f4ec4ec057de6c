package dev.mainstay.benchmarks.lock;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mainstay.benchmarks.ratelimit.ClosedLoop;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.lock.DistributedLock;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.logging.Logger;
import javax.sql.DataSource;
import java.util.function.ToDoubleFunction;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Lock cycles (acquire + release, each thread on a lock name of its own) per second on a real PostgreSQL, at 1 and
 * 16 client threads, all on one HikariCP 7.1.0 pool of 16 connections:
 * <ul>
 *   <li>{@code mainstay}: {@code JdbcLock} with its defaults, {@code tryAcquire(name, lease)} + {@code close()};</li>
 *   <li>{@code shedlock}: ShedLock 6.9's {@code JdbcTemplateLockProvider} configured {@code usingDbTime()} (the
 *       provider that has it, and the configuration its docs advise), {@code lock(config)} + {@code unlock()};</li>
 *   <li>{@code spring-integration}: Spring Integration 7.1's {@code JdbcLockRegistry} over a
 *       {@code DefaultLockRepository} (its defaults, with a {@code DataSourceTransactionManager} on the same pool),
 *       {@code obtain(name).lock()} + {@code unlock()}.</li>
 * </ul>
 * For every row, the statements the server ran per cycle, from {@code pg_stat_statements} (reset before the row;
 * the server must load it: {@code shared_preload_libraries=pg_stat_statements}), by their first word; utility
 * statements ({@code BEGIN}, {@code SHOW}, {@code SET}) count too, but {@code pg_stat_statements} does not count
 * {@code COMMIT}, so the locks get the pool through a wrapper that counts {@code Connection.commit()} calls (a
 * round trip each; pgjdbc sends a {@code BEGIN} in the same round trip as the statement after it). Leases are 30 s,
 * so none ends during a row.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.lock.JdbcLockThroughput \
 *     'jdbc:postgresql://127.0.0.1:5491/postgres?user=postgres' 5 3
 * </pre>
 * Arguments: the JDBC URL (loopback), seconds per row (default 5), rounds (default 1; the medians are printed at the
 * end as a Markdown table). {@code -Dimpls=a,b} runs only those rows.
 */
public final class JdbcLockThroughput {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String[] ALL = {"mainstay", "shedlock", "spring-integration"};
    /** The rows to run: {@code -Dimpls=shedlock,spring-integration} runs a subset; default all. */
    private static final List<String> IMPLS = List.of(System.getProperty("impls", String.join(",", ALL)).split(","));
    private static final int[] THREADS = {1, 16};

    private JdbcLockThroughput() {}

    /** One measured row. */
    record Row(double perSecond, double statements, double commits, double serverMicros,
            Map<String, Double> perCycle) {}

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5491/postgres?user=postgres";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        if (!url.startsWith("jdbc:postgresql://127.0.0.1:") && !url.startsWith("jdbc:postgresql://localhost:")) {
            throw new IllegalArgumentException("a loopback PostgreSQL only, not " + url);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(16);
        Map<String, List<Row>> results = new LinkedHashMap<>();
        try (HikariDataSource hikari = new HikariDataSource(config)) {
            setUp(hikari);
            CommitCounting pool = new CommitCounting(hikari);
            DistributedLock mainstay = IMPLS.contains("mainstay") ? MainstayBackends.jdbc(pool) : null;
            LockProvider shedlock = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(new JdbcTemplate(pool))
                    .usingDbTime()
                    .build());
            DefaultLockRepository repository = new DefaultLockRepository(pool);
            repository.setTransactionManager(new DataSourceTransactionManager(pool));
            repository.afterPropertiesSet();
            repository.afterSingletonsInstantiated();
            JdbcLockRegistry registry = new JdbcLockRegistry(repository);
            for (int round = 1; round <= rounds; round++) {
                System.out.printf("%nround %d of %d, %d s per row%n", round, rounds, seconds);
                System.out.printf("%-19s %7s %10s %16s %13s %10s  %s%n", "impl", "threads", "cycles/s",
                        "statements/cycle", "commits/cycle", "server us", "by first word (pg_stat_statements)");
                for (int threads : THREADS) {
                    for (String impl : ALL) {
                        if (!IMPLS.contains(impl)) {
                            continue;
                        }
                        AtomicInteger ids = new AtomicInteger();
                        String prefix = "bench-" + round + "-" + threads + "-" + impl.charAt(0) + "-";
                        ThreadLocal<String> name = ThreadLocal.withInitial(() -> prefix + ids.incrementAndGet());
                        Runnable cycle = switch (impl) {
                            case "mainstay" -> () -> {
                                String lockName = name.get();
                                try (LockHandle handle = mainstay.tryAcquire(lockName, LEASE).orElseThrow(
                                        () -> new IllegalStateException(lockName + " is held: nobody else uses it"))) {
                                    handle.token();
                                }
                            };
                            case "shedlock" -> () -> {
                                String lockName = name.get();
                                SimpleLock lock = shedlock.lock(new LockConfiguration(Instant.now(), lockName,
                                        LEASE, Duration.ZERO)).orElseThrow(
                                        () -> new IllegalStateException(lockName + " is held: nobody else uses it"));
                                lock.unlock();
                            };
                            case "spring-integration" -> {
                                ThreadLocal<Lock> locks = ThreadLocal.withInitial(() -> registry.obtain(name.get()));
                                yield () -> {
                                    Lock lock = locks.get();
                                    lock.lock();
                                    lock.unlock();
                                };
                            }
                            default -> throw new IllegalArgumentException(impl);
                        };
                        ClosedLoop.run(threads, 1, cycle); // warm-up
                        resetCounts(hikari);
                        pool.commits.reset();
                        long start = System.nanoTime();
                        long cycles = ClosedLoop.run(threads, seconds, cycle);
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        long commits = pool.commits.sum();
                        Map<String, Long> counts = counts(hikari);
                        double serverMicros = serverMillis(hikari) * 1000 / cycles;
                        Map<String, Double> perCycle = new TreeMap<>();
                        counts.forEach((word, calls) -> perCycle.put(word, calls / (double) cycles));
                        long statements = counts.values().stream().mapToLong(Long::longValue).sum();
                        Row row = new Row(cycles / elapsed, statements / (double) cycles, commits / (double) cycles,
                                serverMicros, perCycle);
                        results.computeIfAbsent(impl + "@" + threads, k -> new ArrayList<>()).add(row);
                        System.out.printf("%-19s %7d %10.0f %16.2f %13.2f %10.1f  %s%n", impl, threads,
                                row.perSecond(), row.statements(), row.commits(), row.serverMicros(), format(perCycle));
                    }
                }
            }
            if (mainstay != null) {
                mainstay.close();
            }
        }
        summary(results, rounds);
    }

    private static void setUp(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            // ShedLock's table as its README gives it; Spring Integration's from its schema-postgresql.sql
            statement.execute("CREATE TABLE IF NOT EXISTS shedlock (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP"
                    + " NOT NULL, locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))");
            statement.execute("CREATE TABLE IF NOT EXISTS INT_LOCK (LOCK_KEY CHAR(36) NOT NULL, REGION VARCHAR(100)"
                    + " NOT NULL, CLIENT_ID CHAR(36), CREATED_DATE TIMESTAMP NOT NULL,"
                    + " EXPIRED_AFTER TIMESTAMP NOT NULL, constraint INT_LOCK_PK primary key (LOCK_KEY, REGION))");
        }
    }

    private static void resetCounts(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Statements since the reset, by their first word, leaving out this program's own reads and resets. */
    private static Map<String, Long> counts(HikariDataSource pool) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT upper(split_part(ltrim(query), ' ', 1)), sum(calls)"
                        + " FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' GROUP BY 1")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    /** The server's execution time of those statements, in milliseconds. */
    private static double serverMillis(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT coalesce(sum(total_exec_time), 0)"
                        + " FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'")) {
            rows.next();
            return rows.getDouble(1);
        }
    }

    private static String format(Map<String, Double> perCycle) {
        StringBuilder text = new StringBuilder();
        perCycle.forEach((word, value) -> text.append(text.length() == 0 ? "" : ", ").append(word).append(' ')
                .append(String.format("%.2f", value)));
        return text.toString();
    }

    /** Medians over the rounds; each ratio is the median of the rounds' ratios. */
    private static void summary(Map<String, List<Row>> results, int rounds) {
        System.out.printf("%nmedians of %d round(s)%n%n", rounds);
        System.out.println("| threads | implementation | cycles/s | statements per cycle (by first word)"
                + " | commits per cycle | server µs per cycle (statements' execution) | Mainstay ÷ it |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int threads : THREADS) {
            List<Row> ours = results.get("mainstay@" + threads);
            for (String impl : ALL) {
                List<Row> rows = results.get(impl + "@" + threads);
                if (rows == null) {
                    continue;
                }
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; ours != null && i < rows.size(); i++) {
                    ratios.add(ours.get(i).perSecond() / rows.get(i).perSecond());
                }
                System.out.printf("| %d | %s | %.0f | %.2f (%s) | %.2f | %.1f | %s |%n", threads, impl,
                        median(rows, Row::perSecond), median(rows, Row::statements),
                        format(rows.get(rows.size() / 2).perCycle()), median(rows, Row::commits),
                        median(rows, Row::serverMicros),
                        impl.equals("mainstay") || ratios.isEmpty() ? "" : String.format("%.2fx", median(ratios)));
            }
        }
    }

    private static double median(List<Row> rows, ToDoubleFunction<Row> value) {
        return median(rows.stream().map(row -> value.applyAsDouble(row)).toList());
    }

    private static double median(List<Double> list) {
        double[] values = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = values.length / 2;
        return values.length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }

    /** The pool, with its connections' {@code commit()} calls counted: {@code pg_stat_statements} leaves them out. */
    static final class CommitCounting implements DataSource {
        final LongAdder commits = new LongAdder();
        private final DataSource pool;

        CommitCounting(DataSource pool) {
            this.pool = pool;
        }

        private Connection counted(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                    commits.increment();
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counted(pool.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counted(pool.getConnection(username, password));
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return pool.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return pool.isWrapperFor(iface);
        }
    }
}
