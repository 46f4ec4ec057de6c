package dev.mainstay.hashring.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * XXH64 (xxHash, 64-bit variant), byte-for-byte the reference algorithm, checked against the reference sanity
 * vectors in the tests. Allocation-free for byte arrays and for character sequences that are all ASCII (whose
 * UTF-8 bytes are their chars); other character sequences are encoded to UTF-8 once.
 */
public final class XxHash64 {

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private XxHash64() {}

    /** XXH64 of {@code length} bytes of {@code bytes} from {@code offset}, with {@code seed}. */
    public static long hash(byte[] bytes, int offset, int length, long seed) {
        int p = offset;
        int end = offset + length;
        long h;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = end - 32;
            do {
                v1 = round(v1, (long) LONGS.get(bytes, p));
                v2 = round(v2, (long) LONGS.get(bytes, p + 8));
                v3 = round(v3, (long) LONGS.get(bytes, p + 16));
                v4 = round(v4, (long) LONGS.get(bytes, p + 24));
                p += 32;
            } while (p <= limit);
            h = converge(v1, v2, v3, v4);
        } else {
            h = seed + P5;
        }
        h += length;
        for (; p + 8 <= end; p += 8) {
            h = mix8(h, (long) LONGS.get(bytes, p));
        }
        if (p + 4 <= end) {
            h = mix4(h, (int) INTS.get(bytes, p));
            p += 4;
        }
        for (; p < end; p++) {
            h = mix1(h, bytes[p]);
        }
        return avalanche(h);
    }

    /** XXH64 of the UTF-8 encoding of {@code chars}, with {@code seed}. */
    public static long hash(CharSequence chars, long seed) {
        int length = chars.length();
        for (int i = 0; i < length; i++) {
            if (chars.charAt(i) >= 0x80) {
                byte[] utf8 = chars.toString().getBytes(StandardCharsets.UTF_8);
                return hash(utf8, 0, utf8.length, seed);
            }
        }
        return hashAscii(chars, length, seed);
    }

    /** The same steps as {@link #hash(byte[], int, int, long)}, reading ASCII chars as the bytes. */
    private static long hashAscii(CharSequence chars, int length, long seed) {
        int p = 0;
        long h;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = length - 32;
            do {
                v1 = round(v1, asciiLong(chars, p));
                v2 = round(v2, asciiLong(chars, p + 8));
                v3 = round(v3, asciiLong(chars, p + 16));
                v4 = round(v4, asciiLong(chars, p + 24));
                p += 32;
            } while (p <= limit);
            h = converge(v1, v2, v3, v4);
        } else {
            h = seed + P5;
        }
        h += length;
        for (; p + 8 <= length; p += 8) {
            h = mix8(h, asciiLong(chars, p));
        }
        if (p + 4 <= length) {
            h = mix4(h, asciiInt(chars, p));
            p += 4;
        }
        for (; p < length; p++) {
            h = mix1(h, (byte) chars.charAt(p));
        }
        return avalanche(h);
    }

    private static long asciiLong(CharSequence chars, int p) {
        return (asciiInt(chars, p) & 0xFFFFFFFFL) | ((long) asciiInt(chars, p + 4) << 32);
    }

    private static int asciiInt(CharSequence chars, int p) {
        return chars.charAt(p) | chars.charAt(p + 1) << 8 | chars.charAt(p + 2) << 16 | chars.charAt(p + 3) << 24;
    }

    private static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long converge(long v1, long v2, long v3, long v4) {
        long h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
        h = merge(h, v1);
        h = merge(h, v2);
        h = merge(h, v3);
        return merge(h, v4);
    }

    private static long merge(long acc, long v) {
        return (acc ^ round(0, v)) * P1 + P4;
    }

    private static long mix8(long h, long lane) {
        return Long.rotateLeft(h ^ round(0, lane), 27) * P1 + P4;
    }

    private static long mix4(long h, int lane) {
        return Long.rotateLeft(h ^ (lane & 0xFFFFFFFFL) * P1, 23) * P2 + P3;
    }

    private static long mix1(long h, byte b) {
        return Long.rotateLeft(h ^ (b & 0xFFL) * P5, 11) * P1;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        return h ^ h >>> 32;
    }
}
