package dev.mainstay.docs.javadoc;

import dev.mainstay.pool.*;
import dev.mainstay.pool.jdbc.*;
import java.io.*;
import java.net.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.atomic.*;
import java.util.zip.*;
import javax.sql.DataSource;

/**
 * The free names of {@code lib-pool}'s javadoc examples: a pool of sockets to a loopback server (one per JVM, so that
 * a pool an example leaves open, as examples do, keeps its sockets instead of failing to create them).
 */
class PoolContext extends ExampleContext {

    static final Map<String, String> COMPILE_ONLY = Map.of(
            "jdbc:postgresql://localhost/app", "connects to a PostgreSQL named app on localhost");

    /** One loopback server for the test JVM: the kernel accepts into its backlog, which is all a write needs. */
    private static final ServerSocket SERVER = server();

    final Lifecycle<Socket> sockets = () -> new Socket(InetAddress.getLoopbackAddress(), SERVER.getLocalPort());
    final Pool<Socket> pool = closeLater(Pool.builder(sockets).name("orders").maxSize(10).build());
    final byte[] request = "GET /quote\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    final LongAdder timeouts = new LongAdder();
    final Map<String, Long> gauges = new HashMap<>();
    final String secret = "";
    final DataSource unpooled = dataSource;
    final Lifecycle<Deflater> deflaters = new Lifecycle<>() {
        @Override
        public Deflater create() {
            return new Deflater();
        }

        @Override
        public void destroy(Deflater deflater) {
            deflater.end();
        }
    };

    PoolContext() throws Exception {}

    private static ServerSocket server() {
        try {
            return new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void gauge(String name, long value) {
        gauges.put(name, value);
    }

    void use(Socket socket) throws IOException {
        socket.getOutputStream().write(request);
    }

    void compress(Deflater deflater) {
        deflater.setInput(request);
        deflater.finish();
        deflater.deflate(new byte[64]);
    }
}
