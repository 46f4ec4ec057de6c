package dev.mainstay.pool.internal;

import dev.mainstay.pool.Pool;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The connection a borrower sees: it delegates to the pooled physical connection, remembers the session state the
 * borrower changes (so that the pool can reset it), tracks statements (so that forgotten ones are closed), marks
 * the connection broken when the driver reports a fatal SQLState, and gives the connection back on
 * {@link #close()}. One is allocated per {@code getConnection()}; after {@code close()} it refuses every call,
 * so a stale reference cannot reach the next borrower's connection.
 */
public final class ConnectionProxy implements Connection {

    /**
     * The borrowed slot and the claim stamp of this borrow: the proxy is the lease (see {@link SlotLease}), so no
     * lease is allocated, and it is closed exactly when the slot no longer holds the stamp.
     */
    private final Slot<PooledConnection> slot;
    private final long stamp;

    private ConnectionProxy(Slot<PooledConnection> slot) {
        this.slot = slot;
        this.stamp = slot.state;
    }

    /**
     * Borrows a connection, waiting up to the pool's borrow timeout.
     *
     * @param pool the pool of a {@code PooledDataSource}
     * @return the connection a borrower sees
     * @throws dev.mainstay.pool.PoolTimeoutException if none became available in time
     * @throws IllegalStateException if the pool is closed
     */
    public static ConnectionProxy borrow(Pool<PooledConnection> pool) {
        SlotPool<PooledConnection> slots = (SlotPool<PooledConnection>) pool;
        return new ConnectionProxy(slots.claimSlot());
    }

    private Connection delegate() throws SQLException {
        if (returned()) {
            throw new SQLException("this connection was closed (given back to the pool)", "08003");
        }
        return slot.object.connection;
    }

    /** Marks the connection broken if {@code failure} is fatal; answers {@code failure} for rethrowing. */
    <E extends SQLException> E failed(E failure) {
        if (!returned() && PooledConnection.isFatal(failure)) {
            slot.object.markBroken();
        }
        return failure;
    }

    @Override
    public void close() throws SQLException {
        Slot<PooledConnection> s = slot;
        if (s.object.broken) {
            s.pool.evictLease(s, stamp); // both no-ops when closed already (the slot holds another word)
        } else {
            s.pool.release(s, stamp);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return returned();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (returned()) {
            return false;
        }
        try {
            boolean valid = slot.object.connection.isValid(timeout);
            if (!valid) {
                slot.object.markBroken();
            }
            return valid;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (returned()) {
            return;
        }
        slot.object.broken = true;
        try {
            slot.object.connection.abort(executor);
        } finally {
            close();
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        delegate();
        return slot.object.autoCommit;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        try {
            delegate().setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw failed(e);
        }
        slot.object.autoCommit = autoCommit;
        slot.object.dirtyAutoCommit = autoCommit != slot.object.defaultAutoCommit;
        if (autoCommit) {
            slot.object.inTransaction = false;
        }
    }

    @Override
    public void commit() throws SQLException {
        try {
            delegate().commit();
        } catch (SQLException e) {
            throw failed(e);
        }
        slot.object.inTransaction = false;
    }

    @Override
    public void rollback() throws SQLException {
        try {
            delegate().rollback();
        } catch (SQLException e) {
            throw failed(e);
        }
        slot.object.inTransaction = false;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        try {
            delegate().rollback(savepoint);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        try {
            delegate().setTransactionIsolation(level);
        } catch (SQLException e) {
            throw failed(e);
        }
        slot.object.dirtyIsolation = true;
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        try {
            delegate().setReadOnly(readOnly);
        } catch (SQLException e) {
            throw failed(e);
        }
        slot.object.dirtyReadOnly = true;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        try {
            delegate().setCatalog(catalog);
        } catch (SQLException e) {
            throw failed(e);
        }
        slot.object.dirtyCatalog = true;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        try {
            delegate().setSchema(schema);
        } catch (SQLException e) {
            throw failed(e);
        }
        slot.object.dirtySchema = true;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        try {
            delegate().setNetworkTimeout(executor, milliseconds);
        } catch (SQLException e) {
            throw failed(e);
        }
        slot.object.dirtyNetworkTimeout = true;
    }

    @Override
    public Statement createStatement() throws SQLException {
        try {
            return new StatementProxy(this, track(delegate().createStatement()));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        try {
            return new StatementProxy(this, track(delegate().createStatement(resultSetType, resultSetConcurrency)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        try {
            return new StatementProxy(this,
                    track(delegate().createStatement(resultSetType, resultSetConcurrency, resultSetHoldability)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        try {
            return new PreparedStatementProxy(this, track(delegate().prepareStatement(sql)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        try {
            return new PreparedStatementProxy(this,
                    track(delegate().prepareStatement(sql, resultSetType, resultSetConcurrency)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(
            String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        try {
            return new PreparedStatementProxy(this,
                    track(delegate().prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        try {
            return new PreparedStatementProxy(this, track(delegate().prepareStatement(sql, autoGeneratedKeys)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        try {
            return new PreparedStatementProxy(this, track(delegate().prepareStatement(sql, columnIndexes)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        try {
            return new PreparedStatementProxy(this, track(delegate().prepareStatement(sql, columnNames)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        try {
            return new CallableStatementProxy(this, track(delegate().prepareCall(sql)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        try {
            return new CallableStatementProxy(this,
                    track(delegate().prepareCall(sql, resultSetType, resultSetConcurrency)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public CallableStatement prepareCall(
            String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        try {
            return new CallableStatementProxy(this,
                    track(delegate().prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private <S extends Statement> S track(S statement) {
        slot.object.track(statement);
        executing();
        return statement;
    }

    /** Whether this connection was given back: it and its statements refuse every call. */
    boolean returned() {
        return slot.state != stamp;
    }

    /** A statement runs: in manual-commit mode a transaction is open, to be rolled back if left open. */
    void executing() {
        if (!slot.object.autoCommit) {
            slot.object.inTransaction = true;
        }
    }

    /** A statement was closed by its borrower: the pool need not close it on return. */
    void untrack(Statement statement) {
        slot.object.untrack(statement);
    }

    /** Statements the borrower opened and has not closed yet. */
    int openStatements() {
        return slot.object.openStatements();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        try {
            return delegate().unwrap(iface);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return true;
        }
        try {
            return delegate().isWrapperFor(iface);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String toString() {
        return "ConnectionProxy[" + (returned() ? "closed" : slot.object.connection) + "]";
    }

    @Override
    public String nativeSQL(String arg0) throws SQLException {
        try {
            return delegate().nativeSQL(arg0);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        try {
            return delegate().getMetaData();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        try {
            return delegate().isReadOnly();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String getCatalog() throws SQLException {
        try {
            return delegate().getCatalog();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        try {
            return delegate().getTransactionIsolation();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        try {
            return delegate().getWarnings();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        try {
            delegate().clearWarnings();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        try {
            return delegate().getTypeMap();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> arg0) throws SQLException {
        try {
            delegate().setTypeMap(arg0);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setHoldability(int arg0) throws SQLException {
        try {
            delegate().setHoldability(arg0);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        try {
            return delegate().getHoldability();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        try {
            return delegate().setSavepoint();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Savepoint setSavepoint(String arg0) throws SQLException {
        try {
            return delegate().setSavepoint(arg0);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void releaseSavepoint(Savepoint arg0) throws SQLException {
        try {
            delegate().releaseSavepoint(arg0);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Clob createClob() throws SQLException {
        try {
            return delegate().createClob();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Blob createBlob() throws SQLException {
        try {
            return delegate().createBlob();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public NClob createNClob() throws SQLException {
        try {
            return delegate().createNClob();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        try {
            return delegate().createSQLXML();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setClientInfo(String arg0, String arg1) throws SQLClientInfoException {
        if (returned()) {
            throw new SQLClientInfoException("this connection was closed (given back to the pool)", "08003", 0,
                    Map.of());
        }
        try {
            slot.object.connection.setClientInfo(arg0, arg1);
        } catch (SQLClientInfoException e) {
            throw failed(e);
        }
    }

    @Override
    public void setClientInfo(Properties arg0) throws SQLClientInfoException {
        if (returned()) {
            throw new SQLClientInfoException("this connection was closed (given back to the pool)", "08003", 0,
                    Map.of());
        }
        try {
            slot.object.connection.setClientInfo(arg0);
        } catch (SQLClientInfoException e) {
            throw failed(e);
        }
    }

    @Override
    public String getClientInfo(String arg0) throws SQLException {
        try {
            return delegate().getClientInfo(arg0);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        try {
            return delegate().getClientInfo();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Array createArrayOf(String arg0, Object[] arg1) throws SQLException {
        try {
            return delegate().createArrayOf(arg0, arg1);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Struct createStruct(String arg0, Object[] arg1) throws SQLException {
        try {
            return delegate().createStruct(arg0, arg1);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String getSchema() throws SQLException {
        try {
            return delegate().getSchema();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        try {
            return delegate().getNetworkTimeout();
        } catch (SQLException e) {
            throw failed(e);
        }
    }
}
