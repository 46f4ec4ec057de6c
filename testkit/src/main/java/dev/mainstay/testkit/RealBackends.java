package dev.mainstay.testkit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests a running Redis, Redis Cluster, PostgreSQL and MariaDB.
 *
 * <p>Each server is found once per test JVM, in this order:
 * <ol>
 *   <li>a server named by a system property or environment variable: {@code mainstay.redis.url} /
 *       {@code MAINSTAY_REDIS_URL} ({@code redis://[:password@]host:port}), {@code mainstay.postgres.url} /
 *       {@code MAINSTAY_POSTGRES_URL} and {@code mainstay.mariadb.url} / {@code MAINSTAY_MARIADB_URL} (JDBC URLs;
 *       user and password in {@code MAINSTAY_POSTGRES_USER}/{@code _PASSWORD}, {@code MAINSTAY_MARIADB_USER}/{@code _PASSWORD}
 *       or in the URL);</li>
 *   <li>a container, when a Docker engine answers (Testcontainers; {@code -Dmainstay.docker=false} turns this off);</li>
 *   <li>a private server started from the locally installed binaries ({@code redis-server}; PostgreSQL's
 *       {@code initdb}/{@code pg_ctl} under {@code /usr/lib/postgresql/<version>/bin} or on the PATH;
 *       {@code mariadbd}/{@code mariadb-install-db}) on a free loopback port in a unique temp directory, stopped and
 *       deleted when the JVM exits. Directories of a JVM that was killed are reaped by the next one.</li>
 * </ol>
 * {@code -Dmainstay.local=false} (or {@code MAINSTAY_LOCAL=false}) skips the third step.
 *
 * <p>A Redis Cluster ({@link RedisClusterBackend}) comes from {@code mainstay.redis.cluster.url} /
 * {@code MAINSTAY_REDIS_CLUSTER_URL} (comma-separated {@code host:port} seeds), else from the local binaries:
 * three {@code redis-server} masters joined by {@code redis-cli --cluster create}; there is no container step.
 * If none works, a test that needs the server is skipped with a message that says what to install, unless
 * {@code -Dmainstay.backends=required} (or {@code MAINSTAY_BACKENDS=required}) is set: then it fails.
 * A server that is found but does not start is always a failure.
 *
 * <p>Use it as an extension, and declare the servers as parameters of test or lifecycle methods:
 * <pre>{@code
 * @ExtendWith(RealBackends.class)
 * class LockPostgresIT {
 *     @Test
 *     void leaseSurvivesRestart(PostgresBackend pg) { ... pg.restart(); ... }
 * }
 * }</pre>
 * or call {@link #redis()}, {@link #redisCluster()}, {@link #postgres()}, {@link #mariadb()} from anywhere in a test.
 */
public final class RealBackends implements ParameterResolver, ExecutionCondition {

    private static final Provision<RedisBackend> REDIS = new Provision<>("Redis", RealBackends::provisionRedis);
    private static final Provision<RedisClusterBackend> REDIS_CLUSTER = new Provision<>("Redis Cluster",
            RealBackends::provisionRedisCluster);
    private static final Provision<PostgresBackend> POSTGRES = new Provision<>("PostgreSQL", RealBackends::provisionPostgres);
    private static final Provision<MariaDbBackend> MARIADB = new Provision<>("MariaDB", RealBackends::provisionMariaDb);

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Deque<ServerProcess> STARTED = new ArrayDeque<>();
    private static boolean reaped;
    private static Boolean docker;

    /** The shared Redis; aborts the calling test (or fails it, when backends are required) if there is none. */
    public static RedisBackend redis() {
        return REDIS.get();
    }

    /** The shared Redis Cluster; aborts the calling test (or fails it, when backends are required) if there is none. */
    public static RedisClusterBackend redisCluster() {
        return REDIS_CLUSTER.get();
    }

    /** The shared PostgreSQL; aborts the calling test (or fails it, when backends are required) if there is none. */
    public static PostgresBackend postgres() {
        return POSTGRES.get();
    }

    /** The shared MariaDB; aborts the calling test (or fails it, when backends are required) if there is none. */
    public static MariaDbBackend mariadb() {
        return MARIADB.get();
    }

    /** Whether a missing server fails the test instead of skipping it. */
    public static boolean required() {
        return "required".equalsIgnoreCase(setting("mainstay.backends", "MAINSTAY_BACKENDS"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return provision(parameterContext.getParameter().getType()).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return provision(parameterContext.getParameter().getType()).orElseThrow().get();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (required()) {
            return ConditionEvaluationResult.enabled("backends are required: a missing one fails the test");
        }
        Set<Provision<?>> needed = new LinkedHashSet<>();
        Optional<Class<?>> testClass = context.getTestClass();
        if (context.getTestMethod().isPresent()) {
            needed.addAll(needs(context.getTestMethod().get()));
            testClass.ifPresent(type -> lifecycleNeeds(type, BeforeEach.class, AfterEach.class, needed));
        } else if (testClass.isPresent()) {
            for (Executable constructor : testClass.get().getDeclaredConstructors()) {
                needed.addAll(needs(constructor));
            }
            lifecycleNeeds(testClass.get(), BeforeAll.class, AfterAll.class, needed);
        }
        for (Provision<?> provision : needed) {
            Optional<String> missing = provision.missing();
            if (missing.isPresent()) {
                return ConditionEvaluationResult.disabled(missing.get());
            }
        }
        return ConditionEvaluationResult.enabled("every server it needs is running");
    }

    private static void lifecycleNeeds(Class<?> type, Class<? extends java.lang.annotation.Annotation> first,
            Class<? extends java.lang.annotation.Annotation> second, Set<Provision<?>> needed) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                AnnotatedElement element = method;
                if (element.isAnnotationPresent(first) || element.isAnnotationPresent(second)) {
                    needed.addAll(needs(method));
                }
            }
        }
    }

    private static List<Provision<?>> needs(Executable executable) {
        return java.util.Arrays.stream(executable.getParameters())
                .map(Parameter::getType)
                .map(RealBackends::provision)
                .flatMap(Optional::stream)
                .toList();
    }

    private static Optional<Provision<?>> provision(Class<?> type) {
        if (type == RedisBackend.class) {
            return Optional.of(REDIS);
        } else if (type == RedisClusterBackend.class) {
            return Optional.of(REDIS_CLUSTER);
        } else if (type == PostgresBackend.class) {
            return Optional.of(POSTGRES);
        } else if (type == MariaDbBackend.class) {
            return Optional.of(MARIADB);
        }
        return Optional.empty();
    }

    // ---- finding and starting servers -------------------------------------------------------------------

    private static RedisBackend provisionRedis() {
        String url = setting("mainstay.redis.url", "MAINSTAY_REDIS_URL");
        if (url != null) {
            return RedisBackend.external(url);
        }
        if (dockerAnswers()) {
            ContainerServer container = started(ContainerServer.launch("redis:7-alpine", 6379, Map.of(),
                    port -> pings(ContainerServer.HOST, port)));
            return new RedisBackend(ContainerServer.HOST, container.port(), null, container);
        }
        Path binary = localBinaries(LocalRedis.binary()).orElseThrow(() -> new Unavailable("Redis: set MAINSTAY_REDIS_URL=redis://host:port,"
                + " start a Docker engine, or install redis-server (Debian/Ubuntu: apt-get install -y redis-server;"
                + " macOS: brew install redis)"));
        reapOnce();
        LocalRedis redis = started(LocalRedis.launch(binary));
        return new RedisBackend(LocalRedis.HOST, redis.port(), null, redis);
    }

    /** No container step: the kit's cluster is three local {@code redis-server}s joined by {@code redis-cli}. */
    private static RedisClusterBackend provisionRedisCluster() {
        String seeds = setting("mainstay.redis.cluster.url", "MAINSTAY_REDIS_CLUSTER_URL");
        if (seeds != null) {
            return RedisClusterBackend.external(seeds);
        }
        Optional<Path> server = localBinaries(LocalRedis.binary());
        Optional<Path> cli = LocalRedisCluster.cliBinary();
        if (server.isEmpty() || cli.isEmpty()) {
            throw new Unavailable("Redis Cluster: set MAINSTAY_REDIS_CLUSTER_URL=host:port[,host:port...], or install"
                    + " redis-server and redis-cli (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis)");
        }
        reapOnce();
        LocalRedisCluster cluster = started(LocalRedisCluster.launch(server.get(), cli.get()));
        return new RedisClusterBackend(cluster.nodes(), cluster);
    }

    private static PostgresBackend provisionPostgres() {
        String url = setting("mainstay.postgres.url", "MAINSTAY_POSTGRES_URL");
        if (url != null) {
            return new PostgresBackend(url, setting("mainstay.postgres.user", "MAINSTAY_POSTGRES_USER"),
                    setting("mainstay.postgres.password", "MAINSTAY_POSTGRES_PASSWORD"),
                    ServerProcess.external("PostgreSQL at " + url));
        }
        if (dockerAnswers()) {
            ContainerServer container = started(ContainerServer.launch("postgres:15-alpine", 5432,
                    Map.of("POSTGRES_USER", "mainstay", "POSTGRES_PASSWORD", "mainstay", "POSTGRES_DB", "mainstay"),
                    port -> connects(new org.postgresql.Driver(), "jdbc:postgresql://" + ContainerServer.HOST + ":" + port
                            + "/mainstay?connectTimeout=1", "mainstay", "mainstay")));
            return new PostgresBackend("jdbc:postgresql://" + ContainerServer.HOST + ":" + container.port() + "/mainstay",
                    "mainstay", "mainstay", container);
        }
        Path bin = localBinaries(LocalPostgres.binDir()).orElseThrow(() -> new Unavailable("PostgreSQL: set MAINSTAY_POSTGRES_URL=jdbc:postgresql://...,"
                + " start a Docker engine, or install PostgreSQL (Debian/Ubuntu: apt-get install -y postgresql;"
                + " the kit runs initdb and pg_ctl from /usr/lib/postgresql/<version>/bin)"));
        reapOnce();
        LocalPostgres postgres = started(LocalPostgres.launch(bin));
        return new PostgresBackend(postgres.jdbcUrl(LocalPostgres.DATABASE), LocalPostgres.USER, null, postgres);
    }

    private static MariaDbBackend provisionMariaDb() {
        String url = setting("mainstay.mariadb.url", "MAINSTAY_MARIADB_URL");
        if (url != null) {
            return new MariaDbBackend(url, setting("mainstay.mariadb.user", "MAINSTAY_MARIADB_USER"),
                    setting("mainstay.mariadb.password", "MAINSTAY_MARIADB_PASSWORD"),
                    ServerProcess.external("MariaDB at " + url));
        }
        if (dockerAnswers()) {
            ContainerServer container = started(ContainerServer.launch("mariadb:10.11", 3306,
                    Map.of("MARIADB_USER", "mainstay", "MARIADB_PASSWORD", "mainstay", "MARIADB_DATABASE", "mainstay",
                            "MARIADB_ROOT_PASSWORD", "mainstay"),
                    port -> connects(new org.mariadb.jdbc.Driver(), "jdbc:mariadb://" + ContainerServer.HOST + ":" + port
                            + "/mainstay?connectTimeout=1000", "mainstay", "mainstay")));
            return new MariaDbBackend("jdbc:mariadb://" + ContainerServer.HOST + ":" + container.port() + "/mainstay",
                    "mainstay", "mainstay", container);
        }
        Optional<Path> server = localBinaries(LocalMariaDb.serverBinary());
        Optional<Path> installDb = LocalMariaDb.installDbBinary();
        if (server.isEmpty() || installDb.isEmpty()) {
            throw new Unavailable("MariaDB: set MAINSTAY_MARIADB_URL=jdbc:mariadb://..., start a Docker engine, or install"
                    + " MariaDB (Debian/Ubuntu: apt-get install -y mariadb-server; the kit runs mariadbd and mariadb-install-db)");
        }
        reapOnce();
        LocalMariaDb mariadb = started(LocalMariaDb.launch(server.get(), installDb.get()));
        return new MariaDbBackend(mariadb.jdbcUrl(), LocalMariaDb.USER, LocalMariaDb.PASSWORD, mariadb);
    }

    /** The binaries found, unless local servers are turned off. */
    private static Optional<Path> localBinaries(Optional<Path> found) {
        return "false".equalsIgnoreCase(setting("mainstay.local", "MAINSTAY_LOCAL")) ? Optional.empty() : found;
    }

    private static boolean pings(String host, int port) {
        try {
            return "PONG".equals(Resp.call(host, port, null, 1000, "PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean connects(java.sql.Driver driver, String url, String user, String password) {
        try (Connection connection = SqlBackend.connect(driver, url, user, password)) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean dockerAnswers() {
        LOCK.lock();
        try {
            if (docker == null) {
                docker = ContainerServer.dockerAnswers();
            }
            return docker;
        } finally {
            LOCK.unlock();
        }
    }

    private static void reapOnce() {
        LOCK.lock();
        try {
            if (!reaped) {
                reaped = true;
                WorkDirs.reapOrphans();
            }
        } finally {
            LOCK.unlock();
        }
    }

    /** Remembers a server so that the JVM's shutdown hook stops it and deletes its data. */
    private static <S extends ServerProcess> S started(S server) {
        LOCK.lock();
        try {
            if (STARTED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(RealBackends::destroyAll, "mainstay-testkit-shutdown"));
            }
            STARTED.push(server);
            return server;
        } finally {
            LOCK.unlock();
        }
    }

    private static void destroyAll() {
        LOCK.lock();
        try {
            while (!STARTED.isEmpty()) {
                try {
                    STARTED.pop().destroy();
                } catch (RuntimeException e) {
                    System.err.println("mainstay-testkit: could not stop a server: " + e);
                }
            }
        } finally {
            LOCK.unlock();
        }
    }

    static String setting(String property, String environment) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Thrown by a provisioner when no way to get the server exists on this machine. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String whatToDo) {
            super(whatToDo, null, false, false);
        }
    }

    /** One server kind, found or started at most once per JVM. */
    private static final class Provision<B extends Backend> {
        private final String kind;
        private final Supplier<B> provisioner;
        private final ReentrantLock lock = new ReentrantLock();
        private boolean done;
        private B backend;
        private RuntimeException failure;

        Provision(String kind, Supplier<B> provisioner) {
            this.kind = kind;
            this.provisioner = provisioner;
        }

        private void ensure() {
            lock.lock();
            try {
                if (!done) {
                    done = true;
                    try {
                        backend = provisioner.get();
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        /** Why the server cannot be had, if it is merely missing (not broken). */
        Optional<String> missing() {
            ensure();
            return failure instanceof Unavailable ? Optional.of("no " + failure.getMessage()) : Optional.empty();
        }

        B get() {
            ensure();
            if (backend != null) {
                return backend;
            }
            if (failure instanceof Unavailable) {
                String message = "no " + failure.getMessage();
                if (required()) {
                    return Assertions.fail(message + " [mainstay.backends=required]");
                }
                Assumptions.abort(message);
            }
            throw new IllegalStateException(kind + " was found but did not start", failure);
        }
    }
}
