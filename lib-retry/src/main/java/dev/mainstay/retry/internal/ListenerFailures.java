package dev.mainstay.retry.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a policy does when its listener throws: the first failure is logged at {@code WARNING} through
 * {@code System.getLogger("dev.mainstay.retry")}, with the listener's class and the stack trace; later failures of
 * the same listener go to {@code DEBUG}. One per policy instance; the caller has already caught the exception, so
 * nothing propagates and the outcome of the call never changes.
 */
final class ListenerFailures {

    private static final System.Logger LOG = System.getLogger("dev.mainstay.retry");
    private static final VarHandle WARNED;

    static {
        try {
            WARNED = MethodHandles.lookup().findVarHandle(ListenerFailures.class, "warned", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String owner;
    private final Object listener;
    @SuppressWarnings("unused") // accessed through WARNED
    private volatile boolean warned;

    /**
     * @param owner the policy, as a person reads it, e.g. {@code circuit breaker 'inventory'}
     * @param listener the listener whose failures this reports
     */
    ListenerFailures(String owner, Object listener) {
        this.owner = owner;
        this.listener = listener;
    }

    /**
     * Logs that the listener threw {@code thrown} from {@code method}.
     *
     * @param method the listener method, e.g. {@code onRetry}
     * @param thrown what it threw
     */
    void threw(String method, RuntimeException thrown) {
        if (!warned && WARNED.compareAndSet(this, false, true)) {
            LOG.log(System.Logger.Level.WARNING, () -> owner + ": listener " + listener.getClass().getName()
                    + " threw from " + method + "; ignored (logged once)", thrown);
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> owner + ": listener " + listener.getClass().getName()
                    + " threw from " + method + "; ignored", thrown);
        }
    }
}
