package dev.mainstay.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A private {@code redis-server} on a loopback port, no persistence, in its own directory: a server of its own, or
 * one node of a {@link LocalRedisCluster}.
 */
final class LocalRedis implements ServerProcess {

    static final String HOST = "127.0.0.1";

    private final Path executable;
    private final Path dir;
    private final Path log;
    private final int port;
    private final List<String> options;
    private Process process;

    /** A server not started yet, in {@code dir} (which exists), with {@code options} after the kit's own. */
    LocalRedis(Path executable, Path dir, int port, List<String> options) {
        this.executable = executable;
        this.dir = dir;
        this.log = dir.resolve("server.log");
        this.port = port;
        this.options = List.copyOf(options);
    }

    static Optional<Path> binary() {
        return Processes.findExecutable(List.of("redis-server"),
                List.of(Path.of("/usr/bin"), Path.of("/usr/sbin"), Path.of("/usr/local/bin")));
    }

    /** Starts one; the caller checked {@link #binary()}. */
    static LocalRedis launch(Path executable) {
        LocalRedis redis = new LocalRedis(executable, WorkDirs.create("redis"), Processes.freePort(),
                List.of("--protected-mode", "no"));
        try {
            redis.start();
        } catch (RuntimeException e) {
            redis.destroy();
            throw e;
        }
        return redis;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    @Override
    public String origin() {
        return "local " + executable + " on " + HOST + ":" + port + " in " + dir;
    }

    @Override
    public boolean controllable() {
        return true;
    }

    @Override
    public void start() {
        List<String> command = new ArrayList<>(List.of(launcher().toString(),
                "--port", Integer.toString(port), "--bind", HOST, "--dir", dir.toString(),
                "--save", "", "--appendonly", "no", "--daemonize", "no"));
        command.addAll(options);
        process = Processes.spawn(command, log);
        WorkDirs.recordServerPid(dir, process.pid());
        Processes.await(this::answers, 20_000, "redis-server on port " + port, log);
    }

    /**
     * The executable, through a link in the work directory when one can be made. Redis replaces its command line
     * with "{@code <argv[0]> <address>}", which drops {@code --dir}; through the link the process still names its
     * work directory, so {@code pgrep -f mainstay-testkit-} (CI's check for servers left behind) finds it.
     */
    private Path launcher() {
        Path link = dir.resolve("redis-server");
        try {
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, executable);
            }
            return link;
        } catch (IOException | UnsupportedOperationException e) {
            return executable;
        }
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server exited with " + process.exitValue() + "\n" + Processes.tail(log));
        }
        try {
            return "PONG".equals(Resp.call(HOST, port, null, 1000, "PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Resp.call(HOST, port, null, 2000, "SHUTDOWN", "NOSAVE");
        } catch (RuntimeException expected) {
            // the server closes the connection instead of replying
        }
        Processes.awaitExit(process, 10);
    }

    @Override
    public void destroy() {
        stop();
        Processes.deleteTree(dir);
    }
}
