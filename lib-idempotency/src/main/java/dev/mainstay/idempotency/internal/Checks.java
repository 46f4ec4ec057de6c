package dev.mainstay.idempotency.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the executor, the stores and the HTTP filter. */
public final class Checks {

    /** The longest key or scope, in characters (Stripe's limit). */
    public static final int MAX_KEY_LENGTH = 255;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Checks() {}

    /**
     * Checks a key or scope: 1 to 255 characters, no control characters.
     *
     * @param name  the argument's name
     * @param value the value
     * @return the value
     */
    public static String key(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (value.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_KEY_LENGTH
                    + " characters but was " + value.length() + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) { // Character.isISOControl
                throw new IllegalArgumentException(name + " must not contain control characters but had "
                        + String.format("U+%04X", (int) c) + " at index " + i);
            }
        }
        return value;
    }

    /**
     * Checks a positive duration and returns it in nanoseconds, saturated.
     *
     * @param name  the setting's name
     * @param value the duration
     * @return nanoseconds, at least 1
     */
    public static long positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
        return nanos(value);
    }

    /**
     * A duration in nanoseconds, saturated at {@code Long.MAX_VALUE}.
     *
     * @param value a non-negative duration
     * @return nanoseconds
     */
    public static long nanos(Duration value) {
        try {
            return value.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * A duration in milliseconds, rounded up, saturated, at least 1.
     *
     * @param value a positive duration
     * @return milliseconds
     */
    public static long millisCeil(Duration value) {
        long nanos = nanos(value);
        return nanos == Long.MAX_VALUE ? Long.MAX_VALUE / 1_000_000 : Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    /**
     * Checks an SQL identifier (a table name from configuration).
     *
     * @param name  the setting's name
     * @param value the identifier
     * @return the value
     */
    public static String identifier(String name, String value) {
        Objects.requireNonNull(value, name);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be an SQL identifier (a letter or underscore, then up to"
                    + " 62 letters, digits or underscores) but was '" + value + "'");
        }
        return value;
    }
}
