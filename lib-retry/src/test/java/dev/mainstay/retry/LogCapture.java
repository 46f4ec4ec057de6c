package dev.mainstay.retry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures what the module logs through {@code System.getLogger("dev.mainstay.retry")}, which the JDK sends to
 * {@code java.util.logging}. The module does not read {@code java.logging} (it needs only {@code System.Logger}),
 * so the JUL objects are reached by reflection, which needs no readability; an {@code XMLFormatter} writes each
 * record with its level's name, message and exception, which {@link #records()} parses back.
 */
final class LogCapture implements AutoCloseable {

    /** One logged record. */
    record Entry(String level, String message, String exception) {}

    private static final Pattern RECORD = Pattern.compile(
            "<record>.*?<level>(\\w+)</level>.*?<message>(.*?)</message>(?:\\s*<exception>\\s*<message>(.*?)</message>)?",
            Pattern.DOTALL);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Object logger;
    private final Object handler;
    private final Object previousLevel;

    LogCapture(String name) {
        try {
            Class<?> loggerType = Class.forName("java.util.logging.Logger");
            Class<?> levelType = Class.forName("java.util.logging.Level");
            Class<?> handlerType = Class.forName("java.util.logging.Handler");
            Class<?> formatterType = Class.forName("java.util.logging.Formatter");
            Object all = levelType.getField("ALL").get(null);
            logger = loggerType.getMethod("getLogger", String.class).invoke(null, name);
            previousLevel = loggerType.getMethod("getLevel").invoke(logger);
            Object formatter = Class.forName("java.util.logging.XMLFormatter").getConstructor().newInstance();
            handler = Class.forName("java.util.logging.StreamHandler")
                    .getConstructor(java.io.OutputStream.class, formatterType).newInstance(out, formatter);
            handlerType.getMethod("setLevel", levelType).invoke(handler, all);
            loggerType.getMethod("setLevel", levelType).invoke(logger, all);
            loggerType.getMethod("addHandler", handlerType).invoke(logger, handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("java.util.logging is not available", e);
        }
    }

    /** The records logged so far, in order. */
    List<Entry> records() {
        try {
            handler.getClass().getMethod("flush").invoke(handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        String xml = out.toString(StandardCharsets.UTF_8);
        List<Entry> entries = new ArrayList<>();
        Matcher m = RECORD.matcher(xml);
        while (m.find()) {
            entries.add(new Entry(m.group(1), unescape(m.group(2)), m.group(3) == null ? null : unescape(m.group(3))));
        }
        return entries;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    @Override
    public void close() {
        try {
            Class<?> loggerType = logger.getClass();
            loggerType.getMethod("removeHandler", Class.forName("java.util.logging.Handler")).invoke(logger, handler);
            loggerType.getMethod("setLevel", Class.forName("java.util.logging.Level")).invoke(logger, previousLevel);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
