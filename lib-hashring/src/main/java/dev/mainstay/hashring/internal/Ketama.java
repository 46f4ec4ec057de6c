package dev.mainstay.hashring.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ketama arithmetic of libketama and spymemcached's {@code KetamaNodeLocator}: MD5 digests read as four
 * little-endian unsigned 32-bit numbers.
 */
public final class Ketama {

    private static final MessageDigest MD5 = md5();

    private Ketama() {}

    /** The ketama hash of a key: the first four bytes of its MD5 digest, little-endian, unsigned. */
    public static long hash(byte[] bytes, int offset, int length) {
        MessageDigest md5 = newMd5();
        md5.update(bytes, offset, length);
        return word(md5.digest(), 0);
    }

    /** The ketama hash of the UTF-8 encoding of {@code chars}. */
    public static long hash(CharSequence chars) {
        byte[] utf8 = chars.toString().getBytes(StandardCharsets.UTF_8);
        return hash(utf8, 0, utf8.length);
    }

    /**
     * The four points of digest {@code k} of a node: MD5 of {@code "<node>-<k>"}, read as four unsigned 32-bit
     * little-endian numbers, written to {@code out} from {@code at}.
     */
    public static void points(String nodeKey, int k, long[] out, int at) {
        byte[] digest = newMd5().digest((nodeKey + "-" + k).getBytes(StandardCharsets.UTF_8));
        for (int h = 0; h < 4; h++) {
            out[at + h] = word(digest, h * 4);
        }
    }

    /**
     * Digests per node as spymemcached's weighted {@code KetamaNodeLocator} computes them, in the same
     * {@code float} arithmetic: {@code floor(weight / totalWeight * repetitions / 4 * nodeCount)}.
     */
    public static int weightedDigests(int weight, long totalWeight, int repetitions, int nodeCount) {
        float percent = (float) weight / (float) totalWeight;
        float digests = percent * (float) repetitions / 4.0f * (float) nodeCount;
        int points = (int) (Math.floor((float) (digests + 0.0000000001)) * 4.0);
        return points / 4;
    }

    private static long word(byte[] digest, int at) {
        return ((digest[at + 3] & 0xFFL) << 24) | ((digest[at + 2] & 0xFFL) << 16) | ((digest[at + 1] & 0xFFL) << 8)
                | (digest[at] & 0xFFL);
    }

    private static MessageDigest newMd5() {
        try {
            return (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            return md5();
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no MD5, which every Java platform must provide", e);
        }
    }
}
