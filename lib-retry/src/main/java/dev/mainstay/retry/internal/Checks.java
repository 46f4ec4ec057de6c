package dev.mainstay.retry.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The checks that builders make when a value is set and config records make again in their compact constructors,
 * each naming the setting and the bad value.
 */
public final class Checks {

    private Checks() {}

    /**
     * Checks a policy's name.
     *
     * @param name the name
     * @return {@code name}
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is blank
     */
    public static String name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
        }
        return name;
    }

    /**
     * Checks {@code value >= min}.
     *
     * @param setting the setting's name, for the message
     * @param value the value
     * @param min the least allowed
     * @return {@code value}
     */
    public static int atLeast(String setting, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(setting + " must be >= " + min + " but was " + value);
        }
        return value;
    }

    /**
     * Checks {@code min <= value <= max}.
     *
     * @param setting the setting's name, for the message
     * @param value the value
     * @param min the least allowed
     * @param max the most allowed
     * @return {@code value}
     */
    public static int inRange(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(setting + " must be in [" + min + ", " + max + "] but was " + value);
        }
        return value;
    }

    /**
     * Checks a percentage in (0, 100].
     *
     * @param setting the setting's name, for the message
     * @param percent the value
     * @return {@code percent}
     */
    public static float percentage(String setting, float percent) {
        if (!(percent > 0f && percent <= 100f)) {
            throw new IllegalArgumentException(setting + " must be in (0, 100] but was " + percent);
        }
        return percent;
    }

    /**
     * A predicate accepting instances of any of {@code types} (and their subtypes).
     *
     * @param setting the setting's name, for the message
     * @param types at least one type, none null
     * @return the predicate
     */
    public static Predicate<Throwable> anyOf(String setting, Class<? extends Throwable>[] types) {
        Objects.requireNonNull(types, setting);
        if (types.length == 0) {
            throw new IllegalArgumentException(setting + " must name at least one type but was empty");
        }
        for (Class<? extends Throwable> type : types) {
            Objects.requireNonNull(type, setting);
        }
        List<Class<? extends Throwable>> list = List.of(types);
        return t -> {
            for (Class<? extends Throwable> type : list) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        };
    }
}
