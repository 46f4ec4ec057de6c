package dev.mainstay.hashring.internal;

import dev.mainstay.hashring.RingHash;

/** The built-in {@link RingHash} instances. */
public final class BuiltInHashes {

    /** XXH64, seed 0. */
    public static final RingHash XXH64 = xxh64(0);

    /** The ketama MD5 key hash. */
    public static final RingHash KETAMA_MD5 = new RingHash() {
        @Override
        public long hash(byte[] bytes, int offset, int length) {
            return Ketama.hash(bytes, offset, length);
        }

        @Override
        public long hash(CharSequence chars) {
            return Ketama.hash(chars);
        }

        @Override
        public String toString() {
            return "ketama-md5";
        }
    };

    private BuiltInHashes() {}

    /** XXH64 with a seed. */
    public static RingHash xxh64(long seed) {
        return new RingHash() {
            @Override
            public long hash(byte[] bytes, int offset, int length) {
                return XxHash64.hash(bytes, offset, length, seed);
            }

            @Override
            public long hash(CharSequence chars) {
                return XxHash64.hash(chars, seed);
            }

            @Override
            public String toString() {
                return "xxh64(seed=" + seed + ")";
            }
        };
    }
}
