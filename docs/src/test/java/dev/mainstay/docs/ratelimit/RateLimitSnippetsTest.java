package dev.mainstay.docs.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.ConcurrencyLimit;
import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.Permit;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimiter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RateLimitSnippetsTest {

    @Test
    void snippetsRun() throws Exception {
        assertTrue(RateLimitSnippets.quickStart());
        RateLimiter one = RateLimiter.of(RateLimit.fixedWindow(1, Duration.ofHours(1)));
        assertEquals(0, RateLimitSnippets.retryAfter(one));
        assertTrue(RateLimitSnippets.retryAfter(one) > 0);
        assertEquals(5, RateLimitSnippets.algorithms().length);
        assertEquals("in stock", RateLimitSnippets.bulkhead(() -> "in stock"));
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(1));
        assertEquals(200, RateLimitSnippets.permit(limiter, () -> "ok"));
        assertEquals(504, RateLimitSnippets.permit(limiter, () -> {
            throw new TimeoutException("slow");
        }));
        try (Permit held = limiter.tryAcquire()) {
            assertTrue(held.isGranted());
            assertEquals(503, RateLimitSnippets.permit(limiter, () -> "never"));
        }
        assertEquals(0, limiter.inFlight());
        AtomicInteger reindexed = new AtomicInteger();
        int learned = RateLimitSnippets.adaptive(() -> "body", reindexed::incrementAndGet);
        assertTrue(learned >= 1, "the limit learned: " + learned);
        assertEquals(1, reindexed.get());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            assertTrue(RateLimitSnippets.keyedAndWaiting(scheduler));
        } finally {
            scheduler.shutdown();
        }
    }

    /** Every fenced block of the guide marked with a snippet name is the compiled code, line for line. */
    @Test
    void theGuideShowsTheCompiledCode() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path guide = root.resolveSibling("docs").resolve("ratelimit.md");
        if (!Files.exists(guide)) {
            guide = root.resolve("ratelimit.md");
        }
        String markdown = Files.readString(guide, StandardCharsets.UTF_8);
        String source = Files.readString(root.resolve("src/main/java/dev/mainstay/docs/ratelimit/RateLimitSnippets.java"),
                StandardCharsets.UTF_8);
        Matcher blocks = Pattern.compile("<!-- snippet: ([a-z ]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(markdown);
        int found = 0;
        while (blocks.find()) {
            String name = blocks.group(1);
            Matcher code = Pattern.compile("// " + name + "\\n(.*?)\\n\\s*// end", Pattern.DOTALL).matcher(source);
            assertTrue(code.find(), "no snippet '" + name + "' in RateLimitSnippets");
            assertEquals(strip(code.group(1)), strip(blocks.group(2)), "snippet " + name);
            found++;
        }
        assertEquals(7, found, "snippets in the guide");
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
