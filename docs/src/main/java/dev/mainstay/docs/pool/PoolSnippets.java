package dev.mainstay.docs.pool;

import dev.mainstay.pool.Lease;
import dev.mainstay.pool.Lifecycle;
import dev.mainstay.pool.Pool;
import dev.mainstay.pool.PoolMetrics;
import dev.mainstay.pool.PoolTimeoutException;
import dev.mainstay.pool.jdbc.PooledDataSource;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.zip.Deflater;

/**
 * The code of the pool guide ({@code docs/pool.md}), compiled and executed by {@code PoolSnippetsTest}: every
 * example in the guide is a copy of a block between {@code // tag::} and {@code // end::} here.
 */
public final class PoolSnippets {

    private PoolSnippets() {}

    /** The generic pool: a pool of {@link Deflater}s, which are costly to make and hold native memory. */
    public static byte[] deflaters(byte[] input) {
        // tag::generic[]
        Lifecycle<Deflater> deflaters = new Lifecycle<>() {
            @Override
            public Deflater create() {
                return new Deflater(Deflater.BEST_SPEED);
            }

            @Override
            public void reset(Deflater deflater) {
                deflater.reset();              // on return: ready for the next borrower
            }

            @Override
            public void destroy(Deflater deflater) {
                deflater.end();                // frees the native memory
            }
        };
        Pool<Deflater> pool = Pool.builder(deflaters)
                .name("deflaters")
                .maxSize(4)
                .borrowTimeout(Duration.ofMillis(200))
                .validateAfterIdle(Pool.NEVER)     // nothing to validate: spare the clock read
                .build();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Lease<Deflater> lease = pool.borrow()) {
            Deflater deflater = lease.get();
            deflater.setInput(input);
            deflater.finish();
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        pool.close();
        // end::generic[]
        return out.toByteArray();
    }

    /** A pool whose objects cannot be created: the timeout says why. */
    public static String diagnosis() {
        // tag::diagnosis[]
        Pool<Connection> pool = Pool.builder((Lifecycle<Connection>) () -> {
                    throw new SQLException("Connection refused: db.internal:5432", "08001");
                })
                .name("orders-db")
                .build();
        try (Lease<Connection> lease = pool.borrow(Duration.ofMillis(100))) {
            return "unexpected: " + lease.get();
        } catch (PoolTimeoutException e) {
            // pool 'orders-db' timed out after 100 ms: 0 in use, 0 idle, max 10, 1 waiting;
            // last creation failed (1 in a row): java.sql.SQLException: Connection refused: db.internal:5432; ...
            return e.getMessage() + "\ncause: " + e.getCause();
        } finally {
            pool.close();
        }
        // end::diagnosis[]
    }

    /** The JDBC data source on H2 in memory. */
    public static int jdbc() throws SQLException {
        // tag::jdbc[]
        PooledDataSource db = PooledDataSource.builder()
                .url("jdbc:h2:mem:guide;DB_CLOSE_DELAY=-1")
                .user("sa").password("")
                .pool(pool -> pool.name("guide-db").maxSize(10).borrowTimeout(Duration.ofSeconds(2)))
                .build();

        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, total DECIMAL(10, 2))");
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("INSERT INTO orders VALUES (1, 9.99)");
            // forgot to commit, and forgot to close the statement: close() rolls back and cleans up
        }
        int orders;
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            rs.next();
            orders = rs.getInt(1);                 // 0: the forgotten transaction was rolled back
        }
        PoolMetrics metrics = db.metrics();        // 1 connection created, 1 idle
        db.close();
        // end::jdbc[]
        return orders * 1000 + (int) metrics.created() * 10 + metrics.idle();
    }
}
