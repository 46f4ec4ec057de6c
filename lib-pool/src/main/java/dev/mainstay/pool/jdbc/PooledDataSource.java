package dev.mainstay.pool.jdbc;

import dev.mainstay.pool.Pool;
import dev.mainstay.pool.PoolMetrics;
import dev.mainstay.pool.PoolTimeoutException;
import dev.mainstay.pool.internal.ConnectionLifecycle;
import dev.mainstay.pool.internal.ConnectionProxy;
import dev.mainstay.pool.internal.Nullable;
import dev.mainstay.pool.internal.PooledConnection;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pooling {@link DataSource} on a {@link Pool} of physical connections, opened through a JDBC URL and
 * {@link Driver} or through an unpooled {@code DataSource}.
 *
 * <pre>{@code
 * PooledDataSource db = PooledDataSource.builder()
 *         .url("jdbc:postgresql://localhost/app").user("app").password(secret)
 *         .pool(pool -> pool.name("app-db").maxSize(10).borrowTimeout(Duration.ofSeconds(2)))
 *         .build();
 * try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select 1")) {
 *     s.executeQuery();
 * }
 * db.close();
 * }</pre>
 *
 * <p>{@link #getConnection()} returns a proxy whose {@code close()} gives the connection back. On the way back the
 * pool undoes what the borrower changed: it closes statements left open, rolls back a transaction left open, and
 * restores auto-commit, transaction isolation, read-only, catalog, schema and network timeout to what the
 * connection had when it was opened, each only if the borrower changed it through the {@code Connection} API. On
 * PostgreSQL, where {@code setSchema} replaces the whole {@code search_path}, a schema change is undone with
 * {@code RESET search_path}, which gives back exactly the path a fresh session has (for a role {@code app} that
 * owns a schema {@code app}: {@code "$user", public}, not {@code app}). A connection whose driver reported a fatal failure (SQLState class 08,
 * {@code 57P01} "terminating connection due to administrator command", and the like) is destroyed instead of
 * lent again, and every other connection opened before that moment is validated before it is lent again (a
 * restart or failover kills them all, so one borrower sees the error, not one per pooled connection). A connection idle longer than {@link Pool.Builder#validateAfterIdle(Duration)} is checked with
 * {@link Connection#isValid(int)} before it is lent.
 *
 * <p>When no connection can be had within the borrow timeout, {@code getConnection()} throws
 * {@link SQLTransientConnectionException} (SQLState {@code 08001}) whose cause is the pool's
 * {@link PoolTimeoutException}, with its diagnosis as the message.
 *
 * <p>Thread-safe. Configured once, at build time, except the pool sizes ({@link #resize(int, int)}).
 */
public final class PooledDataSource implements DataSource, AutoCloseable {

    private final Pool<PooledConnection> pool;
    private @Nullable PrintWriter logWriter;
    private int loginTimeoutSeconds;

    private PooledDataSource(Pool<PooledConnection> pool) {
        this.pool = pool;
    }

    /**
     * Starts building a pooled data source.
     *
     * @return a builder; set a {@link Builder#url(String) url} or an unpooled {@link Builder#dataSource(DataSource)
     *     data source}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Borrows a connection, waiting up to the pool's borrow timeout.
     *
     * @return a connection; close it to give it back
     * @throws SQLTransientConnectionException if none became available in time (cause: {@link PoolTimeoutException})
     * @throws SQLException if the data source is closed (SQLState {@code 08003})
     */
    @Override
    public Connection getConnection() throws SQLException {
        try {
            return ConnectionProxy.borrow(pool);
        } catch (PoolTimeoutException e) {
            throw new SQLTransientConnectionException(e.getMessage(), "08001", e);
        } catch (IllegalStateException e) {
            throw new SQLException(e.getMessage(), "08003", e);
        }
    }

    /**
     * Not supported: every connection of a pool uses the credentials the pool was built with.
     *
     * @throws SQLFeatureNotSupportedException always
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException(
                "a pooled data source opens every connection with the credentials it was built with");
    }

    /**
     * The pool's state and counters.
     *
     * @return a snapshot
     */
    public PoolMetrics metrics() {
        return pool.metrics();
    }

    /** The pool of physical connections (for tests in this package). */
    Pool<PooledConnection> pool() {
        return pool;
    }

    /** Replaces every connection: idle ones now, lent ones when given back (for example after a failover). */
    public void evictAll() {
        pool.evictAll();
    }

    /**
     * Changes the pool sizes at run time; see {@link Pool#resize(int, int)}.
     *
     * @param maxSize the new maximum
     * @param minIdle the new minimum of idle connections
     */
    public void resize(int maxSize, int minIdle) {
        pool.resize(maxSize, minIdle);
    }

    /** Closes the pool, waiting up to the borrow timeout for lent connections; see {@link Pool#close(Duration)}. */
    @Override
    public void close() {
        pool.close();
    }

    /**
     * Closes the pool, waiting up to {@code timeout} for lent connections; see {@link Pool#close(Duration)}.
     *
     * @param timeout how long to wait
     * @return {@code true} if every connection came back and was closed in time
     */
    public boolean close(Duration timeout) {
        return pool.close(timeout);
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("this data source logs through System.Logger 'dev.mainstay.pool'");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "PooledDataSource[" + pool + "]";
    }

    /**
     * Builds a {@link PooledDataSource}. Each setter checks its value at once; set either a {@link #url(String)}
     * or a {@link #dataSource(DataSource)}.
     *
     * <pre>{@code
     * PooledDataSource db = PooledDataSource.builder().dataSource(unpooled).pool(p -> p.maxSize(5)).build();
     * }</pre>
     */
    public static final class Builder {

        private @Nullable String url;
        private @Nullable Driver driver;
        private @Nullable DataSource dataSource;
        private final Properties properties = new Properties();
        private Duration validationTimeout = Duration.ofSeconds(5);
        private Consumer<Pool.Builder<?>> poolSettings = settings -> {};

        Builder() {}

        /**
         * The JDBC URL; the driver is found through {@link DriverManager} unless {@link #driver(Driver)} is set.
         *
         * @param url a {@code jdbc:} URL
         * @return this builder
         */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("url must start with 'jdbc:' but was '" + url + "'");
            }
            this.url = url;
            return this;
        }

        /**
         * The driver that opens {@link #url(String)} connections.
         *
         * @param driver the driver
         * @return this builder
         */
        public Builder driver(Driver driver) {
            this.driver = Objects.requireNonNull(driver, "driver");
            return this;
        }

        /**
         * An unpooled data source to open connections with, instead of a URL.
         *
         * @param dataSource the unpooled data source
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The user for {@link #url(String)} connections.
         *
         * @param user the user
         * @return this builder
         */
        public Builder user(String user) {
            return property("user", Objects.requireNonNull(user, "user"));
        }

        /**
         * The password for {@link #url(String)} connections.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            return property("password", Objects.requireNonNull(password, "password"));
        }

        /**
         * A driver property for {@link #url(String)} connections.
         *
         * @param key the property
         * @param value its value
         * @return this builder
         */
        public Builder property(String key, String value) {
            properties.setProperty(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The timeout for {@link Connection#isValid(int)} when a connection is validated. Default 5 seconds.
         *
         * @param validationTimeout from 1 second to {@code Integer.MAX_VALUE} seconds
         * @return this builder
         */
        public Builder validationTimeout(Duration validationTimeout) {
            Objects.requireNonNull(validationTimeout, "validationTimeout");
            if (validationTimeout.compareTo(Duration.ofSeconds(1)) < 0
                    || validationTimeout.toSeconds() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "validationTimeout must be >= 1 second but was " + validationTimeout);
            }
            this.validationTimeout = validationTimeout;
            return this;
        }

        /**
         * Settings of the underlying pool (name, sizes, timeouts, leak detection, listener, ticker); see
         * {@link Pool.Builder}.
         *
         * @param settings applied to the pool builder when the data source is built
         * @return this builder
         */
        public Builder pool(Consumer<Pool.Builder<?>> settings) {
            this.poolSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Builds the data source and starts its pool; connections are opened in the background.
         *
         * @return the data source
         * @throws IllegalStateException if neither or both of a URL and a data source were set, or if no driver
         *     accepts the URL
         */
        public PooledDataSource build() {
            if ((url == null) == (dataSource == null)) {
                throw new IllegalStateException("set exactly one of url(...) and dataSource(...)");
            }
            ConnectionLifecycle.Connector connector;
            if (dataSource != null) {
                DataSource source = dataSource;
                connector = source::getConnection;
            } else {
                Driver chosen = driver;
                if (chosen == null) {
                    try {
                        chosen = DriverManager.getDriver(url);
                    } catch (SQLException e) {
                        throw new IllegalStateException("no JDBC driver accepts url '" + url + "'", e);
                    }
                }
                Driver connecting = chosen;
                String jdbcUrl = url;
                Properties props = new Properties();
                props.putAll(properties);
                connector = () -> connecting.connect(jdbcUrl, props);
            }
            ConnectionLifecycle lifecycle =
                    new ConnectionLifecycle(connector, (int) validationTimeout.toSeconds());
            Pool.Builder<PooledConnection> builder = Pool.builder(lifecycle).name("jdbc");
            poolSettings.accept(builder);
            Pool<PooledConnection> pool = builder.build();
            lifecycle.onFatal(pool::suspectAll);
            return new PooledDataSource(pool);
        }
    }
}
