package dev.mainstay.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lists a library module's exported public API and compares it with a committed file, until a released version
 * lets japicmp do it (issue #16 §6). An accidental public type or member, or a changed signature, fails the test
 * with a diff.
 *
 * <p>The API is every public or protected type of a package the module's {@code module-info} exports without
 * qualification (nested types only when every enclosing type is exported too), with its public and protected
 * constructors, methods and fields, one line each, sorted, so the file reads as a table of contents and diffs
 * line by line. A module's test is five lines:
 * <pre>{@code
 * class PublicApiTest {
 *     @Test
 *     void exportedApiIsTheCommittedOne() throws IOException {
 *         PublicApi.assertUnchanged();
 *     }
 * }
 * }</pre>
 *
 * <p>After an intended change, regenerate with {@code -Dmainstay.api.update=true} (see the README) and commit
 * the file with the change.
 */
public final class PublicApi {

    /** The system property that rewrites the committed file instead of comparing. */
    public static final String UPDATE_PROPERTY = "mainstay.api.update";

    /** The command that regenerates every module's file; printed with a difference. */
    public static final String UPDATE_COMMAND = "./mvnw -q -pl lib-pool,lib-retry,lib-ratelimit,lib-lock,lib-idempotency,"
            + "lib-hashring -am test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true "
            + "-D" + UPDATE_PROPERTY + "=true";

    private PublicApi() {}

    /**
     * Compares the module's API ({@code target/classes}, read from the module's directory, which is the working
     * directory of surefire's forks) with {@code src/test/resources/api.txt}, or rewrites that file when
     * {@code -Dmainstay.api.update=true} is set.
     *
     * @throws IOException if a class file or the committed file cannot be read or written
     * @throws AssertionError with a diff, when the API differs from the committed file
     */
    public static void assertUnchanged() throws IOException {
        assertUnchanged(Path.of("target", "classes"), Path.of("src", "test", "resources", "api.txt"));
    }

    /**
     * Compares the API of the classes under {@code classes} with the file {@code expected}, or rewrites that
     * file when {@code -Dmainstay.api.update=true} is set.
     *
     * @param classes the module's compiled classes, with its {@code module-info.class}
     * @param expected the committed listing
     * @throws IOException if a class file or the committed file cannot be read or written
     * @throws AssertionError with a diff, when the API differs from the committed file
     */
    public static void assertUnchanged(Path classes, Path expected) throws IOException {
        List<String> actual = list(classes);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(expected.toAbsolutePath().getParent());
            Files.write(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        List<String> committed = Files.exists(expected)
                ? Files.readAllLines(expected, StandardCharsets.UTF_8) : List.of();
        if (!committed.equals(actual)) {
            throw new AssertionError("The exported API differs from " + expected
                    + (committed.isEmpty() ? " (missing or empty)" : "") + " (- committed, + now):\n"
                    + diff(committed, actual)
                    + "If the change is intended, regenerate the file and commit it with the change:\n  "
                    + UPDATE_COMMAND + "\n");
        }
    }

    /**
     * Lists the exported API of the module compiled into {@code classes}.
     *
     * @param classes the module's compiled classes, with its {@code module-info.class}
     * @return the listing, one line per type or member: each type's line, then its members indented, types sorted
     * @throws IOException if a class file cannot be read
     */
    public static List<String> list(Path classes) throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        List<String> exported = module.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .sorted()
                .collect(Collectors.toList());
        List<String> lines = new ArrayList<>();
        lines.add("module " + module.name());
        for (String pkg : exported) {
            lines.add("exports " + pkg);
        }
        // parent first: the module's own classes when it is under test, else (a bare directory) read from there
        ClassLoader parent = Objects.requireNonNullElse(
                Thread.currentThread().getContextClassLoader(), PublicApi.class.getClassLoader());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent)) {
            for (String pkg : exported) {
                listPackage(classes, pkg, loader, lines);
            }
        }
        return lines;
    }

    private static void listPackage(Path classes, String pkg, ClassLoader loader, List<String> lines)
            throws IOException {
        {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(f -> f.getFileName().toString())
                        .filter(f -> f.endsWith(".class") && !f.equals("package-info.class"))
                        .map(f -> pkg + "." + f.substring(0, f.length() - ".class".length()))
                        .sorted()
                        .collect(Collectors.toList());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (String name : names) {
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("cannot load " + name + " from " + classes, e);
                }
                if (isExported(type)) {
                    lines.add(describe(type));
                    lines.addAll(members(type));
                }
            }
        }
    }

    private static boolean isExported(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!visible(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String describe(Class<?> type) {
        // JDK 17's toGenericString leaves out "sealed" and "non-sealed", later JDKs print them: drop them, so the
        // listing is the same on every JDK (a sealed type shows its permits below)
        StringBuilder s = new StringBuilder(type.toGenericString().replace(" non-sealed ", " ").replace(" sealed ", " "));
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && !type.isEnum() && !type.isRecord() && superclass != Object.class) {
            s.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            s.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            s.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses())
                    .map(Class::getName).sorted().collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    private static List<String> members(Class<?> type) {
        TreeSet<String> fields = new TreeSet<>();
        for (Field f : type.getDeclaredFields()) {
            if (shown(f)) {
                fields.add("  " + strip(f.toGenericString(), type, f.getName()));
            }
        }
        TreeSet<String> constructors = new TreeSet<>();
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (shown(c)) {
                constructors.add("  " + c.toGenericString());
            }
        }
        TreeSet<String> methods = new TreeSet<>();
        for (Method m : type.getDeclaredMethods()) {
            if (shown(m) && !m.isBridge()) {
                methods.add("  " + strip(m.toGenericString(), type, m.getName() + "("));
            }
        }
        List<String> all = new ArrayList<>(fields);
        all.addAll(constructors);
        all.addAll(methods);
        return all;
    }

    private static boolean shown(Member member) {
        return visible(member.getModifiers()) && !member.isSynthetic();
    }

    /** Drops the declaring type's name before a member's name: the type's own line already says it. */
    private static String strip(String generic, Class<?> type, String nameAndRest) {
        return generic.replace(type.getTypeName() + "." + nameAndRest, nameAndRest);
    }

    /**
     * A line diff (longest common subsequence) of two listings: removed lines start with {@code -}, added ones
     * with {@code +}; each change is preceded by the line of the type it belongs to.
     */
    static String diff(List<String> before, List<String> after) {
        int n = before.size();
        int m = after.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = before.get(i).equals(after.get(j))
                        ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        String type = null;
        String typeShown = null;
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                if (!before.get(i).startsWith(" ")) {
                    type = before.get(i);
                }
                i++;
                j++;
                continue;
            }
            boolean removal = j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1]);
            String line = removal ? before.get(i++) : after.get(j++);
            if (line.startsWith(" ") && type != null && !type.equals(typeShown)) {
                out.append("  ").append(type).append('\n');
                typeShown = type;
            } else if (!line.startsWith(" ")) {
                typeShown = line;
            }
            out.append(removal ? "- " : "+ ").append(line).append('\n');
        }
        return out.toString();
    }
}
