package dev.mainstay.pool.internal;

import dev.mainstay.pool.Lifecycle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/** Creates, validates, resets and closes physical connections for a pooled {@code DataSource}. */
public final class ConnectionLifecycle implements Lifecycle<PooledConnection> {

    /** Opens one physical connection. */
    @FunctionalInterface
    public interface Connector {
        /**
         * Opens a connection.
         *
         * @return a new connection
         * @throws SQLException if the database cannot be reached
         */
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final int validationTimeoutSeconds;
    private volatile Runnable onFatal = () -> {};

    /**
     * Makes the lifecycle.
     *
     * @param connector opens physical connections
     * @param validationTimeoutSeconds the timeout given to {@link Connection#isValid(int)}
     */
    public ConnectionLifecycle(Connector connector, int validationTimeoutSeconds) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.validationTimeoutSeconds = validationTimeoutSeconds;
    }

    @Override
    public PooledConnection create() throws SQLException {
        Connection connection = connector.connect();
        if (connection == null) {
            throw new SQLException("the driver returned no connection (wrong URL for this driver?)", "08001");
        }
        try {
            return new PooledConnection(connection, this::fatal);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * What to do when a connection is found dead (a fatal SQLState, or {@code isValid} false in a borrower's hands).
     *
     * @param onFatal typically the pool's {@code suspectAll}
     */
    public void onFatal(Runnable onFatal) {
        this.onFatal = Objects.requireNonNull(onFatal, "onFatal");
    }

    private void fatal() {
        onFatal.run();
    }

    @Override
    public boolean validate(PooledConnection pooled) throws SQLException {
        return !pooled.broken && pooled.connection.isValid(validationTimeoutSeconds);
    }

    @Override
    public void reset(PooledConnection pooled) throws SQLException {
        pooled.reset();
    }

    @Override
    public void destroy(PooledConnection pooled) throws SQLException {
        pooled.connection.close();
    }
}
