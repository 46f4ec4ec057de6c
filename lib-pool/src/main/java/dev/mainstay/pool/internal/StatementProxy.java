package dev.mainstay.pool.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The {@link Statement} a borrower sees, written out as plain delegation (no reflection, no argument arrays): it
 * refuses every call once its connection was given back (SQLState {@code 08003}), marks a transaction open when a
 * statement executes in manual-commit mode, marks the connection broken when the driver reports a fatal SQLState,
 * and is forgotten by the pool when closed (the pool closes the ones left open when the connection is returned).
 * {@link PreparedStatementProxy} and {@link CallableStatementProxy} extend it. Generated from the
 * {@code java.sql} interfaces; the methods below the hand-written part follow one pattern.
 */
class StatementProxy implements Statement {

    final ConnectionProxy connection;
    private final Statement statement;

    StatementProxy(ConnectionProxy connection, Statement statement) {
        this.connection = connection;
        this.statement = statement;
    }

    /** Refuses the call once the connection was given back. */
    final void check() throws SQLException {
        if (connection.returned()) {
            throw new SQLException("the connection of this statement was closed (given back to the pool)", "08003");
        }
    }

    /** {@link #check()}, and a statement run in manual-commit mode opens a transaction to roll back on return. */
    final void executing() throws SQLException {
        check();
        connection.executing();
    }

    @Override
    public void close() throws SQLException {
        if (!connection.returned()) {
            connection.untrack(statement); // once returned, the pool closed it and the list is the next borrower's
        }
        try {
            statement.close();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    /** The borrowed connection, not the driver's; like every other method, refused once the statement is closed. */
    @Override
    public Connection getConnection() throws SQLException {
        if (connection.returned()) {
            throw new SQLException("this connection was closed (given back to the pool)", "08003");
        }
        boolean closed;
        try {
            closed = statement.isClosed();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
        if (closed) {
            throw new SQLException("this statement is closed", "55000"); // object not in prerequisite state
        }
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        check();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        try {
            return statement.unwrap(iface);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        check();
        if (iface.isInstance(this)) {
            return true;
        }
        try {
            return statement.isWrapperFor(iface);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + statement + "]";
    }

    @Override
    public void addBatch(String arg0) throws SQLException {
        check();
        try {
            statement.addBatch(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void cancel() throws SQLException {
        check();
        try {
            statement.cancel();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void clearBatch() throws SQLException {
        check();
        try {
            statement.clearBatch();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        check();
        try {
            statement.clearWarnings();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        check();
        try {
            statement.closeOnCompletion();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public String enquoteIdentifier(String arg0, boolean arg1) throws SQLException {
        check();
        try {
            return statement.enquoteIdentifier(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public String enquoteLiteral(String arg0) throws SQLException {
        check();
        try {
            return statement.enquoteLiteral(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public String enquoteNCharLiteral(String arg0) throws SQLException {
        check();
        try {
            return statement.enquoteNCharLiteral(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean execute(String arg0, int[] arg1) throws SQLException {
        executing();
        try {
            return statement.execute(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean execute(String arg0, String[] arg1) throws SQLException {
        executing();
        try {
            return statement.execute(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean execute(String arg0, int arg1) throws SQLException {
        executing();
        try {
            return statement.execute(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean execute(String arg0) throws SQLException {
        executing();
        try {
            return statement.execute(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int[] executeBatch() throws SQLException {
        executing();
        try {
            return statement.executeBatch();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        executing();
        try {
            return statement.executeLargeBatch();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public long executeLargeUpdate(String arg0, int[] arg1) throws SQLException {
        executing();
        try {
            return statement.executeLargeUpdate(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public long executeLargeUpdate(String arg0, String[] arg1) throws SQLException {
        executing();
        try {
            return statement.executeLargeUpdate(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public long executeLargeUpdate(String arg0, int arg1) throws SQLException {
        executing();
        try {
            return statement.executeLargeUpdate(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public long executeLargeUpdate(String arg0) throws SQLException {
        executing();
        try {
            return statement.executeLargeUpdate(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public ResultSet executeQuery(String arg0) throws SQLException {
        executing();
        try {
            return statement.executeQuery(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int executeUpdate(String arg0, int[] arg1) throws SQLException {
        executing();
        try {
            return statement.executeUpdate(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int executeUpdate(String arg0, String[] arg1) throws SQLException {
        executing();
        try {
            return statement.executeUpdate(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int executeUpdate(String arg0, int arg1) throws SQLException {
        executing();
        try {
            return statement.executeUpdate(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int executeUpdate(String arg0) throws SQLException {
        executing();
        try {
            return statement.executeUpdate(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        check();
        try {
            return statement.getFetchDirection();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        check();
        try {
            return statement.getFetchSize();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        check();
        try {
            return statement.getGeneratedKeys();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        check();
        try {
            return statement.getLargeMaxRows();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        check();
        try {
            return statement.getLargeUpdateCount();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        check();
        try {
            return statement.getMaxFieldSize();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getMaxRows() throws SQLException {
        check();
        try {
            return statement.getMaxRows();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        check();
        try {
            return statement.getMoreResults();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean getMoreResults(int arg0) throws SQLException {
        check();
        try {
            return statement.getMoreResults(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        check();
        try {
            return statement.getQueryTimeout();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        check();
        try {
            return statement.getResultSet();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        check();
        try {
            return statement.getResultSetConcurrency();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        check();
        try {
            return statement.getResultSetHoldability();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getResultSetType() throws SQLException {
        check();
        try {
            return statement.getResultSetType();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getUpdateCount() throws SQLException {
        check();
        try {
            return statement.getUpdateCount();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        check();
        try {
            return statement.getWarnings();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        check();
        try {
            return statement.isCloseOnCompletion();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean isPoolable() throws SQLException {
        check();
        try {
            return statement.isPoolable();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean isSimpleIdentifier(String arg0) throws SQLException {
        check();
        try {
            return statement.isSimpleIdentifier(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setCursorName(String arg0) throws SQLException {
        check();
        try {
            statement.setCursorName(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setEscapeProcessing(boolean arg0) throws SQLException {
        check();
        try {
            statement.setEscapeProcessing(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setFetchDirection(int arg0) throws SQLException {
        check();
        try {
            statement.setFetchDirection(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setFetchSize(int arg0) throws SQLException {
        check();
        try {
            statement.setFetchSize(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setLargeMaxRows(long arg0) throws SQLException {
        check();
        try {
            statement.setLargeMaxRows(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setMaxFieldSize(int arg0) throws SQLException {
        check();
        try {
            statement.setMaxFieldSize(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setMaxRows(int arg0) throws SQLException {
        check();
        try {
            statement.setMaxRows(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setPoolable(boolean arg0) throws SQLException {
        check();
        try {
            statement.setPoolable(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setQueryTimeout(int arg0) throws SQLException {
        check();
        try {
            statement.setQueryTimeout(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }
}
