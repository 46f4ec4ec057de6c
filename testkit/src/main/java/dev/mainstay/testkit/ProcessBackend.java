package dev.mainstay.testkit;

import org.junit.jupiter.api.Assumptions;

/** What every backend does with the server process behind it: tell where it came from, stop and start it. */
abstract class ProcessBackend implements Backend {

    private final ServerProcess process;

    ProcessBackend(ServerProcess process) {
        this.process = process;
    }

    @Override
    public String origin() {
        return process.origin();
    }

    @Override
    public boolean supportsRestart() {
        return process.controllable();
    }

    @Override
    public void stop() {
        requireControl();
        process.stop();
    }

    @Override
    public void start() {
        requireControl();
        process.start();
    }

    private void requireControl() {
        Assumptions.assumeTrue(process.controllable(), () -> "cannot stop or start " + origin()
                + ": only a server this JVM started can be restarted");
    }

    @Override
    public String toString() {
        return origin();
    }
}
