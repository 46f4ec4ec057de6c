package dev.mainstay.testkit;

import java.net.URI;

/**
 * A running Redis for tests, with its faults. Get one as a test parameter under
 * {@code @ExtendWith(RealBackends.class)}, or from {@link RealBackends#redis()}.
 *
 * <pre>{@code
 * @ExtendWith(RealBackends.class)
 * class LimiterRedisIT {
 *     @Test
 *     void survivesRestart(RedisBackend redis) {
 *         try (JedisPooled jedis = new JedisPooled(redis.host(), redis.port())) {
 *             jedis.set("k", "v");
 *             redis.restart();          // no persistence: the data is gone, the port is the same
 *             assertNull(jedis.get("k"));
 *         }
 *     }
 * }
 * }</pre>
 */
public final class RedisBackend extends ProcessBackend {

    private final String host;
    private final int port;
    private final String password;

    RedisBackend(String host, int port, String password, ServerProcess process) {
        super(process);
        this.host = host;
        this.port = port;
        this.password = password;
    }

    /** Parses {@code redis://[[user]:password@]host[:port]} for a server somebody else runs. */
    static RedisBackend external(String url) {
        URI uri = URI.create(url);
        String userInfo = uri.getUserInfo();
        String password = userInfo == null ? null : userInfo.substring(userInfo.indexOf(':') + 1);
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        return new RedisBackend(uri.getHost(), port, password, ServerProcess.external("Redis at " + uri.getHost() + ":" + port));
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The password, or {@code null} when the server has none (the kit's own servers have none). */
    public String password() {
        return password;
    }

    /** {@code redis://host:port}, with the password when there is one: what Lettuce's {@code RedisClient.create} takes. */
    public String uri() {
        return "redis://" + (password == null ? "" : ":" + password + "@") + host + ":" + port;
    }

    /** Runs one command on a fresh admin connection and returns the reply (String, Long, List or null). */
    public Object command(String... command) {
        return Resp.call(host, port, password, 5000, command);
    }

    /** Deletes every key of every database. */
    public void flushAll() {
        command("FLUSHALL");
    }

    /**
     * Kills every client connection (normal and pub/sub) but the one that asks, as {@code CLIENT KILL} does.
     *
     * @return how many connections were killed
     */
    public long killClients() {
        long normal = (Long) command("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        long pubsub = (Long) command("CLIENT", "KILL", "TYPE", "pubsub", "SKIPME", "yes");
        return normal + pubsub;
    }

    @Override
    public String kind() {
        return "Redis";
    }
}
