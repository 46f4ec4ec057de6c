package dev.mainstay.pool.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A physical connection held by the pool, with the state its borrower changed. Touched only by the borrower that
 * holds it (and by the pool while nobody does), so its fields need no synchronization.
 */
public final class PooledConnection {

    /** SQLStates after which a connection is not used again, besides every state of class 08. */
    private static final Set<String> FATAL_STATES = Set.of(
            "57P01", // admin_shutdown: pg_terminate_backend, server shutting down
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now
            "01002", // disconnect error
            "JZ0C0", // connection closed (jTDS / Sybase)
            "JZ0C1");
    /** MariaDB/MySQL error codes after which a connection is not used again. */
    private static final Set<Integer> FATAL_CODES = Set.of(
            1927, // ER_CONNECTION_KILLED
            2006, // CR_SERVER_GONE_ERROR
            2013); // CR_SERVER_LOST

    /** Runs {@code setNetworkTimeout} work on the calling thread. */
    static final Executor DIRECT = Runnable::run;

    final Connection connection;
    final boolean defaultAutoCommit;
    final int defaultIsolation;
    final boolean defaultReadOnly;
    final String defaultCatalog;
    final String defaultSchema;
    final int defaultNetworkTimeout;

    boolean autoCommit;
    boolean dirtyAutoCommit;
    boolean dirtyIsolation;
    boolean dirtyReadOnly;
    boolean dirtyCatalog;
    boolean dirtySchema;
    boolean dirtyNetworkTimeout;
    /** Statements ran (or were prepared) in manual-commit mode since the last commit or rollback. */
    boolean inTransaction;
    /** A fatal SQLState was seen: destroy instead of lending again. */
    boolean broken;
    private ArrayList<Statement> openStatements;

    PooledConnection(Connection connection) throws SQLException {
        this.connection = Objects.requireNonNull(connection, "the driver returned a null connection");
        this.defaultAutoCommit = connection.getAutoCommit();
        this.defaultIsolation = connection.getTransactionIsolation();
        this.defaultReadOnly = connection.isReadOnly();
        this.defaultCatalog = connection.getCatalog();
        this.defaultSchema = schemaOf(connection);
        this.defaultNetworkTimeout = networkTimeoutOf(connection);
        this.autoCommit = defaultAutoCommit;
    }

    private static String schemaOf(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    private static int networkTimeoutOf(Connection connection) {
        try {
            return connection.getNetworkTimeout();
        } catch (SQLException | AbstractMethodError e) {
            return -1;
        }
    }

    void track(Statement statement) {
        if (openStatements == null) {
            openStatements = new ArrayList<>(4);
        }
        openStatements.add(statement);
    }

    void untrack(Statement statement) {
        if (openStatements != null) {
            openStatements.remove(statement);
        }
    }

    int openStatements() {
        return openStatements == null ? 0 : openStatements.size();
    }

    /** Undoes what the borrower changed: forgotten statements, open transaction, session settings. */
    void reset() throws SQLException {
        if (openStatements != null && !openStatements.isEmpty()) {
            for (Statement statement : openStatements) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    // the statement is unusable anyway; the connection is checked below
                }
            }
            openStatements.clear();
        }
        if (inTransaction && !autoCommit) {
            connection.rollback();
        }
        inTransaction = false;
        if (dirtyAutoCommit) {
            connection.setAutoCommit(defaultAutoCommit);
            autoCommit = defaultAutoCommit;
            dirtyAutoCommit = false;
        }
        if (dirtyIsolation) {
            connection.setTransactionIsolation(defaultIsolation);
            dirtyIsolation = false;
        }
        if (dirtyReadOnly) {
            connection.setReadOnly(defaultReadOnly);
            dirtyReadOnly = false;
        }
        if (dirtyCatalog) {
            connection.setCatalog(defaultCatalog);
            dirtyCatalog = false;
        }
        if (dirtySchema) {
            connection.setSchema(defaultSchema);
            dirtySchema = false;
        }
        if (dirtyNetworkTimeout) {
            connection.setNetworkTimeout(DIRECT, Math.max(0, defaultNetworkTimeout));
            dirtyNetworkTimeout = false;
        }
        connection.clearWarnings();
    }

    /** Whether {@code failure} means the connection is dead (SQLState class 08, server shutdown, ...). */
    static boolean isFatal(SQLException failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 10; depth++) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException) {
                SQLException sql = (SQLException) t;
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || FATAL_STATES.contains(state))) {
                    return true;
                }
                if (FATAL_CODES.contains(sql.getErrorCode()) && (state == null || !state.startsWith("42"))) {
                    return true;
                }
                SQLException next = sql.getNextException();
                if (next != null && next != t) {
                    t = next;
                    continue;
                }
            }
            t = t.getCause();
        }
        return false;
    }
}
