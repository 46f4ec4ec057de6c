package dev.mainstay.testkit;

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
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--port", Integer.toString(port), "--bind", HOST, "--dir", dir.toString(),
                "--save", "", "--appendonly", "no", "--daemonize", "no"));
        command.addAll(options);
        process = Processes.spawn(command, log);
        WorkDirs.recordServerPid(dir, process.pid());
        Processes.await(this::answers, 20_000, "redis-server on port " + port, log);
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
