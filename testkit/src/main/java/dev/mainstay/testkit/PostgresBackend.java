package dev.mainstay.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A running PostgreSQL for tests. Get one as a test parameter under {@code @ExtendWith(RealBackends.class)},
 * or from {@link RealBackends#postgres()}.
 *
 * <pre>{@code
 * @Test
 * void poolSurvivesTerminatedBackends(PostgresBackend pg) throws SQLException {
 *     DataSource unpooled = pg.dataSource();
 *     ...
 *     int killed = pg.killConnections();   // pg_terminate_backend of every other session
 * }
 * }</pre>
 */
public final class PostgresBackend extends SqlBackend {

    PostgresBackend(String jdbcUrl, String user, String password, ServerProcess process) {
        super(jdbcUrl, user, password, new org.postgresql.Driver(), process);
    }

    @Override
    public String kind() {
        return "PostgreSQL";
    }

    @Override
    public int killConnections() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet killed = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
            killed.next();
            return killed.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate connections on " + origin(), e);
        }
    }
}
