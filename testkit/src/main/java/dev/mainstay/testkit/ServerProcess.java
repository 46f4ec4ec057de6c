package dev.mainstay.testkit;

/** How the kit controls one server: a process it started, a container, or somebody else's server. */
interface ServerProcess {

    /** Where the server came from, in words. */
    String origin();

    /** Whether {@link #stop()} and {@link #start()} work. */
    boolean controllable();

    /** Starts the server and returns once it accepts connections. */
    void start();

    /** Stops the server and returns once it has exited. */
    void stop();

    /** Stops the server for good and deletes what it left on disk (JVM shutdown). */
    void destroy();

    /** A server the kit did not start and cannot control. */
    static ServerProcess external(String origin) {
        return new ServerProcess() {
            @Override
            public String origin() {
                return origin;
            }

            @Override
            public boolean controllable() {
                return false;
            }

            @Override
            public void start() {
                throw new UnsupportedOperationException("cannot start " + origin);
            }

            @Override
            public void stop() {
                throw new UnsupportedOperationException("cannot stop " + origin);
            }

            @Override
            public void destroy() {}
        };
    }
}
