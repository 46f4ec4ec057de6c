package dev.mainstay.retry.internal;

/**
 * A circuit breaker's sliding window of call outcomes. Records outcomes without locks or allocation and tells
 * whether a failed or slow outcome brought a rate to its threshold.
 */
public abstract class Window {

    /** Outcome codes; 0 is an empty count-window slot. */
    public static final int SUCCESS = 1;
    public static final int FAILURE = 2;
    public static final int SLOW_SUCCESS = 3;
    public static final int SLOW_FAILURE = 4;

    final int minimumCalls;
    final double failureRate;
    final double slowCallRate;

    Window(int minimumCalls, float failureRate, float slowCallRate) {
        this.minimumCalls = minimumCalls;
        this.failureRate = failureRate;
        this.slowCallRate = slowCallRate;
    }

    static boolean isFailure(int outcome) {
        return outcome == FAILURE || outcome == SLOW_FAILURE;
    }

    static boolean isSlow(int outcome) {
        return outcome >= SLOW_SUCCESS;
    }

    /**
     * Records an outcome at {@code now} (read by time-based windows only).
     *
     * @return whether the outcome was failed or slow and brought a rate to its threshold with at least the
     *         minimum number of calls in the window
     */
    public abstract boolean record(int outcome, long now);

    /** The window's counts at {@code now}: {calls, failures, slow calls}. */
    public abstract long[] counts(long now);

    /** Whether {@link #record} needs {@code now}. */
    public abstract boolean needsClock();

    final boolean exceeded(long calls, long failures, long slow) {
        return calls >= minimumCalls
                && (failures * 100.0 >= failureRate * calls || slow * 100.0 >= slowCallRate * calls);
    }

    /** Whether counts are enough to judge, and the rates (-1 when not). */
    final float rate(long part, long calls) {
        return calls < minimumCalls || calls == 0 ? -1f : (float) (part * 100.0 / calls);
    }
}
