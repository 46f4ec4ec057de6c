package dev.mainstay.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Just enough of the Redis protocol (RESP2) for the kit's own admin commands, so the kit needs no Redis client. */
final class Resp {

    private Resp() {}

    /**
     * Sends one command on a fresh connection (after {@code AUTH} when a password is given) and returns the reply
     * (String, Long, List or null); throws on an error reply.
     */
    static Object call(String host, int port, String password, int timeoutMillis, String... command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (password != null) {
                out.write(encode("AUTH", password));
                out.flush();
                read(in);
            }
            out.write(encode(command));
            out.flush();
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis " + host + ":" + port + " " + command[0], e);
        }
    }

    private static byte[] encode(String... command) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, "*" + command.length + "\r\n");
        for (String part : command) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            write(request, "$" + bytes.length + "\r\n");
            request.writeBytes(bytes);
            write(request, "\r\n");
        }
        return request.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("Redis replied with an error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("not a RESP reply: type byte " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-reply");
            }
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }
}
