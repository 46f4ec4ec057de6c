package dev.mainstay.retry.internal;

import java.time.Duration;
import java.util.Objects;

/** Time helpers: the conversion of {@link Duration}s to saturated nanoseconds, and their checks. */
public final class Nanos {

    /** Longest wait the state machine represents, so that {@code start + wait} never overflows a comparison. */
    public static final long MAX_WAIT = Long.MAX_VALUE >>> 1;

    private Nanos() {}

    /** {@code duration} in nanoseconds, saturated to {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}. */
    public static long saturated(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Checks {@code value} is positive, naming the setting in the message. */
    public static Duration positive(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be > 0 but was " + value);
        }
        return value;
    }

    /** Checks {@code value} is not negative, naming the setting in the message. */
    public static Duration notNegative(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative()) {
            throw new IllegalArgumentException(setting + " must be >= 0 but was " + value);
        }
        return value;
    }
}
