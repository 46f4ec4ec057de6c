package dev.mainstay.testkit;

/**
 * A real server a test talks to, with the faults a reliability test needs.
 *
 * <p>Instances are shared by every test of one JVM; a test that stops or restarts a server must leave it running.
 */
public interface Backend {

    /** What kind of server this is, e.g. {@code "Redis"}. */
    String kind();

    /** Where the server came from, e.g. {@code "local redis-server on 127.0.0.1:41234 in /tmp/mainstay-testkit-..."}. */
    String origin();

    /** Whether this JVM controls the server's process, so that {@link #stop()}, {@link #start()} and {@link #restart()} work. */
    boolean supportsRestart();

    /**
     * Stops the server (a clean shutdown); clients see their connections refused until {@link #start()}.
     * Aborts the calling test if {@link #supportsRestart()} is false.
     */
    void stop();

    /** Starts a stopped server again on the same port with the same data, and waits until it answers. */
    void start();

    /** {@link #stop()} then {@link #start()}. */
    default void restart() {
        stop();
        start();
    }
}
