package dev.mainstay.pool.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/** The {@link PreparedStatement} a borrower sees; see {@link StatementProxy}. */
@SuppressWarnings("deprecation")
class PreparedStatementProxy extends StatementProxy implements PreparedStatement {

    private final PreparedStatement prepared;

    PreparedStatementProxy(ConnectionProxy connection, PreparedStatement prepared) {
        super(connection, prepared);
        this.prepared = prepared;
    }

    @Override
    public void addBatch() throws SQLException {
        check();
        try {
            prepared.addBatch();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void clearParameters() throws SQLException {
        check();
        try {
            prepared.clearParameters();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean execute() throws SQLException {
        executing();
        try {
            return prepared.execute();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        executing();
        try {
            return prepared.executeLargeUpdate();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        executing();
        try {
            return prepared.executeQuery();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        executing();
        try {
            return prepared.executeUpdate();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        check();
        try {
            return prepared.getMetaData();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        check();
        try {
            return prepared.getParameterMetaData();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setArray(int arg0, Array arg1) throws SQLException {
        check();
        try {
            prepared.setArray(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setAsciiStream(int arg0, InputStream arg1, int arg2) throws SQLException {
        check();
        try {
            prepared.setAsciiStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setAsciiStream(int arg0, InputStream arg1, long arg2) throws SQLException {
        check();
        try {
            prepared.setAsciiStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setAsciiStream(int arg0, InputStream arg1) throws SQLException {
        check();
        try {
            prepared.setAsciiStream(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBigDecimal(int arg0, BigDecimal arg1) throws SQLException {
        check();
        try {
            prepared.setBigDecimal(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBinaryStream(int arg0, InputStream arg1, int arg2) throws SQLException {
        check();
        try {
            prepared.setBinaryStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBinaryStream(int arg0, InputStream arg1, long arg2) throws SQLException {
        check();
        try {
            prepared.setBinaryStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBinaryStream(int arg0, InputStream arg1) throws SQLException {
        check();
        try {
            prepared.setBinaryStream(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBlob(int arg0, InputStream arg1, long arg2) throws SQLException {
        check();
        try {
            prepared.setBlob(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBlob(int arg0, InputStream arg1) throws SQLException {
        check();
        try {
            prepared.setBlob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBlob(int arg0, Blob arg1) throws SQLException {
        check();
        try {
            prepared.setBlob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBoolean(int arg0, boolean arg1) throws SQLException {
        check();
        try {
            prepared.setBoolean(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setByte(int arg0, byte arg1) throws SQLException {
        check();
        try {
            prepared.setByte(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBytes(int arg0, byte[] arg1) throws SQLException {
        check();
        try {
            prepared.setBytes(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setCharacterStream(int arg0, Reader arg1, int arg2) throws SQLException {
        check();
        try {
            prepared.setCharacterStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setCharacterStream(int arg0, Reader arg1, long arg2) throws SQLException {
        check();
        try {
            prepared.setCharacterStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setCharacterStream(int arg0, Reader arg1) throws SQLException {
        check();
        try {
            prepared.setCharacterStream(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setClob(int arg0, Reader arg1, long arg2) throws SQLException {
        check();
        try {
            prepared.setClob(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setClob(int arg0, Reader arg1) throws SQLException {
        check();
        try {
            prepared.setClob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setClob(int arg0, Clob arg1) throws SQLException {
        check();
        try {
            prepared.setClob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setDate(int arg0, Date arg1, Calendar arg2) throws SQLException {
        check();
        try {
            prepared.setDate(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setDate(int arg0, Date arg1) throws SQLException {
        check();
        try {
            prepared.setDate(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setDouble(int arg0, double arg1) throws SQLException {
        check();
        try {
            prepared.setDouble(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setFloat(int arg0, float arg1) throws SQLException {
        check();
        try {
            prepared.setFloat(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setInt(int arg0, int arg1) throws SQLException {
        check();
        try {
            prepared.setInt(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setLong(int arg0, long arg1) throws SQLException {
        check();
        try {
            prepared.setLong(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNCharacterStream(int arg0, Reader arg1, long arg2) throws SQLException {
        check();
        try {
            prepared.setNCharacterStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNCharacterStream(int arg0, Reader arg1) throws SQLException {
        check();
        try {
            prepared.setNCharacterStream(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNClob(int arg0, Reader arg1, long arg2) throws SQLException {
        check();
        try {
            prepared.setNClob(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNClob(int arg0, Reader arg1) throws SQLException {
        check();
        try {
            prepared.setNClob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNClob(int arg0, NClob arg1) throws SQLException {
        check();
        try {
            prepared.setNClob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNString(int arg0, String arg1) throws SQLException {
        check();
        try {
            prepared.setNString(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNull(int arg0, int arg1, String arg2) throws SQLException {
        check();
        try {
            prepared.setNull(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNull(int arg0, int arg1) throws SQLException {
        check();
        try {
            prepared.setNull(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setObject(int arg0, Object arg1, int arg2, int arg3) throws SQLException {
        check();
        try {
            prepared.setObject(arg0, arg1, arg2, arg3);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setObject(int arg0, Object arg1, int arg2) throws SQLException {
        check();
        try {
            prepared.setObject(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setObject(int arg0, Object arg1, SQLType arg2, int arg3) throws SQLException {
        check();
        try {
            prepared.setObject(arg0, arg1, arg2, arg3);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setObject(int arg0, Object arg1, SQLType arg2) throws SQLException {
        check();
        try {
            prepared.setObject(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setObject(int arg0, Object arg1) throws SQLException {
        check();
        try {
            prepared.setObject(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setRef(int arg0, Ref arg1) throws SQLException {
        check();
        try {
            prepared.setRef(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setRowId(int arg0, RowId arg1) throws SQLException {
        check();
        try {
            prepared.setRowId(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setSQLXML(int arg0, SQLXML arg1) throws SQLException {
        check();
        try {
            prepared.setSQLXML(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setShort(int arg0, short arg1) throws SQLException {
        check();
        try {
            prepared.setShort(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setString(int arg0, String arg1) throws SQLException {
        check();
        try {
            prepared.setString(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setTime(int arg0, Time arg1, Calendar arg2) throws SQLException {
        check();
        try {
            prepared.setTime(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setTime(int arg0, Time arg1) throws SQLException {
        check();
        try {
            prepared.setTime(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setTimestamp(int arg0, Timestamp arg1, Calendar arg2) throws SQLException {
        check();
        try {
            prepared.setTimestamp(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setTimestamp(int arg0, Timestamp arg1) throws SQLException {
        check();
        try {
            prepared.setTimestamp(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setURL(int arg0, URL arg1) throws SQLException {
        check();
        try {
            prepared.setURL(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int arg0, InputStream arg1, int arg2) throws SQLException {
        check();
        try {
            prepared.setUnicodeStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }
}
