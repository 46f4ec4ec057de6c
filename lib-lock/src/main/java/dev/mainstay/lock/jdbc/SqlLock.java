package dev.mainstay.lock.jdbc;

import dev.mainstay.lock.LockConfig;
import dev.mainstay.lock.internal.LockService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The JDBC lock: the shared {@link LockService} over a {@link JdbcBackend}, plus the table's upkeep. */
final class SqlLock extends LockService implements JdbcLock {

    final JdbcBackend backend;
    private final String table;
    private final long purgeGraceMicros;
    private final int purgeBatch;

    SqlLock(LockConfig config, JdbcBackend backend, String table, long purgeGraceMicros, int purgeBatch) {
        super(config, backend);
        this.backend = backend;
        this.table = table;
        this.purgeGraceMicros = purgeGraceMicros;
        this.purgeBatch = purgeBatch;
    }

    @Override
    public void createSchemaIfMissing() {
        String resource = dialect().ddlResource();
        String ddl;
        try (InputStream in = SqlLock.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : ddl.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        try (Connection connection = backend.connect(); Statement statement = connection.createStatement()) {
            for (String command : sql.toString().split(";", -1)) {
                if (!command.isBlank()) {
                    statement.execute(command.replace("mainstay_lock", table));
                }
            }
        } catch (SQLException e) {
            throw backendFailure("createSchema", table, e);
        }
    }

    @Override
    public int deleteExpired() {
        try {
            return backend.purge(purgeGraceMicros, purgeBatch);
        } catch (SQLException e) {
            throw backendFailure("deleteExpired", table, e);
        }
    }

    @Override
    public JdbcDialect dialect() {
        return backend.dialect();
    }

    @Override
    public String toString() {
        return "JdbcLock[" + config().name() + ", " + backend.kind() + " table " + table + "]";
    }
}
