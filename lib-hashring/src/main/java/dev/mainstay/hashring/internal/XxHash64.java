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

    /**
     * XXH64 of the UTF-8 encoding of {@code chars}, with {@code seed}. One pass reads the chars as bytes, which
     * they are in UTF-8 when all are ASCII; if any is not, the text is encoded once and hashed as bytes.
     */
    public static long hash(CharSequence chars, long seed) {
        int length = chars.length();
        int seen = 0; // every char OR-ed together: >= 0x80 means some char is not ASCII
        int p = 0;
        long h;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = length - 32;
            do {
                long l1 = 0;
                long l2 = 0;
                long l3 = 0;
                long l4 = 0;
                for (int k = 0; k < 8; k++) {
                    char c1 = chars.charAt(p + k);
                    char c2 = chars.charAt(p + 8 + k);
                    char c3 = chars.charAt(p + 16 + k);
                    char c4 = chars.charAt(p + 24 + k);
                    seen |= c1 | c2 | c3 | c4;
                    l1 |= (long) c1 << (k << 3);
                    l2 |= (long) c2 << (k << 3);
                    l3 |= (long) c3 << (k << 3);
                    l4 |= (long) c4 << (k << 3);
                }
                v1 = round(v1, l1);
                v2 = round(v2, l2);
                v3 = round(v3, l3);
                v4 = round(v4, l4);
                p += 32;
            } while (p <= limit);
            h = converge(v1, v2, v3, v4);
        } else {
            h = seed + P5;
        }
        h += length;
        for (; p + 8 <= length; p += 8) {
            long lane = 0;
            for (int k = 0; k < 8; k++) {
                char c = chars.charAt(p + k);
                seen |= c;
                lane |= (long) c << (k << 3);
            }
            h = mix8(h, lane);
        }
        if (p + 4 <= length) {
            int lane = 0;
            for (int k = 0; k < 4; k++) {
                char c = chars.charAt(p + k);
                seen |= c;
                lane |= c << (k << 3);
            }
            h = mix4(h, lane);
            p += 4;
        }
        for (; p < length; p++) {
            char c = chars.charAt(p);
            seen |= c;
            h = mix1(h, (byte) c);
        }
        if (seen >= 0x80) {
            byte[] utf8 = chars.toString().getBytes(StandardCharsets.UTF_8);
            return hash(utf8, 0, utf8.length, seed);
        }
        return avalanche(h);
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
