package dev.mainstay.pool.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/** The {@link CallableStatement} a borrower sees; see {@link StatementProxy}. */
@SuppressWarnings("deprecation")
final class CallableStatementProxy extends PreparedStatementProxy implements CallableStatement {

    private final CallableStatement callable;

    CallableStatementProxy(ConnectionProxy connection, CallableStatement callable) {
        super(connection, callable);
        this.callable = callable;
    }

    @Override
    public Array getArray(String arg0) throws SQLException {
        check();
        try {
            return callable.getArray(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Array getArray(int arg0) throws SQLException {
        check();
        try {
            return callable.getArray(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public BigDecimal getBigDecimal(String arg0) throws SQLException {
        check();
        try {
            return callable.getBigDecimal(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Deprecated
    @Override
    public BigDecimal getBigDecimal(int arg0, int arg1) throws SQLException {
        check();
        try {
            return callable.getBigDecimal(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public BigDecimal getBigDecimal(int arg0) throws SQLException {
        check();
        try {
            return callable.getBigDecimal(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Blob getBlob(String arg0) throws SQLException {
        check();
        try {
            return callable.getBlob(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Blob getBlob(int arg0) throws SQLException {
        check();
        try {
            return callable.getBlob(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean getBoolean(String arg0) throws SQLException {
        check();
        try {
            return callable.getBoolean(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean getBoolean(int arg0) throws SQLException {
        check();
        try {
            return callable.getBoolean(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public byte getByte(String arg0) throws SQLException {
        check();
        try {
            return callable.getByte(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public byte getByte(int arg0) throws SQLException {
        check();
        try {
            return callable.getByte(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public byte[] getBytes(String arg0) throws SQLException {
        check();
        try {
            return callable.getBytes(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public byte[] getBytes(int arg0) throws SQLException {
        check();
        try {
            return callable.getBytes(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Reader getCharacterStream(String arg0) throws SQLException {
        check();
        try {
            return callable.getCharacterStream(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Reader getCharacterStream(int arg0) throws SQLException {
        check();
        try {
            return callable.getCharacterStream(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Clob getClob(String arg0) throws SQLException {
        check();
        try {
            return callable.getClob(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Clob getClob(int arg0) throws SQLException {
        check();
        try {
            return callable.getClob(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Date getDate(String arg0, Calendar arg1) throws SQLException {
        check();
        try {
            return callable.getDate(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Date getDate(String arg0) throws SQLException {
        check();
        try {
            return callable.getDate(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Date getDate(int arg0, Calendar arg1) throws SQLException {
        check();
        try {
            return callable.getDate(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Date getDate(int arg0) throws SQLException {
        check();
        try {
            return callable.getDate(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public double getDouble(String arg0) throws SQLException {
        check();
        try {
            return callable.getDouble(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public double getDouble(int arg0) throws SQLException {
        check();
        try {
            return callable.getDouble(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public float getFloat(String arg0) throws SQLException {
        check();
        try {
            return callable.getFloat(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public float getFloat(int arg0) throws SQLException {
        check();
        try {
            return callable.getFloat(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getInt(String arg0) throws SQLException {
        check();
        try {
            return callable.getInt(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public int getInt(int arg0) throws SQLException {
        check();
        try {
            return callable.getInt(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public long getLong(String arg0) throws SQLException {
        check();
        try {
            return callable.getLong(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public long getLong(int arg0) throws SQLException {
        check();
        try {
            return callable.getLong(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Reader getNCharacterStream(String arg0) throws SQLException {
        check();
        try {
            return callable.getNCharacterStream(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Reader getNCharacterStream(int arg0) throws SQLException {
        check();
        try {
            return callable.getNCharacterStream(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public NClob getNClob(String arg0) throws SQLException {
        check();
        try {
            return callable.getNClob(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public NClob getNClob(int arg0) throws SQLException {
        check();
        try {
            return callable.getNClob(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public String getNString(String arg0) throws SQLException {
        check();
        try {
            return callable.getNString(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public String getNString(int arg0) throws SQLException {
        check();
        try {
            return callable.getNString(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public <T> T getObject(String arg0, Class<T> arg1) throws SQLException {
        check();
        try {
            return callable.getObject(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Object getObject(String arg0, Map<String, Class<?>> arg1) throws SQLException {
        check();
        try {
            return callable.getObject(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Object getObject(String arg0) throws SQLException {
        check();
        try {
            return callable.getObject(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public <T> T getObject(int arg0, Class<T> arg1) throws SQLException {
        check();
        try {
            return callable.getObject(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Object getObject(int arg0, Map<String, Class<?>> arg1) throws SQLException {
        check();
        try {
            return callable.getObject(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Object getObject(int arg0) throws SQLException {
        check();
        try {
            return callable.getObject(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Ref getRef(String arg0) throws SQLException {
        check();
        try {
            return callable.getRef(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Ref getRef(int arg0) throws SQLException {
        check();
        try {
            return callable.getRef(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public RowId getRowId(String arg0) throws SQLException {
        check();
        try {
            return callable.getRowId(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public RowId getRowId(int arg0) throws SQLException {
        check();
        try {
            return callable.getRowId(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public SQLXML getSQLXML(String arg0) throws SQLException {
        check();
        try {
            return callable.getSQLXML(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public SQLXML getSQLXML(int arg0) throws SQLException {
        check();
        try {
            return callable.getSQLXML(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public short getShort(String arg0) throws SQLException {
        check();
        try {
            return callable.getShort(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public short getShort(int arg0) throws SQLException {
        check();
        try {
            return callable.getShort(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public String getString(String arg0) throws SQLException {
        check();
        try {
            return callable.getString(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public String getString(int arg0) throws SQLException {
        check();
        try {
            return callable.getString(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Time getTime(String arg0, Calendar arg1) throws SQLException {
        check();
        try {
            return callable.getTime(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Time getTime(String arg0) throws SQLException {
        check();
        try {
            return callable.getTime(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Time getTime(int arg0, Calendar arg1) throws SQLException {
        check();
        try {
            return callable.getTime(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Time getTime(int arg0) throws SQLException {
        check();
        try {
            return callable.getTime(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Timestamp getTimestamp(String arg0, Calendar arg1) throws SQLException {
        check();
        try {
            return callable.getTimestamp(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Timestamp getTimestamp(String arg0) throws SQLException {
        check();
        try {
            return callable.getTimestamp(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Timestamp getTimestamp(int arg0, Calendar arg1) throws SQLException {
        check();
        try {
            return callable.getTimestamp(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public Timestamp getTimestamp(int arg0) throws SQLException {
        check();
        try {
            return callable.getTimestamp(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public URL getURL(String arg0) throws SQLException {
        check();
        try {
            return callable.getURL(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public URL getURL(int arg0) throws SQLException {
        check();
        try {
            return callable.getURL(arg0);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(String arg0, int arg1, String arg2) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(String arg0, int arg1, int arg2) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(String arg0, int arg1) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(String arg0, SQLType arg1, String arg2) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(String arg0, SQLType arg1, int arg2) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(String arg0, SQLType arg1) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(int arg0, int arg1, String arg2) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(int arg0, int arg1, int arg2) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(int arg0, int arg1) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(int arg0, SQLType arg1, String arg2) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(int arg0, SQLType arg1, int arg2) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void registerOutParameter(int arg0, SQLType arg1) throws SQLException {
        check();
        try {
            callable.registerOutParameter(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setAsciiStream(String arg0, InputStream arg1, int arg2) throws SQLException {
        check();
        try {
            callable.setAsciiStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setAsciiStream(String arg0, InputStream arg1, long arg2) throws SQLException {
        check();
        try {
            callable.setAsciiStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setAsciiStream(String arg0, InputStream arg1) throws SQLException {
        check();
        try {
            callable.setAsciiStream(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBigDecimal(String arg0, BigDecimal arg1) throws SQLException {
        check();
        try {
            callable.setBigDecimal(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBinaryStream(String arg0, InputStream arg1, int arg2) throws SQLException {
        check();
        try {
            callable.setBinaryStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBinaryStream(String arg0, InputStream arg1, long arg2) throws SQLException {
        check();
        try {
            callable.setBinaryStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBinaryStream(String arg0, InputStream arg1) throws SQLException {
        check();
        try {
            callable.setBinaryStream(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBlob(String arg0, InputStream arg1, long arg2) throws SQLException {
        check();
        try {
            callable.setBlob(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBlob(String arg0, InputStream arg1) throws SQLException {
        check();
        try {
            callable.setBlob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBlob(String arg0, Blob arg1) throws SQLException {
        check();
        try {
            callable.setBlob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBoolean(String arg0, boolean arg1) throws SQLException {
        check();
        try {
            callable.setBoolean(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setByte(String arg0, byte arg1) throws SQLException {
        check();
        try {
            callable.setByte(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setBytes(String arg0, byte[] arg1) throws SQLException {
        check();
        try {
            callable.setBytes(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setCharacterStream(String arg0, Reader arg1, int arg2) throws SQLException {
        check();
        try {
            callable.setCharacterStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setCharacterStream(String arg0, Reader arg1, long arg2) throws SQLException {
        check();
        try {
            callable.setCharacterStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setCharacterStream(String arg0, Reader arg1) throws SQLException {
        check();
        try {
            callable.setCharacterStream(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setClob(String arg0, Reader arg1, long arg2) throws SQLException {
        check();
        try {
            callable.setClob(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setClob(String arg0, Reader arg1) throws SQLException {
        check();
        try {
            callable.setClob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setClob(String arg0, Clob arg1) throws SQLException {
        check();
        try {
            callable.setClob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setDate(String arg0, Date arg1, Calendar arg2) throws SQLException {
        check();
        try {
            callable.setDate(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setDate(String arg0, Date arg1) throws SQLException {
        check();
        try {
            callable.setDate(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setDouble(String arg0, double arg1) throws SQLException {
        check();
        try {
            callable.setDouble(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setFloat(String arg0, float arg1) throws SQLException {
        check();
        try {
            callable.setFloat(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setInt(String arg0, int arg1) throws SQLException {
        check();
        try {
            callable.setInt(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setLong(String arg0, long arg1) throws SQLException {
        check();
        try {
            callable.setLong(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNCharacterStream(String arg0, Reader arg1, long arg2) throws SQLException {
        check();
        try {
            callable.setNCharacterStream(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNCharacterStream(String arg0, Reader arg1) throws SQLException {
        check();
        try {
            callable.setNCharacterStream(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNClob(String arg0, Reader arg1, long arg2) throws SQLException {
        check();
        try {
            callable.setNClob(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNClob(String arg0, Reader arg1) throws SQLException {
        check();
        try {
            callable.setNClob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNClob(String arg0, NClob arg1) throws SQLException {
        check();
        try {
            callable.setNClob(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNString(String arg0, String arg1) throws SQLException {
        check();
        try {
            callable.setNString(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNull(String arg0, int arg1, String arg2) throws SQLException {
        check();
        try {
            callable.setNull(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setNull(String arg0, int arg1) throws SQLException {
        check();
        try {
            callable.setNull(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setObject(String arg0, Object arg1, int arg2, int arg3) throws SQLException {
        check();
        try {
            callable.setObject(arg0, arg1, arg2, arg3);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setObject(String arg0, Object arg1, int arg2) throws SQLException {
        check();
        try {
            callable.setObject(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setObject(String arg0, Object arg1, SQLType arg2, int arg3) throws SQLException {
        check();
        try {
            callable.setObject(arg0, arg1, arg2, arg3);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setObject(String arg0, Object arg1, SQLType arg2) throws SQLException {
        check();
        try {
            callable.setObject(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setObject(String arg0, Object arg1) throws SQLException {
        check();
        try {
            callable.setObject(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setRowId(String arg0, RowId arg1) throws SQLException {
        check();
        try {
            callable.setRowId(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setSQLXML(String arg0, SQLXML arg1) throws SQLException {
        check();
        try {
            callable.setSQLXML(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setShort(String arg0, short arg1) throws SQLException {
        check();
        try {
            callable.setShort(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setString(String arg0, String arg1) throws SQLException {
        check();
        try {
            callable.setString(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setTime(String arg0, Time arg1, Calendar arg2) throws SQLException {
        check();
        try {
            callable.setTime(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setTime(String arg0, Time arg1) throws SQLException {
        check();
        try {
            callable.setTime(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setTimestamp(String arg0, Timestamp arg1, Calendar arg2) throws SQLException {
        check();
        try {
            callable.setTimestamp(arg0, arg1, arg2);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setTimestamp(String arg0, Timestamp arg1) throws SQLException {
        check();
        try {
            callable.setTimestamp(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public void setURL(String arg0, URL arg1) throws SQLException {
        check();
        try {
            callable.setURL(arg0, arg1);
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }

    @Override
    public boolean wasNull() throws SQLException {
        check();
        try {
            return callable.wasNull();
        } catch (SQLException e) {
            throw connection.failed(e);
        }
    }
}
