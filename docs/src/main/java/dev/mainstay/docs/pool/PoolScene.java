package dev.mainstay.docs.pool;

import dev.mainstay.docs.Scene;
import dev.mainstay.pool.Lease;
import dev.mainstay.pool.Lifecycle;
import dev.mainstay.pool.Pool;
import dev.mainstay.pool.PoolMetrics;
import dev.mainstay.pool.PoolTimeoutException;
import dev.mainstay.pool.jdbc.PooledDataSource;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The pool in the tour: a generic pool, then a pooled JDBC data source on H2 in memory. */
public final class PoolScene implements Scene {

    @Override
    public String module() {
        return "mainstay-pool";
    }

    @Override
    public String title() {
        return "reuse what is costly to open, and say why when there is none";
    }

    @Override
    public void play(PrintStream out) throws Exception {
        AtomicInteger opened = new AtomicInteger();
        Pool<String> sessions = Pool.builder((Lifecycle<String>) () -> "session-" + opened.incrementAndGet())
                .name("sessions").maxSize(2).borrowTimeout(Duration.ofMillis(100)).build();
        try (Lease<String> first = sessions.borrow()) {
            out.println("Borrowed " + first.get() + " (the pool opened it in the background).");
        }
        try (Lease<String> again = sessions.borrow(); Lease<String> second = sessions.borrow()) {
            out.println("Borrowed " + again.get() + " again and " + second.get() + " next to it: "
                    + opened.get() + " opened for 3 borrows.");
            try (Lease<String> third = sessions.borrow()) {
                out.println("Unexpected third session " + third.get());
            } catch (PoolTimeoutException e) {
                out.println("A third borrower waited 100 ms and was told: " + e.getMessage());
            }
        }
        sessions.close();
        out.println("Closed the pool: " + sessions.metrics().destroyed() + " sessions destroyed.");

        PooledDataSource db = PooledDataSource.builder()
                .url("jdbc:h2:mem:tour;DB_CLOSE_DELAY=-1").user("sa").password("")
                .pool(pool -> pool.name("tour-db").maxSize(4))
                .build();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS tour_orders (id INT PRIMARY KEY)");
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("INSERT INTO tour_orders VALUES (1)");
            out.println("On H2: a borrower inserted an order, forgot to commit and closed the connection.");
        }
        out.println("The next borrower sees " + countOrders(db) + " orders and auto-commit back on: "
                + autoCommit(db) + ".");
        PoolMetrics metrics = db.metrics();
        out.println("One physical connection served it all: " + metrics.created() + " opened, "
                + metrics.idle() + " idle.");
        db.close();
    }

    private static int countOrders(PooledDataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM tour_orders")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean autoCommit(PooledDataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            return c.getAutoCommit();
        }
    }
}
