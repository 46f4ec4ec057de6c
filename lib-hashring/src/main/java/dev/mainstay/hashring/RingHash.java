package dev.mainstay.hashring;

import dev.mainstay.hashring.internal.BuiltInHashes;
import java.nio.charset.StandardCharsets;

/**
 * How a {@link HashRing} turns a key into a position on the ring: a 64-bit hash of the key's bytes.
 *
 * <p>The built-in {@link #xxh64()} is the default. Plug your own to agree with another system on key positions,
 * for example one that hashes keys with 64-bit FNV-1a:
 *
 * <pre>{@code
 * RingHash fnv1a = (bytes, offset, length) -> {
 *     long h = 0xcbf29ce484222325L;
 *     for (int i = offset; i < offset + length; i++) {
 *         h = (h ^ (bytes[i] & 0xFF)) * 0x100000001b3L;
 *     }
 *     return h;
 * };
 * HashRing<String> ring = HashRing.<String>builder().hash(fnv1a).node("a", "a").node("b", "b").build();
 * }</pre>
 *
 * <p>A hash must be a pure function of the bytes and thread-safe. The ring uses all 64 bits, so they should all
 * be well mixed (a hash with 32 good bits only uses a 32-bit slice of the ring, which still balances but wastes
 * resolution).
 */
@FunctionalInterface
public interface RingHash {

    /**
     * Hashes {@code length} bytes of {@code bytes}, starting at {@code offset}.
     *
     * @param bytes the key
     * @param offset where the key starts
     * @param length how many bytes the key has
     * @return the key's 64-bit hash
     */
    long hash(byte[] bytes, int offset, int length);

    /**
     * Hashes the UTF-8 encoding of {@code chars}. The default encodes into a new array; the built-in hashes
     * override it to hash ASCII text without allocating.
     *
     * @param chars the key
     * @return the hash of the key's UTF-8 bytes, the same as {@code hash(utf8, 0, utf8.length)}
     */
    default long hash(CharSequence chars) {
        byte[] utf8 = chars.toString().getBytes(StandardCharsets.UTF_8);
        return hash(utf8, 0, utf8.length);
    }

    /**
     * XXH64 with seed 0, implemented here (no dependency) and checked against the reference test vectors: fast
     * on short keys, with all 64 bits well mixed. Allocation-free for byte arrays and ASCII text.
     *
     * @return the default hash
     */
    static RingHash xxh64() {
        return BuiltInHashes.XXH64;
    }

    /**
     * XXH64 with the given seed.
     *
     * @param seed the seed (0 is the default hash)
     * @return XXH64 with that seed
     */
    static RingHash xxh64(long seed) {
        return seed == 0 ? BuiltInHashes.XXH64 : BuiltInHashes.xxh64(seed);
    }

    /**
     * The ketama key hash of libketama and spymemcached ({@code KETAMA_HASH}): the first four bytes of the key's
     * MD5 digest, little-endian, as an unsigned 32-bit number in the low half of the result. A ring in
     * {@link Placement#KETAMA} mode always hashes keys with it; it allocates (MD5 runs on a JDK
     * {@code MessageDigest}).
     *
     * @return the ketama key hash
     */
    static RingHash ketamaMd5() {
        return BuiltInHashes.KETAMA_MD5;
    }
}
