package dev.mainstay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A private MariaDB ({@code mariadb-install-db} + {@code mariadbd}) on a free loopback port in its own temp
 * directory, tuned for tests. An init file creates the {@code mainstay} database and user at every start.
 */
final class LocalMariaDb implements ServerProcess {

    static final String HOST = "127.0.0.1";
    static final String USER = "mainstay";
    static final String PASSWORD = "mainstay";
    static final String DATABASE = "mainstay";
    private static final List<Path> DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/bin"),
            Path.of("/usr/local/mysql/bin"));

    private final Path server;
    private final Path installDb;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private Process process;

    private LocalMariaDb(Path server, Path installDb) {
        this.server = server;
        this.installDb = installDb;
        this.dir = WorkDirs.create("mariadb");
        this.data = dir.resolve("data");
        this.log = dir.resolve("server.log");
        this.port = Processes.freePort();
    }

    static Optional<Path> serverBinary() {
        return Processes.findExecutable(List.of("mariadbd", "mysqld"), DIRS);
    }

    static Optional<Path> installDbBinary() {
        return Processes.findExecutable(List.of("mariadb-install-db", "mysql_install_db"), DIRS);
    }

    static LocalMariaDb launch(Path server, Path installDb) {
        LocalMariaDb mariadb = new LocalMariaDb(server, installDb);
        try {
            mariadb.initialize();
            mariadb.start();
        } catch (RuntimeException e) {
            mariadb.destroy();
            throw e;
        }
        return mariadb;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:mariadb://" + HOST + ":" + port + "/" + DATABASE;
    }

    private void initialize() {
        List<String> command = new ArrayList<>(List.of(installDb.toString(), "--no-defaults",
                "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (Processes.runningAsRoot()) {
            command.add("--user=root");
        }
        Processes.run(command, dir.resolve("install-db.log"), 120);
        try {
            Files.writeString(dir.resolve("init.sql"), String.join("\n",
                    "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";",
                    "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';",
                    "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION;",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String origin() {
        return "local MariaDB " + server + " on " + HOST + ":" + port + " in " + dir;
    }

    @Override
    public boolean controllable() {
        return true;
    }

    @Override
    public void start() {
        List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults",
                "--datadir=" + data, "--port=" + port, "--bind-address=" + HOST,
                "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                "--log-error=" + log, "--skip-name-resolve", "--init-file=" + dir.resolve("init.sql"),
                "--max-connections=300", "--innodb-buffer-pool-size=64M", "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0", "--skip-log-bin"));
        if (Processes.runningAsRoot()) {
            command.add("--user=root");
        }
        process = Processes.spawn(command, dir.resolve("stdout.log"));
        WorkDirs.recordServerPid(dir, process.pid());
        Processes.await(this::answers, 60_000, "MariaDB on port " + port, log);
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("mariadbd exited with " + process.exitValue() + "\n" + Processes.tail(log));
        }
        try (Connection connection = SqlBackend.connect(new org.mariadb.jdbc.Driver(), jdbcUrl() + "?connectTimeout=1000",
                USER, PASSWORD)) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: a clean shutdown
        Processes.awaitExit(process, 60);
    }

    @Override
    public void destroy() {
        stop();
        Processes.deleteTree(dir);
    }
}
