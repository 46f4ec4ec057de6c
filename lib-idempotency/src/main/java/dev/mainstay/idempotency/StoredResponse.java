package dev.mainstay.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The response stored for a key and replayed to every retry: a status, the headers chosen to be replayed, and the
 * body bytes. Immutable: the body is copied in and out.
 *
 * <pre>{@code
 * StoredResponse created = StoredResponse.of(201, Map.of("Location", List.of("/payments/7")),
 *         "{\"id\":7}".getBytes(StandardCharsets.UTF_8));
 * StoredResponse plain = StoredResponse.of("charged".getBytes(StandardCharsets.UTF_8)); // status 200
 * }</pre>
 *
 * <p>Its {@link #size()} (body plus header names and values, in UTF-8 bytes) is what the executor's
 * {@code maxResponseBytes} limit is checked against.
 */
public final class StoredResponse {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final int size;

    private StoredResponse(int status, Map<String, List<String>> headers, byte[] body) {
        if (status < 0 || status > 999) {
            throw new IllegalArgumentException("status must be between 0 and 999 but was " + status);
        }
        this.status = status;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = Objects.requireNonNull(header.getKey(), "header name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("header name must not be empty");
            }
            copy.merge(name, List.copyOf(header.getValue()), (a, b) -> {
                List<String> both = new java.util.ArrayList<>(a);
                both.addAll(b);
                return List.copyOf(both);
            });
        }
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body.clone();
        long bytes = this.body.length;
        for (Map.Entry<String, List<String>> header : copy.entrySet()) {
            for (String value : header.getValue()) {
                bytes += utf8Length(header.getKey()) + utf8Length(value);
            }
        }
        this.size = (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /**
     * A response with a status, headers and a body.
     *
     * @param status  the status, 0 to 999 (0 where there is no status, outside HTTP)
     * @param headers the headers to replay; names are case-insensitive
     * @param body    the body bytes
     * @return the response
     */
    public static StoredResponse of(int status, Map<String, List<String>> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        return new StoredResponse(status, headers, body);
    }

    /**
     * A status 200 response with only a body.
     *
     * @param body the body bytes
     * @return the response
     */
    public static StoredResponse of(byte[] body) {
        Objects.requireNonNull(body, "body");
        return new StoredResponse(200, Map.of(), body);
    }

    /**
     * A status 200 response with a UTF-8 text body.
     *
     * @param body the body text
     * @return the response
     */
    public static StoredResponse ofText(String body) {
        Objects.requireNonNull(body, "body");
        return new StoredResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The headers, unmodifiable, with case-insensitive names.
     *
     * @return the headers
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * A copy of the body.
     *
     * @return the body bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body decoded as UTF-8.
     *
     * @return the body text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The size the response limit applies to: body bytes plus the UTF-8 bytes of header names and values.
     *
     * @return the size in bytes
     */
    public int size() {
        return size; // counted once, when made: the executor checks it on every completion
    }

    private static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1;
            }
        }
        return n;
    }

    /** The body array itself, not copied: for the module's own encoders. */
    byte[] bodyUnsafe() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredResponse r && r.status == status && r.headers.equals(headers)
                && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return (31 * status + headers.hashCode()) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "StoredResponse[" + status + ", " + headers.keySet() + ", " + body.length + " bytes]";
    }
}
