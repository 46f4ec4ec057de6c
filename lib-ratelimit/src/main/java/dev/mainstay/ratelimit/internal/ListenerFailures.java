package dev.mainstay.ratelimit.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a limiter does when its listener throws: the first failure is logged at {@code WARNING} through
 * {@code System.getLogger("dev.mainstay.ratelimit")} with the listener's class and the stack trace, the message
 * ending "(logged once)"; later failures go to {@code DEBUG}. The caller catches the listener's
 * {@code RuntimeException} and goes on as if it had returned: the outcome never changes and nothing propagates.
 * One per limiter that has a listener.
 */
public final class ListenerFailures {

    private static final System.Logger LOG = System.getLogger("dev.mainstay.ratelimit");

    private final String owner;
    private final String listenerClass;
    private final AtomicBoolean logged = new AtomicBoolean();

    /**
     * Failures of one listener of one limiter.
     *
     * @param owner    the limiter, as messages name it: {@code "rate limiter 'api'"}
     * @param listener the listener
     */
    public ListenerFailures(String owner, Object listener) {
        this.owner = owner;
        this.listenerClass = listener.getClass().getName();
    }

    /**
     * Logs a listener's failure: once at {@code WARNING}, then at {@code DEBUG}.
     *
     * @param thrown what the listener threw
     */
    public void threw(RuntimeException thrown) {
        if (!logged.get() && logged.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, () -> owner + ": listener " + listenerClass
                    + " threw; the limiter goes on as if it had returned (logged once)", thrown);
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> owner + ": listener " + listenerClass + " threw again",
                    thrown);
        }
    }
}
