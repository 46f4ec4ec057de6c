package dev.mainstay.pool.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collections;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a driver's object ({@code Connection}, {@code Statement}, {@code Blob}, ...) built with
 * {@link Proxy}: it records every call with its arguments and the value it answered, answers a fresh value of the
 * return type each time (a new stand-in for an interface type), and throws a given exception on the next call when
 * told to. Every stand-in also implements {@link Target}, so {@code unwrap(Target.class)} on a wrapper reaches the
 * stand-in it wraps.
 */
final class Recording implements InvocationHandler {

    /** Implemented by every stand-in, so that a wrapper's {@code unwrap} can name it. */
    interface Target {}

    /** One call: the interface method, its arguments (never {@code null}) and the value answered. */
    record Call(Method method, Object[] args, Object result) {

        boolean is(Method other) {
            return method.getName().equals(other.getName())
                    && Arrays.equals(method.getParameterTypes(), other.getParameterTypes());
        }
    }

    /** Pool-facing calls answered the same way until {@link #scripted(boolean)}: a connection that looks healthy. */
    private static final Set<String> TRUE_WHEN_QUIET = Set.of("isValid", "getAutoCommit");

    private static final AtomicInteger SERIAL = new AtomicInteger();
    /** No answer given in advance. */
    private static final Object NONE = new Object();

    private final Class<?> type;
    private final Object proxy;
    private final int id = SERIAL.incrementAndGet();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile SQLException failNext;
    private volatile boolean scripted;
    private volatile Object answerNext = NONE;
    private final Map<String, Object> answers = Collections.synchronizedMap(new HashMap<>()); // null answers too
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

    private Recording(Class<?> type) {
        this.type = type;
        this.proxy = Proxy.newProxyInstance(Recording.class.getClassLoader(), new Class<?>[] {type, Target.class},
                this);
    }

    /** A new stand-in of {@code type}. */
    static <T> T of(Class<T> type) {
        return type.cast(new Recording(type).proxy);
    }

    /** The recorder behind a stand-in. */
    static Recording of(Object standIn) {
        return (Recording) Proxy.getInvocationHandler(standIn);
    }

    Object proxy() {
        return proxy;
    }

    /** The calls so far, oldest first. */
    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    void clear() {
        calls.clear();
    }

    /** The next call throws {@code failure} (once). */
    void failNext(SQLException failure) {
        this.failNext = failure;
    }

    /** Every call of the methods named {@code method} answers {@code value}. */
    Recording answer(String method, Object value) {
        answers.put(method, value);
        return this;
    }

    /** Every call of the methods named {@code method} throws {@code failure}. */
    Recording fail(String method, Throwable failure) {
        failures.put(method, failure);
        return this;
    }

    /** The next call answers {@code value} (once). */
    void answerNext(Object value) {
        this.answerNext = value;
    }

    /**
     * While scripted, every answer is fresh, including the calls the pool makes itself ({@code isValid},
     * {@code getAutoCommit}), which otherwise answer {@code true}, and numbers, which otherwise answer 0.
     */
    void scripted(boolean scripted) {
        this.scripted = scripted;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        Object[] arguments = args == null ? new Object[0] : args;
        switch (method.getName()) {
            case "equals":
                if (arguments.length == 1 && method.getParameterTypes()[0] == Object.class) {
                    return self == arguments[0];
                }
                break;
            case "hashCode":
                if (arguments.length == 0) {
                    return id;
                }
                break;
            case "toString":
                if (arguments.length == 0) {
                    return "Recording " + type.getSimpleName() + "#" + id;
                }
                break;
            default:
                break;
        }
        Throwable failure = failNext;
        if (failure != null) {
            failNext = null;
        } else {
            failure = failures.get(method.getName());
        }
        if (failure != null) {
            calls.add(new Call(method, arguments, failure));
            throw failure;
        }
        Object result;
        Object answer = answerNext;
        if (answer != NONE) {
            answerNext = NONE;
            result = answer;
        } else if (answers.containsKey(method.getName())) {
            result = answers.get(method.getName());
        } else if (method.getName().equals("unwrap") && arguments.length == 1 && !scripted) {
            Class<?> iface = (Class<?>) arguments[0];
            if (!iface.isInstance(self)) {
                SQLException refused = new SQLException("not a wrapper for " + iface.getName());
                calls.add(new Call(method, arguments, refused));
                throw refused;
            }
            result = self;
        } else if (method.getName().equals("isWrapperFor") && arguments.length == 1 && !scripted) {
            result = ((Class<?>) arguments[0]).isInstance(self);
        } else if (!scripted && method.getReturnType() == boolean.class) {
            result = TRUE_WHEN_QUIET.contains(method.getName());
        } else if (!scripted && method.getReturnType().isPrimitive() && method.getReturnType() != void.class) {
            result = zero(method.getReturnType());
        } else {
            result = fresh(method.getReturnType());
        }
        calls.add(new Call(method, arguments, result));
        return result;
    }

    private static Object zero(Class<?> type) {
        if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        } else if (type == short.class) {
            return (short) 0;
        } else if (type == byte.class) {
            return (byte) 0;
        } else if (type == float.class) {
            return 0f;
        } else if (type == double.class) {
            return 0d;
        }
        return (char) 0;
    }

    /** A value of {@code type} no other call answered (as far as the type allows: booleans alternate). */
    static Object fresh(Class<?> type) {
        int n = SERIAL.incrementAndGet();
        if (type == void.class) {
            return null;
        } else if (type == boolean.class) {
            return n % 2 == 0;
        } else if (type == int.class) {
            return n;
        } else if (type == long.class) {
            return 1_000_000_000_000L + n;
        } else if (type == short.class) {
            return (short) n;
        } else if (type == byte.class) {
            return (byte) n;
        } else if (type == float.class) {
            return n + 0.5f;
        } else if (type == double.class) {
            return n + 0.25;
        } else if (type == String.class) {
            return "result-" + n;
        } else if (type == int[].class) {
            return new int[] {n};
        } else if (type == long[].class) {
            return new long[] {n};
        } else if (type == byte[].class) {
            return new byte[] {(byte) n};
        } else if (type == Object.class) {
            return new Object();
        } else if (type == Map.class) {
            return new HashMap<String, Class<?>>();
        } else if (type == Properties.class) {
            return new Properties();
        } else if (type == Reader.class) {
            return new StringReader("result-" + n);
        } else if (type == InputStream.class) {
            return new ByteArrayInputStream(new byte[] {(byte) n});
        } else if (type == BigDecimal.class) {
            return BigDecimal.valueOf(n);
        } else if (type == Date.class) {
            return new Date(n);
        } else if (type == Time.class) {
            return new Time(n);
        } else if (type == Timestamp.class) {
            return new Timestamp(n);
        } else if (type == URL.class) {
            return url("http://result/" + n);
        } else if (type == SQLWarning.class) {
            return new SQLWarning("warning " + n);
        } else if (type.isInterface()) {
            return new Recording(type).proxy;
        }
        throw new AssertionError("no value for " + type);
    }

    /**
     * An argument for parameter {@code position} of type {@code type}: primitives differ by position (so swapped
     * arguments show), objects are new instances (so the wrapper must pass the very same one).
     */
    static Object argument(Class<?> type, int position) {
        int p = position + 1;
        if (type == boolean.class) {
            return p % 2 == 1;
        } else if (type == int.class) {
            return 10 + p;
        } else if (type == long.class) {
            return 100L + p;
        } else if (type == short.class) {
            return (short) (20 + p);
        } else if (type == byte.class) {
            return (byte) (30 + p);
        } else if (type == float.class) {
            return 40.5f + p;
        } else if (type == double.class) {
            return 50.25 + p;
        } else if (type == String.class) {
            return "arg" + p;
        } else if (type == int[].class) {
            return new int[] {p};
        } else if (type == String[].class) {
            return new String[] {"column" + p};
        } else if (type == Object[].class) {
            return new Object[] {p};
        } else if (type == byte[].class) {
            return new byte[] {(byte) p};
        } else if (type == Class.class) {
            return String.class;
        } else if (type == Object.class) {
            return new Object();
        } else if (type == Map.class) {
            return new HashMap<String, Class<?>>();
        } else if (type == Properties.class) {
            return new Properties();
        } else if (type == Executor.class) {
            return (Executor) Runnable::run;
        } else if (type == InputStream.class) {
            return new ByteArrayInputStream(new byte[] {(byte) p});
        } else if (type == Reader.class) {
            return new StringReader("arg" + p);
        } else if (type == BigDecimal.class) {
            return BigDecimal.valueOf(p);
        } else if (type == Date.class) {
            return new Date(p);
        } else if (type == Time.class) {
            return new Time(p);
        } else if (type == Timestamp.class) {
            return new Timestamp(p);
        } else if (type == Calendar.class) {
            return new GregorianCalendar();
        } else if (type == URL.class) {
            return url("http://argument/" + p);
        } else if (type == SQLType.class) {
            return JDBCType.values()[p];
        } else if (type.isInterface()) {
            return new Recording(type).proxy;
        }
        throw new AssertionError("no argument for " + type);
    }

    static Object[] arguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = argument(types[i], i);
        }
        return args;
    }

    /**
     * An exception {@code method} may throw: {@link SQLClientInfoException} where it declares only that
     * ({@code setClientInfo}), else a plain {@link SQLException}.
     */
    static SQLException failureFor(Method method, String sqlState) {
        for (Class<?> declared : method.getExceptionTypes()) {
            if (declared == SQLException.class) {
                return new SQLException("failure of " + method.getName() + " (test)", sqlState);
            }
        }
        return new SQLClientInfoException("failure of " + method.getName() + " (test)", sqlState, 0, Map.of());
    }

    /** Calls {@code method} on {@code target}, throwing what it throws (not wrapped). */
    static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A stand-in physical connection, for a data source that opens one per call. */
    static Connection connection() {
        return of(Connection.class);
    }

    private static URL url(String spec) {
        try {
            return URI.create(spec).toURL();
        } catch (MalformedURLException e) {
            throw new AssertionError(e);
        }
    }
}
