package dev.mainstay.ratelimit.internal;

import java.math.BigInteger;
import java.time.Duration;

/** Exact integer helpers shared by the limiters. */
public final class Arith {

    private Arith() {}

    /**
     * Greatest common divisor of two positive numbers.
     *
     * @param a a positive number
     * @param b a positive number
     * @return their greatest common divisor
     */
    public static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * Converts a duration to nanoseconds, saturating at {@code Long.MIN_VALUE}/{@code Long.MAX_VALUE}.
     *
     * @param duration the duration
     * @return its nanoseconds, saturated
     */
    public static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * {@code ceil(a / b)} for {@code a >= 0, b > 0}.
     *
     * @param a the dividend, non-negative
     * @param b the divisor, positive
     * @return the quotient rounded up
     */
    public static long ceilDiv(long a, long b) {
        long q = a / b;
        return q * b == a ? q : q + 1;
    }

    /**
     * {@code floor(a * b / c)} for non-negative {@code a, b} and positive {@code c}, exact even when
     * {@code a * b} does not fit in a long (the result must).
     *
     * @param a a non-negative factor
     * @param b a non-negative factor
     * @param c a positive divisor
     * @return the exact quotient, rounded down
     */
    public static long mulDivFloor(long a, long b, long c) {
        long lo = a * b;
        if (Math.multiplyHigh(a, b) == 0 && lo >= 0) {
            return lo / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }

    /**
     * {@code ceil(a * b / c)} for non-negative {@code a, b} and positive {@code c}, exact even when
     * {@code a * b} does not fit in a long (the result must).
     *
     * @param a a non-negative factor
     * @param b a non-negative factor
     * @param c a positive divisor
     * @return the exact quotient, rounded up
     */
    public static long mulDivCeil(long a, long b, long c) {
        long lo = a * b;
        if (Math.multiplyHigh(a, b) == 0 && lo >= 0) {
            return ceilDiv(lo, c);
        }
        BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
        return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    }
}
