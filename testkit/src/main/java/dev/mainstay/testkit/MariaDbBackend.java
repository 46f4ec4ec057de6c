package dev.mainstay.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A running MariaDB for tests. Get one as a test parameter under {@code @ExtendWith(RealBackends.class)},
 * or from {@link RealBackends#mariadb()}.
 */
public final class MariaDbBackend extends SqlBackend {

    MariaDbBackend(String jdbcUrl, String user, String password, ServerProcess process) {
        super(jdbcUrl, user, password, new org.mariadb.jdbc.Driver(), process);
    }

    @Override
    public String kind() {
        return "MariaDB";
    }

    @Override
    public int killConnections() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST"
                    + " WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Daemon', 'Binlog Dump')"
                    + " AND USER NOT IN ('system user', 'event_scheduler')")) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            int killed = 0;
            for (long id : ids) {
                try {
                    statement.execute("KILL CONNECTION " + id);
                    killed++;
                } catch (SQLException goneMeanwhile) {
                    // the connection closed between the listing and the kill
                }
            }
            return killed;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot kill connections on " + origin(), e);
        }
    }
}
