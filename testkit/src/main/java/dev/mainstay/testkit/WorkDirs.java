package dev.mainstay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Unique working directories for servers started by this JVM, and the reaper for those of dead JVMs.
 *
 * <p>Each directory holds {@code owner.pid} (the JVM that made it) and, once a server runs, {@code server.pid}
 * (PostgreSQL: {@code data/postmaster.pid}); a directory holding several servers (a Redis Cluster) has one
 * subdirectory per server, each with its {@code server.pid}.
 * A JVM killed with SIGKILL cannot run its shutdown hook; the next test JVM finds its directories, stops the
 * servers recorded there and deletes them.
 */
final class WorkDirs {

    static final String PREFIX = "mainstay-testkit-";

    private WorkDirs() {}

    static Path create(String kind) {
        try {
            Path dir = Files.createTempDirectory(PREFIX + kind + "-" + ProcessHandle.current().pid() + "-");
            // readable by a service user (PostgreSQL runs as 'postgres' when the tests run as root)
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for " + kind, e);
        }
    }

    static void recordServerPid(Path dir, long pid) {
        try {
            Files.writeString(dir.resolve("server.pid"), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops servers left behind by test JVMs that died without cleaning up, and deletes their directories. */
    static void reapOrphans() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                Optional<Long> owner = readPid(dir.resolve("owner.pid"));
                if (owner.isEmpty() || ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                for (Path pidFile : pidFiles(dir)) {
                    readPid(pidFile).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
                }
                Processes.deleteTree(dir);
            }
        } catch (IOException | UncheckedIOException e) {
            // nothing to reap, or not ours to reap
        }
    }

    private static List<Path> pidFiles(Path dir) {
        List<Path> files = new ArrayList<>(List.of(dir.resolve("server.pid"), dir.resolve("data/postmaster.pid")));
        try (DirectoryStream<Path> servers = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path server : servers) {
                files.add(server.resolve("server.pid"));
            }
        } catch (IOException | UncheckedIOException e) {
            // the top-level files are all there is to read
        }
        return files;
    }

    private static Optional<Long> readPid(Path file) {
        try {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0).trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
