package dev.mainstay.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check every guide test makes: each fenced block of a guide marked {@code <!-- snippet: name -->} is, line for
 * line (leading and trailing spaces aside), the region {@code // name} ... {@code // end} of a compiled source.
 */
public final class GuideCheck {

    private static final Pattern BLOCK = Pattern.compile("<!-- snippet: ([a-z ]+) -->\\s*```java\\n(.*?)```",
            Pattern.DOTALL);

    private GuideCheck() {}

    /**
     * Asserts that the guide shows the compiled code.
     *
     * @param guide    the guide's file name in {@code docs/}, e.g. {@code "lock.md"}
     * @param expected how many snippets the guide has
     * @param sources  the sources holding the regions, relative to {@code docs/src/main/java/dev/mainstay/docs/}
     */
    public static void assertGuideShowsTheCompiledCode(String guide, int expected, String... sources)
            throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path file = root.resolveSibling("docs").resolve(guide);
        if (!Files.exists(file)) {
            file = root.resolve(guide);
        }
        String markdown = Files.readString(file, StandardCharsets.UTF_8);
        StringBuilder source = new StringBuilder();
        for (String name : sources) {
            source.append(Files.readString(root.resolve("src/main/java/dev/mainstay/docs").resolve(name),
                    StandardCharsets.UTF_8));
        }
        Matcher blocks = BLOCK.matcher(markdown);
        int found = 0;
        while (blocks.find()) {
            String name = blocks.group(1);
            Matcher code = Pattern.compile("// " + name + "\\n(.*?)\\n\\s*// end", Pattern.DOTALL).matcher(source);
            assertTrue(code.find(), "no snippet '" + name + "' in " + String.join(", ", sources));
            assertEquals(strip(code.group(1)), strip(blocks.group(2)), "snippet " + name + " of " + guide);
            found++;
        }
        assertEquals(expected, found, "snippets in " + guide);
    }

    private static String strip(String code) {
        StringBuilder out = new StringBuilder();
        for (String line : code.split("\\n")) {
            if (!line.isBlank()) {
                out.append(line.strip()).append('\n');
            }
        }
        return out.toString();
    }
}
