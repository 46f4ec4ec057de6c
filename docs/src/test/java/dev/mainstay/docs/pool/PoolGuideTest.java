package dev.mainstay.docs.pool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every tagged block of {@link PoolSnippets} appears, as it is, in the guide {@code docs/pool.md}. */
class PoolGuideTest {

    private static final Pattern TAGGED = Pattern.compile("// tag::(\\w+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]",
            Pattern.DOTALL);

    @Test
    void theGuideShowsTheExecutedCode() throws IOException {
        String guide = Files.readString(Path.of("pool.md"), StandardCharsets.UTF_8);
        String source = Files.readString(
                Path.of("src/main/java/dev/mainstay/docs/pool/PoolSnippets.java"), StandardCharsets.UTF_8);
        Matcher matcher = TAGGED.matcher(source);
        int blocks = 0;
        while (matcher.find()) {
            String block = dedent(matcher.group(2));
            assertTrue(guide.contains(block), () -> "docs/pool.md lacks the '" + matcher.group(1) + "' block:\n"
                    + block);
            blocks++;
        }
        assertTrue(blocks >= 3, "found " + blocks + " tagged blocks");
        assertTrue(!guide.contains("PERFORMANCE_TABLE"), "the guide has its measured table");
    }

    private static String dedent(String block) {
        List<String> lines = block.lines().collect(Collectors.toList());
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent))
                .collect(Collectors.joining("\n"));
    }
}
