package dev.mainstay.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Small process and file helpers for starting servers from local binaries. */
final class Processes {

    private Processes() {}

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The first executable among {@code names} on the PATH or in {@code extraDirs}. */
    static Optional<Path> findExecutable(List<String> names, List<Path> extraDirs) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.addAll(extraDirs);
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Subdirectories of {@code parent}, highest version number first (e.g. /usr/lib/postgresql/16, 15). */
    static List<Path> versionDirs(Path parent) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparingDouble((Path p) -> Double.parseDouble(p.getFileName().toString())).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A TCP port that was free on loopback a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /**
     * A loopback port {@code p} such that {@code p} and {@code p + offset} were both free a moment ago (a Redis
     * Cluster node listens on both). Both lie below the kernel's ephemeral range, so no outgoing connection is
     * given either of them while a server is down for a restart.
     */
    static int freePortPair(int offset) {
        int high = ephemeralPortsFrom() - offset;
        if (high <= 1024 + 100) {
            throw new IllegalStateException("no room for a port and its port + " + offset + " below the ephemeral range");
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(1024, high);
            if (bindable(port) && bindable(port + offset)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port p with p + " + offset + " free below " + (high + offset));
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range (32768 unless configured otherwise). */
    static int ephemeralPortsFrom() {
        try {
            // readAllLines, not readString: a /proc file claims size 0 and readString stops early
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    /** Runs a command to completion, output to {@code log}; throws with the log's tail if it fails or hangs. */
    static void run(List<String> command, Path log, long timeoutSeconds) {
        Process process = spawn(command, log);
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n" + tail(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit code " + process.exitValue() + ": " + String.join(" ", command)
                    + "\n" + tail(log));
        }
    }

    /** Starts a command in the background, output appended to {@code log}. */
    static Process spawn(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        }
    }

    /** Waits up to {@code seconds} for a process asked to stop, then kills it; keeps the interrupt flag. */
    static void awaitExit(Process process, long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Polls {@code ready} every 50 ms until it is true; throws naming {@code what} after {@code timeoutMillis}. */
    static void await(BooleanSupplier ready, long timeoutMillis, String what, Path log) {
        await(ready, timeoutMillis, what, () -> tail(log));
    }

    /** Like {@link #await(BooleanSupplier, long, String, Path)}, with {@code diagnosis} in the message instead of a log. */
    static void await(BooleanSupplier ready, long timeoutMillis, String what, Supplier<String> diagnosis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(what + " not ready after " + timeoutMillis + " ms\n" + diagnosis.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** The last lines of a log file, for error messages. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- " + log + " (last lines) ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ")";
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a later reaper run deletes what is left
        }
    }
}
