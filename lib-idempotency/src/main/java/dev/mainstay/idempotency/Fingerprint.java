package dev.mainstay.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What identifies a request's content, compared with the stored record's so that a key reused for another request
 * is refused ({@link IdempotencyKeyReuseException}). SHA-256 is built in; your own digest works too.
 *
 * <pre>{@code
 * Fingerprint fp = Fingerprint.sha256(requestBody);                       // SHA-256 of the bytes
 * Fingerprint text = Fingerprint.sha256("POST /payments amount=10");      // of a string's UTF-8 bytes
 * Fingerprint own = Fingerprint.of(myHash(request));                      // 1 to 64 bytes of your own digest
 * }</pre>
 *
 * <p>Stores keep it as lower-case hex (at most 128 characters). Immutable.
 */
public final class Fingerprint {

    /** The most bytes a fingerprint holds. */
    public static final int MAX_BYTES = 64;

    private final byte[] digest;
    private final String hex;

    private Fingerprint(byte[] digest) {
        this.digest = digest;
        this.hex = HexFormat.of().formatHex(digest);
    }

    /**
     * The SHA-256 of the request's bytes.
     *
     * @param request the request bytes
     * @return the fingerprint
     */
    public static Fingerprint sha256(byte[] request) {
        Objects.requireNonNull(request, "request");
        return new Fingerprint(sha256Digest().digest(request));
    }

    /**
     * The SHA-256 of a string's UTF-8 bytes.
     *
     * @param request the request text
     * @return the fingerprint
     */
    public static Fingerprint sha256(String request) {
        Objects.requireNonNull(request, "request");
        return sha256(request.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A fingerprint of your own digest, used as given.
     *
     * @param digest 1 to {@value #MAX_BYTES} bytes
     * @return the fingerprint
     */
    public static Fingerprint of(byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        if (digest.length == 0 || digest.length > MAX_BYTES) {
            throw new IllegalArgumentException("digest must be 1 to " + MAX_BYTES + " bytes but was " + digest.length
                    + " bytes");
        }
        return new Fingerprint(digest.clone());
    }

    /**
     * A fingerprint from its hex form, as stores keep it.
     *
     * @param hex lower- or upper-case hex of 1 to {@value #MAX_BYTES} bytes
     * @return the fingerprint
     */
    public static Fingerprint ofHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        byte[] digest;
        try {
            digest = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hex must be hexadecimal digits but was '" + hex + "'", e);
        }
        return of(digest);
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The digest in lower-case hex.
     *
     * @return the hex form
     */
    public String hex() {
        return hex;
    }

    /**
     * A copy of the digest.
     *
     * @return the digest bytes
     */
    public byte[] bytes() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Arrays.equals(f.digest, digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "Fingerprint[" + hex + "]";
    }
}
