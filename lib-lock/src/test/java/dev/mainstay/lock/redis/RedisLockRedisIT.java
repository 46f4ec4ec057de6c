package dev.mainstay.lock.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.DistributedLockContract;
import dev.mainstay.lock.LockBackendException;
import dev.mainstay.lock.LockBuilder;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.lock.LockLostException;
import dev.mainstay.lock.LockTimeoutException;
import dev.mainstay.testkit.Backend;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.RedisClusterBackend;
import dev.mainstay.testkit.RedisBackend;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

/**
 * {@link RedisLock} on a real Redis: the backend-independent contract plus Redis's own tests (scripts and keys,
 * server-counted commands, the token floor across a restart, killed connections, renewal against a stopped server,
 * {@code WAIT}), through Jedis and Lettuce on one server, and through Jedis on a Redis Cluster of three masters.
 */
@ExtendWith(RealBackends.class)
class RedisLockRedisIT {

    private RedisBackend server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void server(RedisBackend redis) {
        this.server = redis;
        redis.flushAll();
    }

    @AfterEach
    void closeClients() throws Exception {
        for (int i = clients.size() - 1; i >= 0; i--) {
            clients.get(i).close();
        }
        clients.clear();
    }

    /** A client on one connection: scripts and {@code WAIT} go to the same connection. */
    record OneConnection(RedisScripting scripting, RedisWait replicas) {}

    @Nested
    class OverJedis extends OnOneServer {

        /** {@code RedisClient}: Jedis's thread-safe pooled client, its own pool per lock. */
        @Override
        RedisScripting connect() {
            redis.clients.jedis.RedisClient jedis =
                    redis.clients.jedis.RedisClient.create(server.host(), server.port());
            clients.add(jedis);
            return RedisScripting.of(jedis::evalsha, jedis::eval);
        }

        /** A plain {@code Jedis}: one connection, one thread at a time. */
        @Override
        OneConnection connectOne() {
            redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(server.host(), server.port());
            clients.add(jedis);
            return new OneConnection(RedisScripting.of(jedis::evalsha, jedis::eval), jedis::waitReplicas);
        }
    }

    @Nested
    class OverLettuce extends OnOneServer {

        private io.lettuce.core.RedisClient lettuce;

        private RedisCommands<String, String> connection() {
            if (lettuce == null) {
                RedisURI uri = RedisURI.create(server.uri());
                uri.setTimeout(Duration.ofSeconds(2));
                lettuce = io.lettuce.core.RedisClient.create(uri);
                clients.add(lettuce::shutdown);
            }
            StatefulRedisConnection<String, String> connection = lettuce.connect();
            clients.add(connection);
            return connection.sync();
        }

        /** Lettuce: one shared, thread-safe connection per lock, bound with two short lambdas. */
        @Override
        RedisScripting connect() {
            return bind(connection());
        }

        /** 16 clients x 20 grants (Lettuce's hand-offs are slower here): about 2.5 s. */
        @Override
        protected int fuzzRounds() {
            return 20;
        }

        /** Lettuce reconnects and sends the killed connection's commands again: nothing fails. */
        @Override
        boolean killedCallsFail() {
            return false;
        }

        private RedisScripting bind(RedisCommands<String, String> commands) {
            return RedisScripting.of(
                    (sha, keys, args) -> commands.evalsha(sha, ScriptOutputType.MULTI,
                            keys.toArray(new String[0]), args.toArray(new String[0])),
                    (script, keys, args) -> commands.eval(script, ScriptOutputType.MULTI,
                            keys.toArray(new String[0]), args.toArray(new String[0])));
        }

        @Override
        OneConnection connectOne() {
            RedisCommands<String, String> commands = connection();
            return new OneConnection(bind(commands), commands::waitForReplication);
        }
    }

    /**
     * A Redis Cluster of three masters through Jedis 7's {@code RedisClusterClient} (the successor of the deprecated
     * {@code JedisCluster}, bound the same way): every case above, plus names spread over the masters.
     */
    @Nested
    class OverJedisCluster extends OnOneServer {

        private RedisClusterBackend cluster;

        @BeforeEach
        void cluster(RedisClusterBackend cluster) {
            this.cluster = cluster;
            cluster.flushAll();
        }

        @Override
        RedisScripting connect() {
            Set<HostAndPort> seeds = cluster.nodes().stream().map(HostAndPort::from).collect(Collectors.toSet());
            // it retries a refused connection for 10 s by default: 1 s lets a stopped cluster fail a renewal soon
            RedisClusterClient jedis = RedisClusterClient.builder().nodes(seeds)
                    .maxTotalRetriesDuration(Duration.ofSeconds(1)).build();
            clients.add(jedis);
            return RedisScripting.of(jedis::evalsha, jedis::eval);
        }

        /** A cluster client holds a connection per node: WAIT on "the" connection of a script is not on offer. */
        @Override
        OneConnection connectOne() {
            Assumptions.abort("WAIT needs the script's own connection; a cluster client has one per node");
            return null;
        }

        @Override
        Backend backend() {
            return cluster;
        }

        @Override
        Object command(String key, String... command) {
            return cluster.commandOn(cluster.nodeFor(key), command);
        }

        @Override
        void commandOnEveryNode(String... command) {
            cluster.commandOnEveryNode(command);
        }

        @Override
        long killClients() {
            return cluster.killClients();
        }

        @Override
        Map<String, Long> commandStats() {
            Map<String, Long> sum = new TreeMap<>();
            for (Object info : cluster.commandOnEveryNode("INFO", "commandstats").values()) {
                parseCommandStats((String) info).forEach((command, calls) -> sum.merge(command, calls, Long::sum));
            }
            return sum;
        }

        /** The cluster client retries a killed connection on a fresh one, so no call fails. */
        @Override
        boolean killedCallsFail() {
            return false;
        }

        @Test
        void namesSpreadOverTheMastersAndEachLockLivesWithItsCounterOnOneNode() {
            RedisLock locks = (RedisLock) lock();
            Map<String, List<LockHandle>> byNode = new TreeMap<>();
            for (int i = 0; i < 30; i++) {
                String name = uniqueName("spread-" + i);
                String key = locks.redisKey(name);
                LockHandle handle = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
                String node = cluster.nodeFor(key);
                assertEquals(node, cluster.nodeFor(key + ":token"), "one hash slot: " + key);
                assertTrue(((String) cluster.commandOn(node, "GET", key)).endsWith(":" + handle.token()), key);
                assertEquals(Long.toString(handle.token()), cluster.commandOn(node, "GET", key + ":token"));
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(handle);
            }
            assertEquals(Set.copyOf(cluster.nodes()), byNode.keySet(), "every master holds some of the locks");
            DistributedLock other = lock();
            for (List<LockHandle> handles : byNode.values()) {
                for (LockHandle handle : handles) {
                    assertEquals(Optional.empty(), other.tryAcquire(handle.name(), Duration.ofSeconds(10)));
                    assertTrue(handle.release());
                }
            }
        }
    }

    /** Everything a lock on one Redis server must do, whatever the client. */
    abstract class OnOneServer extends DistributedLockContract {

        /** A new client, with its own connection(s). */
        abstract RedisScripting connect();

        /** The server (or cluster) to stop, start and restart. */
        Backend backend() {
            return server;
        }

        /** An admin command about {@code key}, on the node that holds it. */
        Object command(String key, String... command) {
            return server.command(command);
        }

        /** An admin command on every node. */
        void commandOnEveryNode(String... command) {
            server.command(command);
        }

        /** Kills every client connection on every node. */
        long killClients() {
            return server.killClients();
        }

        /** {@code INFO commandstats} of every node, summed. */
        Map<String, Long> commandStats() {
            return RedisLockRedisIT.commandStats(server);
        }

        /** A new client on one connection, with {@code WAIT} bound to it. */
        abstract OneConnection connectOne();

        @Override
        protected DistributedLock newLock(Consumer<LockBuilder<?>> settings) {
            RedisLock.Builder builder = RedisLock.builder(connect());
            settings.accept(builder);
            return builder.build();
        }

        /** 16 clients x 50 grants: 800 grants through the server, about 2.5 s over Jedis. */
        @Override
        protected int fuzzRounds() {
            return 50;
        }

        private RedisLock redisLock() {
            return (RedisLock) lock();
        }

        @Test
        void keysAreHashTaggedAndHoldOwnerAndTokenWithTheLease() {
            RedisLock locks = (RedisLock) lock(b -> ((RedisLock.Builder) b).keyPrefix("jobs:"));
            String name = uniqueName("keys");
            String key = "jobs:{" + name + "}";
            assertEquals(key, locks.redisKey(name));
            LockHandle handle = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
            String value = (String) command(key, "GET", key);
            assertTrue(value.matches("[0-9a-f]{32}:" + handle.token()), value);
            long pttl = (Long) command(key, "PTTL", key);
            assertTrue(pttl > 9_000 && pttl <= 10_000, "lease: " + pttl);
            assertEquals(Long.toString(handle.token()), command(key + ":token", "GET", key + ":token"));
            long counterTtl = (Long) command(key + ":token", "PTTL", key + ":token");
            assertTrue(counterTtl > 69_000 && counterTtl <= 70_000, "the lease plus 60 s: " + counterTtl);
            assertTrue(handle.release());
            assertNull(command(key, "GET", key), "released: the lock key is gone");
            assertEquals(Long.toString(handle.token()), command(key + ":token", "GET", key + ":token"),
                    "the counter stays");
            LockHandle other = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
            assertFalse(value.equals(command(key, "GET", key)), "every handle has its own owner id");
            other.close();
        }

        @Test
        void tokensAreAtLeastTheServersTimeInMicroseconds() {
            RedisLock locks = redisLock();
            String name = uniqueName("time");
            long before = serverMicros(locks.redisKey(name));
            LockHandle handle = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
            long after = serverMicros(locks.redisKey(name));
            assertTrue(handle.token() >= before && handle.token() <= after,
                    before + " <= " + handle.token() + " <= " + after);
            handle.close();
        }

        @Test
        void acquireAndReleaseAreTwoEvalshaCountedByTheServer() {
            RedisLock locks = redisLock();
            String name = uniqueName("stats");
            LockHandle first = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
            first.extend(Duration.ofSeconds(10));
            first.close(); // connected, and the node of the name has loaded the three scripts
            commandOnEveryNode("CONFIG", "RESETSTAT");
            locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow().close();
            assertEquals(Map.of("evalsha", 2L, "pttl", 1L, "time", 1L, "get", 2L, "set", 2L, "del", 1L),
                    commandStats(), "acquire: PTTL TIME GET SET SET; release: GET DEL");

            LockHandle held = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
            DistributedLock other = lock();
            assertEquals(Optional.empty(), other.tryAcquire(name, Duration.ofSeconds(10))); // connects
            commandOnEveryNode("CONFIG", "RESETSTAT");
            assertEquals(Optional.empty(), other.tryAcquire(name, Duration.ofSeconds(10)));
            held.extend(Duration.ofSeconds(10));
            assertEquals(Map.of("evalsha", 2L, "pttl", 1L, "get", 1L, "pexpire", 1L), commandStats(),
                    "a refusal: PTTL; extend: GET PEXPIRE");
            held.close();
        }

        @Test
        void aServerThatForgotTheScriptsGetsThemOnceBack() {
            RedisLock locks = redisLock();
            String name = uniqueName("noscript");
            locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow().close();
            commandOnEveryNode("SCRIPT", "FLUSH");
            commandOnEveryNode("CONFIG", "RESETSTAT");
            LockHandle handle = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
            handle.extend(Duration.ofSeconds(10));
            assertTrue(handle.release());
            Map<String, Long> stats = commandStats();
            assertEquals(3L, stats.get("eval"), "one EVAL per script after NOSCRIPT: " + stats);
            locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow().close();
            assertEquals(3L, commandStats().get("eval"), "cached again");
        }

        @Test
        void aRestartWithoutPersistenceForgetsHoldersButTokensNeverStepBack() throws Exception {
            RedisLock locks = redisLock();
            RedisLock other = redisLock();
            String extended = uniqueName("restart-extend");
            String released = uniqueName("restart-release");
            String renewed = uniqueName("restart-renew");
            long highest = 0;
            for (int i = 0; i < 5; i++) { // a counter well ahead of 1
                try (LockHandle h = locks.tryAcquire(extended, Duration.ofSeconds(10)).orElseThrow()) {
                    highest = Math.max(highest, h.token());
                }
            }
            LockHandle a = locks.tryAcquire(extended, Duration.ofSeconds(30)).orElseThrow();
            LockHandle b = locks.tryAcquire(released, Duration.ofSeconds(30)).orElseThrow();
            CompletableFuture<LockLostException> lost = new CompletableFuture<>();
            LockHandle c = locks.tryAcquire(renewed, Duration.ofMillis(900)).orElseThrow()
                    .renewAutomatically(lost::complete);
            highest = Math.max(highest, Math.max(a.token(), Math.max(b.token(), c.token())));

            backend().restart();
            String counter = locks.redisKey(extended) + ":token";
            assertNull(command(counter, "GET", counter), "the server kept nothing");
            LockHandle fresh = reconnected(() -> other.tryAcquire(uniqueName("fresh"), Duration.ofSeconds(10)))
                    .orElseThrow();
            reconnected(() -> locks.tryAcquire(uniqueName("fresh"), Duration.ofSeconds(10))).orElseThrow().close();
            assertTrue(fresh.token() > highest, "the TIME floor: " + fresh.token() + " > " + highest);

            LockHandle thief = other.tryAcquire(extended, Duration.ofSeconds(10)).orElseThrow();
            assertTrue(thief.token() > a.token(), thief.token() + " > " + a.token());
            LockLostException extendLost =
                    assertThrows(LockLostException.class, () -> a.extend(Duration.ofSeconds(30)));
            assertEquals(a.token(), extendLost.token());
            assertFalse(b.release(), "the release reports the forgotten grant");
            LockLostException renewalLost = lost.get(5, TimeUnit.SECONDS);
            assertEquals(c.token(), renewalLost.token());
            if (renewalLost.getCause() != null) { // a cluster re-forms in ~2 s, longer than the lease: renewal failed
                assertInstanceOf(LockBackendException.class, renewalLost.getCause());
            }
            assertTrue(thief.isHeld());
            assertTrue(thief.release());
            fresh.close();
        }

        @Test
        void killedConnectionsDuringContentionFailClearlyThenWorkResumes() throws Exception {
            String name = uniqueName("kill");
            int threads = 4;
            Duration lease = Duration.ofSeconds(1); // a grant whose reply was lost expires soon
            AtomicBoolean inside = new AtomicBoolean();
            AtomicInteger doubleGrants = new AtomicInteger();
            AtomicInteger grantsAfterKills = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            ConcurrentLinkedQueue<LockBackendException> failures = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            CountDownLatch resumed = new CountDownLatch(threads);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                DistributedLock client = lock();
                Thread worker = new Thread(() -> {
                    int afterKills = 0;
                    while (afterKills < 5) {
                        try (LockHandle handle = client.acquire(name, lease, Duration.ofSeconds(3))) {
                            if (!inside.compareAndSet(false, true)) {
                                doubleGrants.incrementAndGet();
                            }
                            Thread.sleep(1);
                            inside.set(false);
                            if (killed.get() && ++afterKills == 5) {
                                resumed.countDown();
                            }
                            if (killed.get()) {
                                grantsAfterKills.incrementAndGet();
                            }
                        } catch (LockBackendException e) {
                            failures.add(e);
                            inside.compareAndSet(true, false);
                        } catch (LockLostException | LockTimeoutException e) {
                            inside.compareAndSet(true, false); // a lost reply left a grant to expire
                        } catch (Throwable e) {
                            unexpected.add(e);
                            return;
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            Thread.sleep(200);
            long kills = 0;
            for (int i = 0; i < 3; i++) {
                kills += killClients();
                Thread.sleep(100);
            }
            killed.set(true);
            assertTrue(kills >= threads, "connections killed: " + kills);
            assertTrue(resumed.await(30, TimeUnit.SECONDS), "every client takes the lock again after the kills");
            for (Thread worker : workers) {
                worker.join(10_000);
            }
            assertTrue(unexpected.isEmpty(), "unexpected: " + unexpected);
            assertEquals(0, doubleGrants.get(), "double grants");
            for (LockBackendException e : failures) {
                assertNotNull(e.getCause(), "the client's exception is the cause");
                assertEquals(name, e.lockName());
                assertTrue(List.of("acquire", "release").contains(e.operation()), e.operation());
                assertTrue(e.getMessage().contains(" of lock '" + name + "' failed on Redis: "), e.getMessage());
            }
            if (killedCallsFail()) {
                assertFalse(failures.isEmpty(), "a killed connection fails the call on it");
            }
        }

        /** Whether the client fails a call whose connection was killed (rather than reconnecting and resending). */
        boolean killedCallsFail() {
            return true;
        }

        @Test
        void renewalOutlivesTheLeaseAndSendsNothingAfterRelease() throws Exception {
            RedisLock locks = redisLock();
            String name = uniqueName("renewal");
            AtomicInteger callbacks = new AtomicInteger();
            LockHandle handle = locks.tryAcquire(name, Duration.ofMillis(300)).orElseThrow()
                    .renewAutomatically(e -> callbacks.incrementAndGet());
            DistributedLock other = lock();
            long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            while (System.nanoTime() < end) {
                assertEquals(Optional.empty(), other.tryAcquire(name, Duration.ofSeconds(1)));
                assertTrue(handle.isHeld());
                Thread.sleep(50);
            }
            assertTrue(handle.release(), "still held after five leases");
            commandOnEveryNode("CONFIG", "RESETSTAT");
            Thread.sleep(700);
            assertNull(commandStats().get("evalsha"), "no renewal after release: " + commandStats());
            assertEquals(0, callbacks.get());
        }

        @Test
        void theRenewalCallbackFiresWhenTheServerStops() throws Exception {
            RedisLock locks = redisLock();
            String name = uniqueName("stopped");
            CompletableFuture<LockLostException> lost = new CompletableFuture<>();
            LockHandle handle = locks.tryAcquire(name, Duration.ofMillis(300)).orElseThrow()
                    .renewAutomatically(lost::complete);
            long stopped;
            try {
                backend().stop();
                stopped = System.nanoTime();
                LockLostException e = lost.get(10, TimeUnit.SECONDS);
                assertEquals(handle.token(), e.token());
                LockBackendException failure = assertInstanceOf(LockBackendException.class, e.getCause());
                assertEquals("renew", failure.operation());
                assertNotNull(failure.getCause());
                assertFalse(handle.isHeld());
                assertTrue(System.nanoTime() - stopped < Duration.ofSeconds(5).toNanos());
            } finally {
                backend().start();
            }
            reconnected(() -> locks.tryAcquire(name, Duration.ofSeconds(10))).orElseThrow().close();
        }

        @Test
        void aGrantTooFewReplicasAcknowledgeIsReleased() {
            OneConnection one = connectOne();
            AtomicInteger waits = new AtomicInteger();
            RedisLock waiting = RedisLock.builder(one.scripting())
                    .waitForReplicas(1, Duration.ofMillis(50), (replicas, timeout) -> {
                        waits.incrementAndGet();
                        return one.replicas().waitReplicas(replicas, timeout);
                    })
                    .build();
            String name = uniqueName("wait");
            LockBackendException e = assertThrows(LockBackendException.class,
                    () -> waiting.tryAcquire(name, Duration.ofSeconds(10)));
            assertEquals("acquire", e.operation());
            TimeoutException cause = assertInstanceOf(TimeoutException.class, e.getCause());
            assertEquals("WAIT 1 50: 0 of 1 replicas acknowledged the grant within PT0.05S; the grant was released",
                    cause.getMessage());
            assertEquals(1, waits.get());
            assertNull(command(waiting.redisKey(name), "GET", waiting.redisKey(name)), "released");
            lock().tryAcquire(name, Duration.ofSeconds(10)).orElseThrow().close();
            waiting.close();
        }

        @Test
        void anExtendTooFewReplicasAcknowledgeFailsButKeepsTheLease() {
            ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>(List.of(1L, 0L, 1L));
            RedisLock waiting = RedisLock.builder(connect())
                    .waitForReplicas(1, Duration.ofMillis(20), (replicas, timeout) -> acks.remove())
                    .build();
            String name = uniqueName("wait-extend");
            LockHandle handle = waiting.tryAcquire(name, Duration.ofSeconds(1)).orElseThrow();
            LockBackendException e =
                    assertThrows(LockBackendException.class, () -> handle.extend(Duration.ofSeconds(60)));
            assertEquals("extend", e.operation());
            assertTrue(e.getCause().getMessage().endsWith("the primary keeps the new lease"),
                    e.getCause().getMessage());
            String key = waiting.redisKey(name);
            assertTrue((Long) command(key, "PTTL", key) > 50_000, "extended on the primary");
            handle.extend(Duration.ofSeconds(10));
            assertTrue(handle.release());
            assertTrue(acks.isEmpty());
            waiting.close();
        }

        @Test
        void aGrantAReplicaAcknowledgedIsOnTheReplica() throws Exception {
            OneConnection one = connectOne();
            try (Replica replica = Replica.of(server)) {
                RedisLock waiting = RedisLock.builder(one.scripting())
                        .waitForReplicas(1, Duration.ofSeconds(2), one.replicas())
                        .build();
                String name = uniqueName("replicated");
                LockHandle handle = waiting.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
                String key = waiting.redisKey(name);
                assertEquals(command(key, "GET", key), replica.get(key),
                        "the grant reached the replica before acquire returned");
                assertEquals(Long.toString(handle.token()), replica.get(key + ":token"));
                handle.extend(Duration.ofSeconds(20));
                assertTrue(handle.release());
                waiting.close();
            }
        }

        private long serverMicros(String key) {
            List<?> time = (List<?>) command(key, "TIME");
            return Long.parseLong((String) time.get(0)) * 1_000_000 + Long.parseLong((String) time.get(1));
        }
    }

    /** A second local {@code redis-server}, replica of the test's server, keeping nothing on disk. */
    record Replica(Process process, redis.clients.jedis.Jedis jedis) implements AutoCloseable {

        static Replica of(RedisBackend primary) throws Exception {
            org.junit.jupiter.api.Assumptions.assumeTrue(primary.supportsRestart() && primary.password() == null,
                    "a replica needs a local primary without a password");
            primary.command("CONFIG", "SET", "repl-diskless-sync-delay", "0"); // sync at once, not after 5 s
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Process process;
            try {
                process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", System.getProperty("java.io.tmpdir"),
                        "--replicaof", primary.host(), Integer.toString(primary.port()))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (java.io.IOException e) {
                org.junit.jupiter.api.Assumptions.abort("no redis-server on the PATH: " + e);
                throw e;
            }
            Replica replica = null;
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            try {
                while (replica == null) {
                    try {
                        redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", port);
                        if (jedis.info("replication").contains("master_link_status:up")) {
                            replica = new Replica(process, jedis);
                        } else {
                            jedis.close();
                        }
                    } catch (redis.clients.jedis.exceptions.JedisException e) {
                        // not up yet
                    }
                    if (replica == null) {
                        assertTrue(System.nanoTime() < end, "the replica did not sync within 10 s");
                        Thread.sleep(20);
                    }
                }
                return replica;
            } finally {
                if (replica == null) {
                    process.destroyForcibly().waitFor();
                }
            }
        }

        String get(String key) {
            return jedis.get(key);
        }

        @Override
        public void close() throws InterruptedException {
            jedis.close();
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code INFO commandstats} as command → calls, without the tests' and clients' own admin commands. */
    static Map<String, Long> commandStats(RedisBackend node) {
        return parseCommandStats((String) node.command("INFO", "commandstats"));
    }

    static Map<String, Long> parseCommandStats(String info) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String command = line.substring("cmdstat_".length(), line.indexOf(':'));
            if (command.startsWith("config") || command.startsWith("info") || command.startsWith("cluster")
                    || command.equals("ping")) {
                continue;
            }
            int at = line.indexOf("calls=") + "calls=".length();
            calls.put(command, Long.parseLong(line.substring(at, line.indexOf(',', at))));
        }
        return calls;
    }

    /** Retries a call while the client reconnects after a restart (a pooled connection may fail once). */
    private static <T> T reconnected(Supplier<T> call) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (;;) {
            try {
                return call.get();
            } catch (LockBackendException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
