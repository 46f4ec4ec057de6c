package dev.mainstay.idempotency.internal;

import dev.mainstay.idempotency.StoredResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one binary form of a {@link StoredResponse} in the JDBC and Redis stores: a version byte, the status, the
 * headers (name, then its values, each as modified UTF-8) and the body.
 */
public final class ResponseCodec {

    private static final int VERSION = 1;

    private ResponseCodec() {}

    /**
     * Encodes a response.
     *
     * @param response the response
     * @return its bytes
     */
    public static byte[] encode(StoredResponse response) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(response.size() + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(response.status());
            out.writeInt(response.headers().size());
            for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
                out.writeUTF(header.getKey());
                out.writeInt(header.getValue().size());
                for (String value : header.getValue()) {
                    out.writeUTF(value);
                }
            }
            byte[] body = response.body();
            out.writeInt(body.length);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes what {@link #encode} wrote.
     *
     * @param bytes the bytes
     * @return the response
     * @throws IllegalStateException if the bytes are not an encoded response (a bug, never a backend failure)
     */
    public static StoredResponse decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("stored response has unknown version " + version);
            }
            int status = in.readUnsignedShort();
            int count = in.readInt();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int values = in.readInt();
                List<String> list = new ArrayList<>(values);
                for (int v = 0; v < values; v++) {
                    list.add(in.readUTF());
                }
                headers.put(name, list);
            }
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            if (in.read() != -1) {
                throw new IllegalStateException("stored response has trailing bytes");
            }
            return StoredResponse.of(status, headers, body);
        } catch (IOException | RuntimeException e) {
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("stored response of " + bytes.length + " bytes cannot be decoded", e);
        }
    }
}
