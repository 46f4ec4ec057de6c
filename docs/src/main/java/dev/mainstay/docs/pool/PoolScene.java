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

/**
 * The pool in the tour: a generic pool, then a pooled JDBC data source on H2 in memory, or on the PostgreSQL named by
 * {@code MAINSTAY_POSTGRES_URL} (with {@code MAINSTAY_POSTGRES_USER} and {@code MAINSTAY_POSTGRES_PASSWORD}; system
 * properties {@code mainstay.postgres.url}, {@code .user}, {@code .password} work too) when it is set.
 */
public final class PoolScene implements Scene {

    private final String url;
    private final String user;
    private final String password;

    /** The scene on the PostgreSQL named by the environment, or else on H2 in memory. */
    public PoolScene() {
        String postgres = setting("mainstay.postgres.url", "MAINSTAY_POSTGRES_URL");
        if (postgres == null) {
            this.url = "jdbc:h2:mem:tour;DB_CLOSE_DELAY=-1";
            this.user = "sa";
            this.password = "";
        } else {
            this.url = postgres;
            this.user = setting("mainstay.postgres.user", "MAINSTAY_POSTGRES_USER");
            this.password = setting("mainstay.postgres.password", "MAINSTAY_POSTGRES_PASSWORD");
        }
    }

    /** The scene on the database at {@code url}; {@code user} and {@code password} may be null. */
    public PoolScene(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }

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

        PooledDataSource.Builder builder = PooledDataSource.builder().url(url)
                .pool(pool -> pool.name("tour-db").maxSize(4));
        if (user != null) {
            builder.user(user);
        }
        if (password != null) {
            builder.password(password);
        }
        PooledDataSource db = builder.build();
        try {
            String product;
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                product = c.getMetaData().getDatabaseProductName();
                s.execute("CREATE TABLE IF NOT EXISTS mainstay_tour_orders (id INT PRIMARY KEY)");
                s.execute("DELETE FROM mainstay_tour_orders");
            }
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("INSERT INTO mainstay_tour_orders VALUES (1)");
                out.println("On " + product + ": a borrower inserted an order, forgot to commit and closed the"
                        + " connection.");
            }
            out.println("The next borrower sees " + countOrders(db) + " orders and auto-commit back on: "
                    + autoCommit(db) + ".");
            PoolMetrics metrics = db.metrics();
            out.println("One physical connection served it all: " + metrics.created() + " opened, "
                    + metrics.idle() + " idle.");
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE mainstay_tour_orders");
            }
        } finally {
            db.close();
        }
    }

    private static int countOrders(PooledDataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mainstay_tour_orders")) {
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
