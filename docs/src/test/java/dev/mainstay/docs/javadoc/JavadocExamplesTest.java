package dev.mainstay.docs.javadoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.docs.javadoc.JavadocExamples.Compiled;
import dev.mainstay.docs.javadoc.JavadocExamples.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code <pre>{@code ...}</pre>} example in the lib modules' main javadoc compiles against the current API,
 * and every one that needs no server and no outside address runs (see {@link JavadocExamples} for how).
 */
class JavadocExamplesTest {

    static List<Example> java;
    static Compiled compiled;

    @BeforeAll
    static void compileAll(@TempDir Path out) throws Exception {
        java = JavadocExamples.all().stream().filter(Example::isJava).collect(Collectors.toList());
        compiled = JavadocExamples.compile(java, out);
    }

    @Test
    void everyExampleCompiles() {
        assertTrue(compiled.errors().isEmpty(), () -> compiled.errors().size() + " compile errors in javadoc examples:\n"
                + String.join("\n", compiled.errors()));
    }

    @Test
    void everyExampleThatNeedsNoServerRuns() {
        assertTrue(compiled.errors().isEmpty(), "compiles first");
        Map<String, int[]> counts = new LinkedHashMap<>();     // module -> found, Java, run here, Redis, compile only
        JavadocExamples.MODULES.keySet().forEach(module -> counts.put(module, new int[5]));
        for (Example example : JavadocExamples.all()) {
            counts.get(example.module())[0]++;
        }
        List<String> failures = new ArrayList<>();
        for (Example example : java) {
            int[] count = counts.get(example.module());
            count[1]++;
            if (JavadocExamples.compileOnlyReason(example) != null) {
                count[4]++;
            } else if (example.needsRedis()) {
                count[3]++;
            } else {
                try {
                    compiled.run(example, 20);
                    count[2]++;
                } catch (Exception | AssertionError e) {
                    failures.add(example.where() + ": " + e);
                }
            }
        }
        StringBuilder table = new StringBuilder("module: found, Java (all compiled), run here, Redis (run in the IT), compile only\n");
        counts.forEach((module, c) -> table.append(String.format("%-16s %3d %3d %3d %3d %3d%n", module, c[0], c[1], c[2], c[3], c[4])));
        System.out.print(table);
        assertTrue(failures.isEmpty(), () -> failures.size() + " javadoc examples failed when run:\n"
                + String.join("\n", failures));
    }

    /** The check itself: a stale example fails, and the failure names the lib file and the example's line. */
    @Test
    void aStaleExampleFailsNamingItsFileAndLine(@TempDir Path out) throws Exception {
        String source = String.join("\n",
                "package dev.mainstay.retry;",
                "",
                "/**",
                " * A policy.",
                " *",
                " * <pre>{@code",
                " * Retry retry = Retry.builder()",
                " *         .maxAttempts(4)",
                " *         .maxAtempts(5)",
                " *         .build();",
                " * }</pre>",
                " */",
                "final class Stale {}");
        List<Example> examples = JavadocExamples.extract("lib-retry", "lib-retry/src/main/java/dev/mainstay/retry/Stale.java",
                source);
        assertEquals(1, examples.size());
        assertEquals(7, examples.get(0).line());
        Compiled stale = JavadocExamples.compile(examples, out);
        assertEquals(1, stale.errors().size(), () -> String.join("\n", stale.errors()));
        assertTrue(stale.errors().get(0).startsWith("lib-retry/src/main/java/dev/mainstay/retry/Stale.java:9: cannot find symbol"),
                stale.errors().get(0));
        assertTrue(stale.errors().get(0).contains("maxAtempts"), stale.errors().get(0));
    }

    /** A listener renamed in the SPI: the example's {@code @Override} turns the rename into a compile error. */
    @Test
    void aListenerExampleOfARenamedMethodFails(@TempDir Path out) throws Exception {
        String source = String.join("\n",
                "/**",
                " * <pre>{@code",
                " * PoolListener listener = new PoolListener() {",
                " *     @Override public void borrowTimedOut(String pool, Duration waited) { timeouts.increment(); }",
                " * };",
                " * }</pre>",
                " */");
        List<Example> examples = JavadocExamples.extract("lib-pool", "lib-pool/src/main/java/dev/mainstay/pool/Old.java", source);
        Compiled stale = JavadocExamples.compile(examples, out);
        assertEquals(1, stale.errors().size(), () -> String.join("\n", stale.errors()));
        assertTrue(stale.errors().get(0).startsWith("lib-pool/src/main/java/dev/mainstay/pool/Old.java:4: method does not override"),
                stale.errors().get(0));
    }

    /** An example that shows an exception must throw it; one that runs through fails. */
    @Test
    void anExampleThatShowsAFailureMustFail(@TempDir Path out) throws Exception {
        String source = String.join("\n",
                "/**",
                " * <pre>{@code",
                " * idempotency.execute(\"user:42\", \"k1\", Fingerprint.sha256(\"amount=10\"), claim -> ok); // throws this",
                " * }</pre>",
                " */");
        List<Example> examples = JavadocExamples.extract("lib-idempotency",
                "lib-idempotency/src/main/java/dev/mainstay/idempotency/Once.java", source);
        Compiled once = JavadocExamples.compile(examples, out);
        assertTrue(once.errors().isEmpty(), () -> String.join("\n", once.errors()));
        AssertionError error = assertThrows(AssertionError.class, () -> once.run(examples.get(0), 20));
        assertTrue(error.getMessage().contains("Once.java:3: shows IdempotencyKeyReuseException but ran through"),
                error.getMessage());
    }
}
