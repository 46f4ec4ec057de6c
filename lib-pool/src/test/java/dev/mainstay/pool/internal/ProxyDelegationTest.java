package dev.mainstay.pool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.mainstay.pool.jdbc.PooledDataSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Wrapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Every method of {@code java.sql.Connection}, {@code Statement}, {@code PreparedStatement} and
 * {@code CallableStatement}, called through the pool's wrappers on stand-in driver objects ({@link Recording}),
 * found by reflection so that none is missed. For each method the sweep proves that the wrapper
 * <ul>
 *   <li>calls the same method of the driver's object once, with the very same arguments, and answers its result
 *       (or, for the methods that make statements, a wrapper of the statement the driver made);</li>
 *   <li>passes the driver's {@code SQLException} through unchanged, and lends the connection again after an
 *       ordinary failure;</li>
 *   <li>after a fatal SQLState ({@code 08006}), gives the next borrower a new physical connection;</li>
 *   <li>once its connection was given back, throws {@code SQLException} with SQLState {@code 08003} without
 *       reaching the driver, and the connection stays in the pool.</li>
 * </ul>
 * The few methods that do not simply delegate are listed below and tested one by one in
 * {@link ConnectionProxyTest}.
 */
class ProxyDelegationTest {

    /** Connection methods with their own behaviour (answered by the wrapper, or closing it). */
    private static final Set<String> CONNECTION_OWN =
            Set.of("close", "isClosed", "abort", "getAutoCommit", "unwrap", "isWrapperFor");
    /** Connection methods that answer without the driver after close, as JDBC says they do. */
    private static final Set<String> CONNECTION_AFTER_CLOSE = Set.of("close", "isClosed", "isValid", "abort");
    /**
     * Default methods of {@code Connection} (JDBC 4.3) the wrapper does not override: the request hints and the
     * sharding keys. The driver never sees them; see
     * {@code ConnectionProxyTest#theRequestAndShardingHintsStopAtTheWrapper}.
     */
    static final Set<String> CONNECTION_NOT_WRAPPED =
            Set.of("beginRequest", "endRequest", "setShardingKey", "setShardingKeyIfValid");
    /** Statement methods with their own behaviour: the wrapper answers them itself. */
    private static final Set<String> STATEMENT_OWN = Set.of("getConnection", "unwrap", "isWrapperFor");
    /** Statement methods that reach the driver after close (closing twice is allowed; a closed one says so). */
    private static final Set<String> STATEMENT_AFTER_CLOSE = Set.of("close", "isClosed");

    /** The four wrapped interfaces, and how a borrower gets each wrapper from a pooled connection. */
    enum Kind {
        CONNECTION(Connection.class, ConnectionProxy.class),
        STATEMENT(Statement.class, StatementProxy.class),
        PREPARED(PreparedStatement.class, PreparedStatementProxy.class),
        CALLABLE(CallableStatement.class, CallableStatementProxy.class);

        final Class<?> type;
        final Class<?> wrapper;

        Kind(Class<?> type, Class<?> wrapper) {
            this.type = type;
            this.wrapper = wrapper;
        }

        Object open(Connection c) throws SQLException {
            return switch (this) {
                case CONNECTION -> c;
                case STATEMENT -> c.createStatement();
                case PREPARED -> c.prepareStatement("SELECT ?");
                case CALLABLE -> c.prepareCall("{call p(?)}");
            };
        }

        /** The interface's methods, in a stable order. */
        List<Method> methods() {
            return Arrays.stream(type.getMethods())
                    .filter(m -> !Modifier.isStatic(m.getModifiers()))
                    .sorted(Comparator.comparing(Method::toGenericString))
                    .toList();
        }

        boolean delegates(Method m) {
            return this == CONNECTION
                    ? !CONNECTION_OWN.contains(m.getName()) && !CONNECTION_NOT_WRAPPED.contains(m.getName())
                    : !STATEMENT_OWN.contains(m.getName());
        }

        boolean refusedAfterClose(Method m) {
            return this == CONNECTION
                    ? !CONNECTION_AFTER_CLOSE.contains(m.getName()) && !CONNECTION_NOT_WRAPPED.contains(m.getName())
                    : !STATEMENT_AFTER_CLOSE.contains(m.getName());
        }
    }

    private PooledDataSource db;

    @BeforeEach
    void build() {
        DataSource driver = Recording.of(DataSource.class); // a new stand-in connection per getConnection()
        db = PooledDataSource.builder().dataSource(driver)
                .pool(pool -> pool.name("sweep").maxSize(1).borrowTimeout(Duration.ofSeconds(5)))
                .build();
    }

    @AfterEach
    void close() {
        assertTrue(db.close(Duration.ofSeconds(5)));
    }

    /** The driver's object a wrapper wraps: the stand-in behind it. */
    private static Recording target(Object wrapper) throws SQLException {
        Object standIn = ((Wrapper) wrapper).unwrap(Recording.Target.class);
        Recording recording = Recording.of(standIn);
        recording.clear();
        return recording;
    }

    /** One container per interface, one dynamic test per method {@code included}. */
    private static Stream<DynamicNode> sweep(Stream<Kind> kinds, Predicate<MethodOf> included,
            Function<MethodOf, Executable> test) {
        return kinds.map(kind -> dynamicContainer(kind.type.getSimpleName(), kind.methods().stream()
                .map(m -> new MethodOf(kind, m))
                .filter(included)
                .map(m -> dynamicTest(m.method.getName() + Arrays.toString(m.method.getParameterTypes()),
                        test.apply(m)))));
    }

    /** A method of the interface of {@code kind}. */
    record MethodOf(Kind kind, Method method) {}

    @Test
    void everyMethodIsWrittenOutExceptTheRequestAndShardingHintsOfConnection() {
        for (Kind kind : Kind.values()) {
            for (Method m : kind.methods()) {
                Method implementation;
                try {
                    implementation = kind.wrapper.getMethod(m.getName(), m.getParameterTypes());
                } catch (NoSuchMethodException e) {
                    throw new AssertionError(e);
                }
                boolean written = !implementation.getDeclaringClass().isInterface();
                boolean expected = kind != Kind.CONNECTION || !CONNECTION_NOT_WRAPPED.contains(m.getName());
                assertEquals(expected, written, kind.wrapper.getSimpleName() + " " + m);
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> callsTheSameMethodWithTheSameArgumentsAndAnswersItsResult() {
        return sweep(Arrays.stream(Kind.values()), m -> m.kind.delegates(m.method), m -> () -> {
            try (Connection c = db.getConnection()) {
                Object wrapper = m.kind.open(c);
                Recording target = target(wrapper);
                for (int round = 0; round < 2; round++) { // two rounds: a wrapper answering a constant fails one
                    Object[] args = Recording.arguments(m.method);
                    target.clear();
                    target.scripted(true);
                    Object result;
                    try {
                        result = Recording.call(m.method, wrapper, args);
                    } finally {
                        target.scripted(false);
                    }
                    List<Recording.Call> calls = target.calls();
                    assertEquals(1, calls.size(), () -> "one call reaches the driver: " + calls);
                    Recording.Call call = calls.get(0);
                    assertTrue(call.is(m.method), () -> "called " + call.method() + " instead");
                    assertArguments(m.method, args, call.args());
                    assertResult(m.method, call.result(), result, c);
                }
            }
        });
    }

    private static void assertArguments(Method m, Object[] expected, Object[] actual) {
        assertEquals(expected.length, actual.length, m.toString());
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < expected.length; i++) {
            if (types[i].isPrimitive()) {
                assertEquals(expected[i], actual[i], m + ": argument " + i);
            } else {
                assertSame(expected[i], actual[i], m + ": argument " + i);
            }
        }
    }

    private static void assertResult(Method m, Object driverResult, Object result, Connection borrowed)
            throws SQLException {
        Class<?> type = m.getReturnType();
        if (type == void.class) {
            assertNull(result, m.toString());
        } else if (Statement.class.isAssignableFrom(type)) {
            // a statement the driver made reaches the borrower wrapped, tied to the borrowed connection
            Class<?> wrapper = type == CallableStatement.class ? CallableStatementProxy.class
                    : type == PreparedStatement.class ? PreparedStatementProxy.class : StatementProxy.class;
            assertSame(wrapper, result.getClass(), m.toString());
            Statement statement = (Statement) result;
            assertSame(borrowed, statement.getConnection(), m.toString());
            assertSame(driverResult, statement.unwrap(Recording.Target.class), m + " wraps the driver's statement");
        } else if (type.isPrimitive()) {
            assertEquals(driverResult, result, m.toString());
        } else {
            assertSame(driverResult, result, m.toString());
        }
    }

    @TestFactory
    Stream<DynamicNode> passesAnSqlExceptionThroughUnchangedAndLendsTheConnectionAgain() {
        return sweep(Arrays.stream(Kind.values()), m -> m.kind.delegates(m.method), m -> () -> {
            Object physical = failOnce(m, "42000");
            try (Connection next = db.getConnection()) {
                assertSame(physical, next.unwrap(Recording.Target.class), "an ordinary failure evicts nothing");
            }
        });
    }

    @TestFactory
    Stream<DynamicNode> aFatalSqlStateGivesTheNextBorrowerANewPhysicalConnection() {
        return sweep(Arrays.stream(Kind.values()), m -> m.kind.delegates(m.method), m -> () -> {
            Object physical = failOnce(m, "08006");
            try (Connection next = db.getConnection()) {
                assertNotSame(physical, next.unwrap(Recording.Target.class), "the broken connection was evicted");
            }
        });
    }

    /**
     * Borrows a connection, makes the driver fail {@code m} once with {@code sqlState}, checks the very failure
     * came through from that call, and gives the connection back; answers the physical connection it was.
     */
    private Object failOnce(MethodOf m, String sqlState) throws Exception {
        try (Connection c = db.getConnection()) {
            Object physical = c.unwrap(Recording.Target.class);
            Object wrapper = m.kind.open(c);
            Recording target = target(wrapper);
            SQLException failure = Recording.failureFor(m.method, sqlState);
            target.failNext(failure);
            Throwable thrown = assertThrows(Throwable.class,
                    () -> Recording.call(m.method, wrapper, Recording.arguments(m.method)));
            assertSame(failure, thrown);
            assertTrue(target.calls().get(0).is(m.method), () -> "the failure came from " + target.calls());
            return physical;
        }
    }

    @TestFactory
    Stream<DynamicNode> refusesEveryCallOnceTheConnectionWasGivenBack() {
        return sweep(Arrays.stream(Kind.values()), m -> m.kind.refusedAfterClose(m.method), m -> () -> {
            Connection c = db.getConnection();
            Object physical = c.unwrap(Recording.Target.class);
            Object wrapper = m.kind.open(c);
            Recording target = target(wrapper);
            c.close();
            target.clear();
            SQLException e = assertThrows(SQLException.class,
                    () -> Recording.call(m.method, wrapper, Recording.arguments(m.method)));
            assertEquals("08003", e.getSQLState(), e.toString());
            List<Recording.Call> reached = target.calls().stream().filter(call -> call.is(m.method)).toList();
            assertEquals(List.of(), reached, "the driver was not called");
            try (Connection next = db.getConnection()) {
                assertSame(physical, next.unwrap(Recording.Target.class), "a refused call evicts nothing");
            }
        });
    }

    @Test
    void theSweepCoversEveryMethod() {
        // guards the filters above: a method left out of every sweep must be one ConnectionProxyTest covers
        Set<String> own = Arrays.stream(Kind.values())
                .flatMap(kind -> kind.methods().stream().filter(m -> !kind.delegates(m)).map(Method::getName))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("abort", "beginRequest", "close", "endRequest", "getAutoCommit", "getConnection",
                "isClosed", "isWrapperFor", "setShardingKey", "setShardingKeyIfValid", "unwrap"), own);
    }
}
