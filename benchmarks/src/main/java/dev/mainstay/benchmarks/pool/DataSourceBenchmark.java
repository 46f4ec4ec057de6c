package dev.mainstay.benchmarks.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mainstay.pool.jdbc.PooledDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code DataSource.getConnection()} + {@code Connection.close()} ({@link #cycle()}, as HikariCP-benchmark's
 * ConnectionBench) and a whole prepared-statement cycle ({@link #statementCycle()}) on a stub JDBC driver: the cost
 * of the pool and its proxies, nothing of a database. Ten connections, more
 * than the threads (1 and 2: one method each); both pools with their default validation window
 * (500 ms) and idle timeout, so both read the clock on each cycle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DataSourceBenchmark {

    static final int CONNECTIONS = 10;

    @Param({"mainstay", "hikaricp"})
    public String pool;

    private DataSource dataSource;
    private AutoCloseable closer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dataSource = switch (pool) {
            case "mainstay" -> mainstay();
            case "hikaricp" -> hikari();
            default -> throw new IllegalArgumentException("unknown pool " + pool);
        };
        closer = (AutoCloseable) dataSource;
        for (int i = 0; i < 1000; i++) {
            cycle();
        }
    }

    static PooledDataSource mainstay() throws InterruptedException {
        PooledDataSource db = PooledDataSource.builder()
                .url(StubDriver.URL)
                .driver(StubDriver.INSTANCE)
                .pool(p -> p.name("bench").maxSize(CONNECTIONS).minIdle(CONNECTIONS)
                        .borrowTimeout(Duration.ofSeconds(8)))
                .build();
        while (db.metrics().idle() < CONNECTIONS) {
            Thread.sleep(1);
        }
        return db;
    }

    static HikariDataSource hikari() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(StubDriver.URL);
        config.setDriverClassName(StubDriver.class.getName());
        config.setMaximumPoolSize(CONNECTIONS);
        config.setMinimumIdle(CONNECTIONS);
        config.setConnectionTimeout(8_000);
        config.setPoolName("bench");
        config.setRegisterMbeans(false);
        return new HikariDataSource(config);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        closer.close();
    }

    // 1 and 2 threads, the rows of the table in docs/pool.md, so that a plain run of this class measures them
    // ("benchmarks/run DataSourceBenchmark"); a -t given on the command line overrides them

    @Benchmark
    @Threads(1)
    public Connection cycle1Thread() throws SQLException {
        return cycle();
    }

    @Benchmark
    @Threads(2)
    public Connection cycle2Threads() throws SQLException {
        return cycle();
    }

    @Benchmark
    @Threads(1)
    public int statementCycle1Thread() throws SQLException {
        return statementCycle();
    }

    @Benchmark
    @Threads(2)
    public int statementCycle2Threads() throws SQLException {
        return statementCycle();
    }

    Connection cycle() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.close();
        return connection;
    }

    /**
     * A whole statement cycle, what a user does (HikariCP-benchmark's StatementBench does part of it): borrow,
     * prepare, three parameters, execute, read and close the {@link StubResultSet#ROWS} rows, close the statement,
     * give the connection back.
     */
    int statementCycle() throws SQLException {
        int sum = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, name FROM things WHERE kind = ? AND owner = ? AND label = ?")) {
            statement.setInt(1, 1);
            statement.setLong(2, 2L);
            statement.setString(3, "three");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sum += rows.getInt(1);
                }
            }
        }
        return sum;
    }
}
