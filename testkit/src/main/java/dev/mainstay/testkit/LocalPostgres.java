package dev.mainstay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster ({@code initdb} + {@code pg_ctl}) on a free loopback port in its own temp directory,
 * tuned for tests (no fsync). PostgreSQL refuses to run as root, so when the tests run as root the server runs as
 * the {@code postgres} system user (created by the Debian package) through {@code runuser}.
 */
final class LocalPostgres implements ServerProcess {

    static final String HOST = "127.0.0.1";
    static final String USER = "mainstay";
    static final String DATABASE = "mainstay";
    private static final String SERVICE_USER = "postgres";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;

    private LocalPostgres(Path bin) {
        this.bin = bin;
        this.dir = WorkDirs.create("postgres");
        this.data = dir.resolve("data");
        this.log = dir.resolve("server.log");
        this.port = Processes.freePort();
    }

    /** The directory holding {@code initdb} and {@code pg_ctl}: the newest under /usr/lib/postgresql, else the PATH. */
    static Optional<Path> binDir() {
        for (Path version : Processes.versionDirs(Path.of("/usr/lib/postgresql"))) {
            Path bin = version.resolve("bin");
            if (Files.isExecutable(bin.resolve("pg_ctl")) && Files.isExecutable(bin.resolve("initdb"))) {
                return Optional.of(bin);
            }
        }
        return Processes.findExecutable(List.of("pg_ctl"), List.of(Path.of("/usr/local/pgsql/bin")))
                .map(Path::getParent)
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")));
    }

    static LocalPostgres launch(Path bin) {
        LocalPostgres postgres = new LocalPostgres(bin);
        try {
            postgres.initialize();
            postgres.start();
            postgres.createDatabase();
        } catch (RuntimeException e) {
            postgres.destroy();
            throw e;
        }
        return postgres;
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    private void initialize() {
        if (Processes.runningAsRoot()) {
            chownTree(dir, SERVICE_USER);
        }
        Processes.run(command(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"), dir.resolve("initdb.log"), 120);
    }

    private void createDatabase() {
        try (Connection connection = SqlBackend.connect(new org.postgresql.Driver(), jdbcUrl("postgres"), USER, null);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + " on " + origin(), e);
        }
    }

    @Override
    public String origin() {
        return "local PostgreSQL " + bin + " on " + HOST + ":" + port + " in " + dir;
    }

    @Override
    public boolean controllable() {
        return true;
    }

    @Override
    public void start() {
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=" + HOST
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        Processes.run(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(),
                "-w", "-t", "60", "-o", options, "start"), dir.resolve("pg_ctl.log"), 90);
    }

    @Override
    public void stop() {
        Processes.run(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60",
                "stop"), dir.resolve("pg_ctl.log"), 90);
    }

    @Override
    public void destroy() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                Processes.run(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                        "-w", "-t", "30", "stop"), dir.resolve("pg_ctl.log"), 45);
            } catch (RuntimeException e) {
                // already stopped, or the reaper of the next run gets it
            }
        }
        Processes.deleteTree(dir);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        if (Processes.runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static void chownTree(Path root, String user) {
        try (Stream<Path> paths = Files.walk(root)) {
            UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(user);
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setOwner(path, owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL refuses to run as root and the '" + user
                    + "' system user is not usable; install PostgreSQL from the Debian packages or run tests as a normal user", e);
        }
    }
}
