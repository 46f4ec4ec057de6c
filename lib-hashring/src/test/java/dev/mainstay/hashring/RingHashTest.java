package dev.mainstay.hashring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RingHashTest {

    private static final long PRIME32 = 2654435761L;
    private static final long PRIME64 = 0x9E3779B185EBCA8DL; // 11400714785074694797, as the reference buffer uses

    /** The reference sanity buffer of xxHash's {@code xsum_sanity_check.c}. */
    private static byte[] sanityBuffer(int length) {
        byte[] buffer = new byte[length];
        long byteGen = PRIME32;
        for (int i = 0; i < length; i++) {
            buffer[i] = (byte) (byteGen >>> 56);
            byteGen *= PRIME64;
        }
        return buffer;
    }

    @Test
    void xxh64MatchesTheReferenceSanityVectors() {
        byte[] buffer = sanityBuffer(222);
        long[][] vectors = {
            {0, 0, 0xEF46DB3751D8E999L},
            {0, PRIME32, 0xAC75FDA2929B17EFL},
            {1, 0, 0xE934A84ADB052768L},
            {1, PRIME32, 0x5014607643A9B4C3L},
            {4, 0, 0x9136A0DCA57457EEL},
            {14, 0, 0x8282DCC4994E35C8L},
            {14, PRIME32, 0xC3BD6BF63DEB6DF0L},
            {222, 0, 0xB641AE8CB691C174L},
            {222, PRIME32, 0x20CB8AB7AE10C14AL},
        };
        for (long[] vector : vectors) {
            int length = (int) vector[0];
            assertEquals(vector[2], RingHash.xxh64(vector[1]).hash(buffer, 0, length),
                    () -> "XXH64 of " + length + " bytes, seed " + vector[1]);
        }
    }

    @Test
    void xxh64ReadsTheGivenSliceOnly() {
        byte[] buffer = sanityBuffer(222);
        byte[] padded = new byte[222 + 10];
        System.arraycopy(buffer, 0, padded, 7, 222);
        assertEquals(0xB641AE8CB691C174L, RingHash.xxh64().hash(padded, 7, 222));
    }

    @Test
    void xxh64OfWellKnownStrings() {
        assertEquals(0xEF46DB3751D8E999L, RingHash.xxh64().hash(""));
        assertEquals(0xD24EC4F1A98C6E5BL, RingHash.xxh64().hash("a"));
        assertEquals(0x44BC2CF5AD770999L, RingHash.xxh64().hash("abc"));
    }

    @Test
    void textIsHashedAsItsUtf8Bytes() {
        String[] texts = {"", "k", "user:42", "a somewhat longer key, over thirty-two characters long",
            "ключ", "键-🔑-" + "x".repeat(40), "caf\u00e9"};
        for (String text : texts) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(RingHash.xxh64().hash(utf8, 0, utf8.length), RingHash.xxh64().hash(text), text);
            assertEquals(RingHash.xxh64().hash(utf8, 0, utf8.length),
                    RingHash.xxh64().hash(new StringBuilder(text)), text);
            assertEquals(RingHash.ketamaMd5().hash(utf8, 0, utf8.length), RingHash.ketamaMd5().hash(text), text);
        }
    }

    @Test
    void aPluggedHashUsesTheDefaultUtf8Encoding() {
        RingHash sum = (bytes, offset, length) -> {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += bytes[i] & 0xFF;
            }
            return total;
        };
        assertEquals(0xC3 + 0xA9, sum.hash("\u00e9"));
    }

    @Test
    void ketamaHashIsTheLittleEndianStartOfTheMd5Digest() {
        // MD5("") = d41d8cd98f00b204e9800998ecf8427e: first four bytes little-endian = 0xd98c1dd4
        assertEquals(0xD98C1DD4L, RingHash.ketamaMd5().hash(""));
        // MD5("a") = 0cc175b9c0f1b6a831c399e269772661
        assertEquals(0xB975C10CL, RingHash.ketamaMd5().hash("a"));
    }

    @Test
    void builtInHashesSayWhatTheyAre() {
        assertEquals("xxh64(seed=0)", RingHash.xxh64().toString());
        assertEquals("xxh64(seed=7)", RingHash.xxh64(7).toString());
        assertEquals("ketama-md5", RingHash.ketamaMd5().toString());
    }
}
