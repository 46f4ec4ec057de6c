package dev.mainstay.idempotency.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyBackendException;
import dev.mainstay.idempotency.IdempotencyInProgressException;
import dev.mainstay.idempotency.IdempotencyKeyReuseException;
import dev.mainstay.idempotency.IdempotencyLeaseLostException;
import dev.mainstay.idempotency.IdempotencyResult;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.idempotency.internal.Checks;
import dev.mainstay.idempotency.internal.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A {@code com.sun.net.httpserver} filter that implements the IETF draft "The Idempotency-Key HTTP Header Field"
 * on unsafe methods: the first request with a key runs the handler, whose response is stored; every retry with the
 * same key and the same request gets the stored response back, marked {@code Idempotent-Replayed: true}.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * Idempotency idempotency = Idempotency.builder(store).build();
 * server.createContext("/payments", paymentsHandler).getFilters().add(
 *         IdempotencyFilter.builder(idempotency)
 *                 .scope(exchange -> exchange.getRequestHeaders().getFirst("X-Account"))
 *                 .build());
 * }</pre>
 *
 * <p>On {@code POST} and {@code PATCH} (configurable):
 * <ul>
 *   <li>no {@code Idempotency-Key} header: <b>400</b> (or pass through when not {@linkplain Builder#required
 *       required}); a key that is empty, longer than 255 characters or holds control characters: <b>400</b>. The
 *       key may be sent as the draft's structured-field string ({@code "abc"}) or bare ({@code abc}).</li>
 *   <li>the request's fingerprint is the SHA-256 of its method, its path and query, and its body (read whole, at
 *       most {@link Builder#maxRequestBytes}, else <b>413</b>).</li>
 *   <li>the same key while the first request is in progress: <b>409</b> with {@code Retry-After} (or, with the
 *       executor's {@code waitFor}, the first response once it is stored); the same key with another request:
 *       <b>422</b>; the store down: <b>503</b>; the handler's response larger than the executor's limit: <b>500</b>
 *       (and the key is released). These answers are {@code application/problem+json} (RFC 9457).</li>
 *   <li>the stored response holds the status, the body and the {@linkplain Builder#storedHeaders chosen headers}
 *       (by default {@code Content-Type}, {@code Location}, {@code ETag}); the first request gets every header
 *       its handler set.</li>
 *   <li>every answer carries {@code Idempotency-Key-Retention: <seconds>}, how long the key is remembered (the
 *       draft leaves advertising it open: its issue #35).</li>
 * </ul>
 * When the handler throws, the key is released (a retry runs it again) unless the executor stores that exception
 * type. Immutable in configuration and thread-safe.
 */
public final class IdempotencyFilter extends Filter {

    /** The request header. */
    public static final String KEY_HEADER = "Idempotency-Key";
    /** The response header marking a replay. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** The response header advertising the retention window, in seconds. */
    public static final String RETENTION_HEADER = "Idempotency-Key-Retention";

    private final Idempotency idempotency;
    private final Set<String> methods;
    private final boolean required;
    private final Function<HttpExchange, String> scope;
    private final Set<String> storedHeaders;
    private final int maxRequestBytes;
    private final String retention;

    private IdempotencyFilter(Builder builder) {
        this.idempotency = builder.idempotency;
        this.methods = Set.copyOf(builder.methods);
        this.required = builder.required;
        this.scope = builder.scope;
        TreeSet<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        headers.addAll(builder.storedHeaders);
        this.storedHeaders = headers;
        this.maxRequestBytes = builder.maxRequestBytes;
        this.retention = Long.toString(Math.max(1, idempotency.config().retention().toSeconds()));
    }

    /**
     * A builder of a filter running requests through {@code idempotency}.
     *
     * @param idempotency the executor (its store, lease, retention, waiting, response limit)
     * @return the builder
     */
    public static Builder builder(Idempotency idempotency) {
        return new Builder(idempotency);
    }

    @Override
    public String description() {
        return "Idempotency-Key (IETF httpapi draft) on " + methods;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!methods.contains(exchange.getRequestMethod().toUpperCase(Locale.ROOT))) {
            chain.doFilter(exchange);
            return;
        }
        String header = exchange.getRequestHeaders().getFirst(KEY_HEADER);
        if (header == null) {
            if (required) {
                problem(exchange, 400, "Idempotency-Key is missing",
                        "this operation requires an Idempotency-Key header", -1);
            } else {
                chain.doFilter(exchange);
            }
            return;
        }
        String key = unquote(header.strip());
        String scopeName = scope.apply(exchange);
        if (scopeName == null) {
            problem(exchange, 400, "No scope", "this request carries nothing to scope its Idempotency-Key by", -1);
            return;
        }
        try {
            Checks.key("Idempotency-Key", key);
            Checks.key("scope", scopeName);
        } catch (IllegalArgumentException e) {
            problem(exchange, 400, "Idempotency-Key is invalid", e.getMessage(), -1);
            return;
        }
        byte[] body = read(exchange.getRequestBody());
        if (body == null) {
            problem(exchange, 413, "Request too large",
                    "an idempotent request's body must be at most " + maxRequestBytes + " bytes", -1);
            return;
        }
        CapturingExchange[] captured = new CapturingExchange[1];
        IdempotencyResult result;
        try {
            result = idempotency.execute(scopeName, key, fingerprint(exchange, body), claim -> {
                CapturingExchange capture = new CapturingExchange(exchange, body);
                captured[0] = capture;
                chain.doFilter(capture);
                if (capture.status() < 0) {
                    throw new IllegalStateException("the handler sent no response");
                }
                StoredResponse response = stored(capture);
                if (response.size() > idempotency.config().maxResponseBytes()) {
                    throw new TooLarge("the response must be at most " + idempotency.config().maxResponseBytes()
                            + " bytes to be stored but was " + response.size() + " bytes");
                }
                return response;
            });
        } catch (IdempotencyInProgressException e) {
            long retryAfter = e.remainingLease().map(d -> d.toSeconds() + 1).orElse(1L);
            problem(exchange, 409, "Request in progress",
                    "a request with this Idempotency-Key is still being processed; retry later", retryAfter);
            return;
        } catch (IdempotencyKeyReuseException e) {
            problem(exchange, 422, "Idempotency-Key reused",
                    "this Idempotency-Key was already used with a different request", -1);
            return;
        } catch (IdempotencyLeaseLostException e) {
            problem(exchange, 409, "Request taken over",
                    "this request took longer than its lease and a retry took it over; its outcome was not stored",
                    1);
            return;
        } catch (IdempotencyBackendException e) {
            problem(exchange, 503, "Idempotency store unavailable", "retry later with the same Idempotency-Key", 1);
            return;
        } catch (TooLarge e) {
            problem(exchange, 500, "Response not stored", e.getMessage(), -1);
            return;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        Headers out = exchange.getResponseHeaders();
        if (result.replayed()) {
            result.response().headers().forEach(out::put);
            out.set(REPLAYED_HEADER, "true");
        } else {
            captured[0].getResponseHeaders().forEach(out::put);
        }
        send(exchange, result.response().status(), result.response().body());
    }

    /** The handler's response is over the executor's limit: the key is released, the client gets 500. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private StoredResponse stored(CapturingExchange capture) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        capture.getResponseHeaders().forEach((name, values) -> {
            if (storedHeaders.contains(name)) {
                headers.put(name, values);
            }
        });
        return StoredResponse.of(capture.status(), headers, capture.body());
    }

    private static Fingerprint fingerprint(HttpExchange exchange, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha256.update((exchange.getRequestMethod().toUpperCase(Locale.ROOT) + ' '
                + exchange.getRequestURI().getRawPath() + '?' + Objects.toString(exchange.getRequestURI()
                        .getRawQuery(), "") + '\n').getBytes(StandardCharsets.UTF_8));
        return Fingerprint.of(sha256.digest(body));
    }

    /** The draft's sf-string {@code "..."} unquoted; a bare key as it is. */
    static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private @Nullable byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > maxRequestBytes) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set(RETENTION_HEADER, retention);
        boolean empty = body.length == 0 || status == 204 || status == 304 || status < 200;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private void problem(HttpExchange exchange, int status, String title, @Nullable String detail,
            long retryAfterSeconds)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/problem+json");
        if (retryAfterSeconds >= 0) {
            headers.set("Retry-After", Long.toString(retryAfterSeconds));
        }
        String json = "{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + (detail == null ? "" : ",\"detail\":\"" + escape(detail) + "\"") + "}";
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Builds an {@link IdempotencyFilter}. Each setting is checked when set.
     *
     * <pre>{@code
     * IdempotencyFilter filter = IdempotencyFilter.builder(idempotency)
     *         .methods("POST")
     *         .scope(exchange -> exchange.getPrincipal().getUsername())
     *         .storedHeaders("Content-Type", "Location")
     *         .maxRequestBytes(256 * 1024)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final Idempotency idempotency;
        private Set<String> methods = Set.of("POST", "PATCH");
        private boolean required = true;
        private Function<HttpExchange, String> scope = exchange -> exchange.getPrincipal() != null
                ? exchange.getPrincipal().getName() : "anonymous";
        private Set<String> storedHeaders = Set.of("Content-Type", "Location", "ETag");
        private int maxRequestBytes = 1024 * 1024;

        private Builder(Idempotency idempotency) {
            this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        }

        /**
         * The methods the filter applies to. Default {@code POST} and {@code PATCH}; others pass through.
         *
         * @param methods one or more method names
         * @return this builder
         */
        public Builder methods(String... methods) {
            if (methods.length == 0) {
                throw new IllegalArgumentException("methods must name at least one method but was empty");
            }
            TreeSet<String> set = new TreeSet<>();
            for (String method : methods) {
                set.add(Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT));
            }
            this.methods = set;
            return this;
        }

        /**
         * Whether a request without the header is refused with 400 (true, the default) or passed through.
         *
         * @param required whether the key is required
         * @return this builder
         */
        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /**
         * The scope of a request's key: the tenant or user, so that two clients' keys never meet. Default: the
         * authenticated principal's name, or {@code "anonymous"}. A null scope, or one that is not a valid key,
         * gives 400.
         *
         * @param scope the function
         * @return this builder
         */
        public Builder scope(Function<HttpExchange, String> scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * The response headers stored and replayed. Default {@code Content-Type}, {@code Location}, {@code ETag}.
         *
         * @param names header names, case-insensitive
         * @return this builder
         */
        public Builder storedHeaders(String... names) {
            for (String name : names) {
                Objects.requireNonNull(name, "name");
            }
            this.storedHeaders = Set.of(names);
            return this;
        }

        /**
         * The largest request body read for the fingerprint; a larger one gets 413. Default 1 MiB.
         *
         * @param maxRequestBytes at least 1
         * @return this builder
         */
        public Builder maxRequestBytes(int maxRequestBytes) {
            if (maxRequestBytes < 1) {
                throw new IllegalArgumentException("maxRequestBytes must be > 0 but was " + maxRequestBytes);
            }
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        /**
         * Builds the filter.
         *
         * @return a new filter
         */
        public IdempotencyFilter build() {
            return new IdempotencyFilter(this);
        }
    }
}
