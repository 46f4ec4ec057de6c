package dev.mainstay.pool.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
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
    /** How many exceptions of a failure's next-exception and cause chains are looked at, at most. */
    private static final int MAX_CHAIN = 20;
    /** MariaDB/MySQL error codes after which a connection is not used again. */
    private static final Set<Integer> FATAL_CODES = Set.of(
            1927, // ER_CONNECTION_KILLED
            2006, // CR_SERVER_GONE_ERROR
            2013); // CR_SERVER_LOST

    /** Runs {@code setNetworkTimeout} work on the calling thread. */
    static final Executor DIRECT = Runnable::run;

    final Connection connection;
    /**
     * PostgreSQL: {@code setSchema} replaces the whole {@code search_path}, so the reset restores the session's own
     * value with {@code RESET search_path} rather than setting the schema seen at creation.
     */
    final boolean postgres;
    final boolean defaultAutoCommit;
    final int defaultIsolation;
    final boolean defaultReadOnly;
    final String defaultCatalog;
    final @Nullable String defaultSchema;
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
    /** Told once when this connection is found dead: the pool suspects every connection made before. */
    private final Runnable onFatal;
    private @Nullable ArrayList<Statement> openStatements;

    PooledConnection(Connection connection, Runnable onFatal) throws SQLException {
        this.connection = Objects.requireNonNull(connection, "the driver returned a null connection");
        this.onFatal = onFatal;
        this.postgres = "PostgreSQL".equalsIgnoreCase(productOf(connection));
        this.defaultAutoCommit = connection.getAutoCommit();
        this.defaultIsolation = connection.getTransactionIsolation();
        this.defaultReadOnly = connection.isReadOnly();
        this.defaultCatalog = connection.getCatalog();
        this.defaultSchema = schemaOf(connection);
        this.defaultNetworkTimeout = networkTimeoutOf(connection);
        this.autoCommit = defaultAutoCommit;
    }

    private static @Nullable String productOf(Connection connection) {
        try {
            DatabaseMetaData meta = connection.getMetaData();
            return meta == null ? null : meta.getDatabaseProductName();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    private static @Nullable String schemaOf(Connection connection) {
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

    /** Marks the connection dead (destroyed on return) and, the first time, makes the pool suspect the others. */
    void markBroken() {
        if (!broken) {
            broken = true;
            onFatal.run();
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
        if (dirtyCatalog || dirtySchema) {
            restoreNamespace();
        }
        if (dirtyNetworkTimeout) {
            connection.setNetworkTimeout(DIRECT, Math.max(0, defaultNetworkTimeout));
            dirtyNetworkTimeout = false;
        }
        connection.clearWarnings();
    }

    /**
     * Gives the session back the search path (PostgreSQL) or current database and schema (others) it had when it
     * was opened. On PostgreSQL {@code setSchema(s)} sets {@code search_path} to {@code s} alone, so setting the
     * schema seen at creation would drop the rest of the path ({@code "$user", public} becomes {@code app}); instead
     * {@code RESET search_path} restores the value the session started with (server, database and role settings,
     * and the connection's startup options, such as the driver's {@code currentSchema}). A database that cannot be
     * restored (the session started without one) fails the reset, so the connection is closed, not lent again.
     */
    private void restoreNamespace() throws SQLException {
        if (postgres) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("RESET search_path");
            }
            if (!defaultAutoCommit) {
                connection.commit(); // a SET inside a transaction is undone by a rollback on PostgreSQL
            }
        } else {
            if (dirtyCatalog) {
                if (defaultCatalog == null) {
                    throw new SQLException("the session started without a current database, which cannot be restored");
                }
                connection.setCatalog(defaultCatalog);
            }
            if (dirtySchema) {
                connection.setSchema(defaultSchema);
            }
        }
        dirtyCatalog = false;
        dirtySchema = false;
    }

    /** Whether {@code failure} means the connection is dead (SQLState class 08, server shutdown, ...). */
    static boolean isFatal(SQLException failure) {
        // both chains: a driver may hang the connection failure on the next exception or on the cause of either
        ArrayDeque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.add(failure);
        for (int visited = 0; !pending.isEmpty() && visited < MAX_CHAIN; visited++) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || FATAL_STATES.contains(state))) {
                    return true;
                }
                if (FATAL_CODES.contains(sql.getErrorCode()) && (state == null || !state.startsWith("42"))) {
                    return true;
                }
                SQLException next = sql.getNextException();
                if (next != null) {
                    pending.add(next);
                }
            }
            Throwable cause = t.getCause();
            if (cause != null) {
                pending.add(cause);
            }
        }
        return false;
    }
}
