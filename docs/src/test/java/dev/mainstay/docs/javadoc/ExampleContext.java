package dev.mainstay.docs.javadoc;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What every module's example context shares: where the servers are, a {@code log}, and the things to close after
 * an example ran. A context's constructor makes its free names; {@link #close()} closes what it registered.
 *
 * <p>A context class may declare {@code static final Map<String, Class<?>> BY_FILE} (a file, relative to the
 * module's package, mapped to a subclass whose fields mean something else there) and
 * {@code static final Map<String, String> COMPILE_ONLY} (a piece of an example's text mapped to why it is compiled
 * but not run), and {@code static final Map<String, Class<? extends Throwable>> THROWS} (a piece of an example's
 * text mapped to the exception it shows being thrown).
 */
public abstract class ExampleContext implements AutoCloseable {

    private static final AtomicLong DATABASES = new AtomicLong();
    private static volatile DataSource sharedDataSource;
    private static volatile String redisHost;
    private static volatile int redisPort;

    /** A stand-in for the logger the examples write to (SLF4J's shape: {@code "{}"} placeholders). */
    protected final Log log = new Log();
    /** An H2 database in memory, or the PostgreSQL given by {@link #useServers}. */
    protected final DataSource dataSource;

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    protected ExampleContext() throws Exception {
        DataSource shared = sharedDataSource;
        if (shared != null) {
            dataSource = shared;
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:example" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
        }
    }

    /** Examples run against these servers from now on (the IT); {@code null} data source: H2 again. */
    public static void useServers(DataSource dataSource, String redisHost, int redisPort) {
        ExampleContext.sharedDataSource = dataSource;
        ExampleContext.redisHost = redisHost;
        ExampleContext.redisPort = redisPort;
    }

    /** Whether {@link #useServers} named a Redis. */
    protected static boolean redisConfigured() {
        return redisHost != null;
    }

    /** The Redis host of {@link #useServers}; an example that needs Redis runs only in the IT. */
    protected static String redisHost() {
        if (redisHost == null) {
            throw new IllegalStateException("this example needs Redis: JavadocExamplesIT runs it");
        }
        return redisHost;
    }

    /** The Redis port of {@link #useServers}. */
    protected static int redisPort() {
        redisHost();
        return redisPort;
    }

    /** Closes {@code resource} after the example, in reverse order of registration. */
    protected final <T extends AutoCloseable> T closeLater(T resource) {
        closeables.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Class<? extends ExampleContext>> byFile(Class<?> context) {
        Object value = staticField(context, "BY_FILE");
        return value == null ? Map.of() : (Map<String, Class<? extends ExampleContext>>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Class<? extends Throwable>> expectedFailures(Class<?> context) {
        Object value = staticField(context, "THROWS");
        return value == null ? Map.of() : (Map<String, Class<? extends Throwable>>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> compileOnly(Class<?> context) {
        Object value = staticField(context, "COMPILE_ONLY");
        return value == null ? Map.of() : (Map<String, String>) value;
    }

    private static Object staticField(Class<?> context, String name) {
        try {
            Field field = context.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(null);
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code log} of the examples: keeps the lines it was given. */
    public static final class Log {
        final List<String> lines = new ArrayList<>();

        public void info(String format, Object... args) {
            lines.add(format(format, args));
        }

        public void warn(String format, Object... args) {
            lines.add(format(format, args));
        }

        public void error(String message, Throwable failure) {
            lines.add(message + ": " + failure);
        }

        private static String format(String format, Object... args) {
            StringBuilder out = new StringBuilder(format);
            for (Object arg : args) {
                int at = out.indexOf("{}");
                if (at < 0) {
                    break;
                }
                out.replace(at, at + 2, String.valueOf(arg));
            }
            return out.toString();
        }
    }
}
