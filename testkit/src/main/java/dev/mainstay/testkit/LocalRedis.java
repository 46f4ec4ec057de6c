package dev.mainstay.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A private {@code redis-server} on a free loopback port, no persistence, in its own temp directory. */
final class LocalRedis implements ServerProcess {

    static final String HOST = "127.0.0.1";

    private final Path executable;
    private final Path dir;
    private final Path log;
    private final int port;
    private Process process;

    private LocalRedis(Path executable) {
        this.executable = executable;
        this.dir = WorkDirs.create("redis");
        this.log = dir.resolve("server.log");
        this.port = Processes.freePort();
    }

    static Optional<Path> binary() {
        return Processes.findExecutable(List.of("redis-server"),
                List.of(Path.of("/usr/bin"), Path.of("/usr/sbin"), Path.of("/usr/local/bin")));
    }

    /** Starts one; the caller checked {@link #binary()}. */
    static LocalRedis launch(Path executable) {
        LocalRedis redis = new LocalRedis(executable);
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
        process = Processes.spawn(List.of(executable.toString(),
                "--port", Integer.toString(port), "--bind", HOST, "--dir", dir.toString(),
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no"), log);
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
