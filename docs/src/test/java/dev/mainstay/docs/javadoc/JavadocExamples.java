package dev.mainstay.docs.javadoc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Finds every {@code <pre>{@code ...}</pre>} example in the main sources of the lib modules, compiles each one with
 * {@link javax.tools.JavaCompiler} against the test class path, and runs it.
 *
 * <p>How a fragment becomes a compilation unit:
 * <ul>
 *   <li>The example is the body of a method {@code example() throws Exception} of a class that extends the module's
 *       <em>context</em>, e.g. {@link RetryContext} for {@code lib-retry}. The context is ordinary test code: its
 *       fields and methods are the free names the examples use ({@code inventory}, {@code sku}, {@code log}, ...),
 *       its nested types their stand-ins ({@code Stock}), and its own {@code import} lines are the imports of every
 *       example of the module. Where one name means different things in different files, the context maps the file
 *       to a subclass in {@code BY_FILE}.</li>
 *   <li>An example may begin with {@code import} lines (readers see which {@code RedisClient} it means); they are
 *       moved to the unit's imports and win over the context's import of the same simple name.</li>
 *   <li>An example that returns a value ({@code return limiter.get(...)}) compiles in a method returning
 *       {@code Object}.</li>
 *   <li>A block that is SQL, not Java (it starts with an SQL keyword), is counted and left alone.</li>
 * </ul>
 * A compile error is reported at the example's own file and line in the lib module, e.g.
 * {@code lib-retry/src/main/java/dev/mainstay/retry/Retry.java:25: cannot find symbol ...}.
 *
 * <p>Running: an example named in its context's {@code COMPILE_ONLY} (by a piece of its text, with the reason) is
 * compiled only; one that uses Redis ({@code scripting}, {@code jedis}, {@code lettuce}, {@code client}) runs in
 * {@code JavadocExamplesIT} against the testkit's Redis; every other one runs in memory (JDBC examples on H2 in
 * {@code JavadocExamplesTest}, and again on the testkit's PostgreSQL in the IT).
 */
public final class JavadocExamples {

    /** The lib modules, each with its context class. */
    public static final Map<String, Class<? extends ExampleContext>> MODULES = contexts();

    private static final Pattern START = Pattern.compile("<pre>\\{@code");
    private static final Pattern SQL = Pattern.compile("^\\s*(INSERT|SELECT|UPDATE|DELETE|CREATE|ALTER|WITH)\\b");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+(\\.\\*)?)\\s*;\\s*$");
    private static final Pattern NEEDS_REDIS = Pattern.compile("\\b(scripting|jedis|lettuce)\\b|\\bclient\\.connect\\b");

    private JavadocExamples() {}

    private static Map<String, Class<? extends ExampleContext>> contexts() {
        Map<String, Class<? extends ExampleContext>> modules = new LinkedHashMap<>();
        modules.put("lib-pool", PoolContext.class);
        modules.put("lib-retry", RetryContext.class);
        modules.put("lib-ratelimit", RatelimitContext.class);
        modules.put("lib-lock", LockContext.class);
        modules.put("lib-idempotency", IdempotencyContext.class);
        modules.put("lib-hashring", HashringContext.class);
        return modules;
    }

    /** One example: where it is and its code, without the leading {@code *}. */
    public record Example(String module, String file, int line, String code) {

        /** {@code lib-retry/src/main/java/dev/mainstay/retry/Retry.java:25}. */
        public String where() {
            return file + ":" + line;
        }

        /** Java, not an SQL statement shown in a package note. */
        public boolean isJava() {
            return !SQL.matcher(code).find();
        }

        /** It uses a Redis client or adapter, so it runs against a real Redis only. */
        public boolean needsRedis() {
            return NEEDS_REDIS.matcher(stripComments(code)).find();
        }

        String className() {
            String path = file.substring(file.indexOf("/dev/mainstay/") + "/dev/mainstay/".length());
            return "Example_" + path.replace(".java", "").replaceAll("[^A-Za-z0-9]", "_") + "_" + line;
        }
    }

    /** The repository root, seen from the docs module's directory (where the tests run) or from the root. */
    public static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("lib-pool")) ? here : here.getParent();
    }

    /** Every example of every lib module, in file order. */
    public static List<Example> all() {
        Path root = repositoryRoot();
        List<Example> examples = new ArrayList<>();
        for (String module : MODULES.keySet()) {
            Path sources = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
                    examples.addAll(extract(module, root.relativize(file).toString().replace('\\', '/'),
                            Files.readString(file, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return examples;
    }

    /** The examples in one source file's text. */
    public static List<Example> extract(String module, String file, String text) {
        List<Example> examples = new ArrayList<>();
        Matcher start = START.matcher(text);
        int from = 0;
        while (start.find(from)) {
            int depth = 1;
            int i = start.end();
            while (i < text.length() && depth > 0) {
                char c = text.charAt(i++);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
            }
            if (depth != 0) {
                throw new IllegalArgumentException(file + ":" + lineOf(text, start.start())
                        + ": a {@code block that never ends");
            }
            String raw = text.substring(start.end(), i - 1);
            int line = lineOf(text, start.end());
            List<String> lines = new ArrayList<>(List.of(raw.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(0).isBlank()) {       // the code starts on the next line
                lines.remove(0);
                line++;
            }
            String code = lines.stream().map(JavadocExamples::uncomment).collect(Collectors.joining("\n")).stripTrailing();
            examples.add(new Example(module, file, line, code));
            from = i;
        }
        return examples;
    }

    private static String uncomment(String line) {
        return line.replaceFirst("^\\s*\\*( |$)", "");
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String stripComments(String code) {
        return code.replaceAll("//[^\n]*", "").replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    }

    /** The context class that holds an example's free names. */
    public static Class<? extends ExampleContext> contextOf(Example example) {
        Class<? extends ExampleContext> context = MODULES.get(example.module());
        if (context == null) {
            throw new IllegalArgumentException("no context for module " + example.module());
        }
        String relative = example.file().substring(example.file().indexOf("/dev/mainstay/") + "/dev/mainstay/".length());
        relative = relative.substring(relative.indexOf('/') + 1);      // e.g. "jdbc/package-info.java"
        return ExampleContext.byFile(context).getOrDefault(relative, context);
    }

    /** Why an example is compiled but not run, or null when it runs. */
    public static String compileOnlyReason(Example example) {
        for (Map.Entry<String, String> entry : ExampleContext.compileOnly(MODULES.get(example.module())).entrySet()) {
            if (example.code().contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The exception an example shows being thrown (it must end with one), or null. */
    public static Class<? extends Throwable> expectedFailure(Example example) {
        for (Map.Entry<String, Class<? extends Throwable>> entry
                : ExampleContext.expectedFailures(MODULES.get(example.module())).entrySet()) {
            if (example.code().contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The result of compiling a set of examples. */
    public static final class Compiled implements AutoCloseable {
        private final Map<Example, String> classNames;
        private final List<String> errors;
        private final Path out;
        private final Map<String, Class<?>> defined = new HashMap<>();

        Compiled(Map<Example, String> classNames, List<String> errors, Path out) {
            this.classNames = classNames;
            this.errors = errors;
            this.out = out;
        }

        /**
         * Defines the example's classes in this package of the test class loader, so that they reach the contexts'
         * package-private members.
         */
        private synchronized Class<?> define(String name) throws IOException, IllegalAccessException {
            Class<?> type = defined.get(name);
            if (type == null) {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Path dir = out.resolve(JavadocExamples.class.getPackageName().replace('.', '/'));
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> nested = files.filter(f -> f.getFileName().toString().startsWith(name + "$"))
                            .sorted().collect(Collectors.toList());
                    type = lookup.defineClass(Files.readAllBytes(dir.resolve(name + ".class")));
                    for (Path file : nested) {
                        lookup.defineClass(Files.readAllBytes(file));
                    }
                }
                defined.put(name, type);
            }
            return type;
        }

        /** The compile errors, each starting with the example's file and line; empty when all compiled. */
        public List<String> errors() {
            return errors;
        }

        /**
         * Runs one compiled example on a fresh instance of its context, at most {@code timeoutSeconds}, and closes the
         * context. An example named in its context's {@code THROWS} must end with that exception.
         */
        public void run(Example example, int timeoutSeconds) throws Exception {
            Class<? extends Throwable> expected = expectedFailure(example);
            try {
                runOnce(example, timeoutSeconds);
            } catch (Exception e) {
                if (expected == null || !expected.isInstance(e)) {
                    throw e;
                }
                return;
            }
            if (expected != null) {
                throw new AssertionError(example.where() + ": shows " + expected.getSimpleName() + " but ran through");
            }
        }

        private void runOnce(Example example, int timeoutSeconds) throws Exception {
            String name = classNames.get(example);
            if (name == null) {
                throw new IllegalArgumentException("not compiled: " + example.where());
            }
            Class<?> type = define(name);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<?> run = thread.submit(() -> {
                    try (ExampleContext context = (ExampleContext) type.getDeclaredConstructor().newInstance()) {
                        Method method = type.getDeclaredMethod("example");
                        method.setAccessible(true);
                        method.invoke(context);
                    } catch (InvocationTargetException e) {
                        throw e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
                    }
                    return null;
                });
                run.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
            } finally {
                thread.shutdownNow();
            }
        }

        @Override
        public void close() {}
    }

    /**
     * Compiles the examples into {@code out}: each as the body of a method in a class that extends its context. An
     * example whose compile error says it returns a value is compiled again in a method returning {@code Object}.
     */
    public static Compiled compile(List<Example> examples, Path out) throws IOException {
        Set<Example> returning = new LinkedHashSet<>();
        List<String> errors = compileOnce(examples, returning, out);
        if (!returning.isEmpty()) {
            errors = compileOnce(examples, returning, out);
        }
        Map<Example, String> names = new LinkedHashMap<>();
        for (Example example : examples) {
            names.put(example, example.className());
        }
        return new Compiled(names, errors, out);
    }

    private static List<String> compileOnce(List<Example> examples, Set<Example> returning, Path out)
            throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, Unit> units = new LinkedHashMap<>();
        for (Example example : examples) {
            Unit unit = unit(example, returning.contains(example));
            units.put(unit.toUri().toString(), unit);
        }
        Files.createDirectories(out);
        List<String> options = List.of("--release", "17", "-proc:none", "-nowarn", "-implicit:none",
                "-classpath", classPath(), "-d", out.toString());
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            compiler.getTask(null, files, diagnostics, options, null, units.values()).call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Unit unit = d.getSource() == null ? null : units.get(d.getSource().toUri().toString());
            String message = d.getMessage(Locale.ROOT);
            if (unit == null) {
                errors.add(message);
                continue;
            }
            if (message.contains("unexpected return value") && !returning.contains(unit.example)) {
                returning.add(unit.example);
            }
            errors.add(unit.example.file() + ":" + unit.exampleLine(d.getLineNumber()) + ": " + message);
        }
        return errors;
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    private static Unit unit(Example example, boolean returnsValue) {
        Class<? extends ExampleContext> context = contextOf(example);
        Map<String, String> imports = new LinkedHashMap<>();      // by simple name (or the whole line for *)
        for (String line : contextImports(MODULES.get(example.module()))) {
            imports.put(simpleName(line), line);
        }
        List<String> body = new ArrayList<>();
        int skipped = 0;
        boolean leading = true;
        for (String line : example.code().split("\n", -1)) {
            Matcher imp = IMPORT.matcher(line.strip());
            if (leading && imp.matches()) {
                imports.put(simpleName(line.strip()), line.strip());
                body.add("");                                       // keep the line numbers
                skipped++;
                continue;
            }
            leading = leading && line.isBlank();
            body.add(line);
        }
        StringBuilder source = new StringBuilder();
        source.append("package ").append(ExampleContext.class.getPackageName()).append(";\n");
        imports.values().forEach(line -> source.append(line).append('\n'));
        String name = example.className();
        source.append("@SuppressWarnings(\"all\") final class ").append(name).append(" extends ")
                .append(context.getCanonicalName()).append(" {\n");
        source.append(name).append("() throws Exception {}\n");
        source.append(returnsValue ? "Object" : "void").append(" example() throws Exception {\n");
        int firstLine = source.toString().split("\n", -1).length;
        source.append(String.join("\n", body)).append("\n}\n}\n");
        return new Unit(example, name, source.toString(), firstLine);
    }

    private static String simpleName(String importLine) {
        Matcher m = IMPORT.matcher(importLine);
        if (!m.matches() || m.group(3) != null) {
            return importLine;
        }
        String target = m.group(2);
        return (m.group(1) != null ? "static " : "") + target.substring(target.lastIndexOf('.') + 1);
    }

    private static List<String> contextImports(Class<?> context) {
        Path file = repositoryRoot().resolve("docs/src/test/java")
                .resolve(context.getName().replace('.', '/') + ".java");
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> IMPORT.matcher(line).matches()).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Unit extends SimpleJavaFileObject {
        final Example example;
        private final String source;
        private final int firstLine;

        Unit(Example example, String name, String source, int firstLine) {
            super(Path.of(name + ".java").toAbsolutePath().toUri(), Kind.SOURCE);
            this.example = example;
            this.source = source;
            this.firstLine = firstLine;
        }

        long exampleLine(long unitLine) {
            return unitLine < firstLine ? example.line() : example.line() + unitLine - firstLine;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }
}
