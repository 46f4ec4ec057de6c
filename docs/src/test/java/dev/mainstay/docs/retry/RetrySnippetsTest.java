package dev.mainstay.docs.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.Retry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the guide's snippets, and checks that every Java block of docs/retry.md is code compiled here. */
class RetrySnippetsTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/mainstay/docs/retry");

    @Test
    void quickStartRetriesUntilTheFetchSucceeds() {
        VirtualClock clock = new VirtualClock();
        AtomicInteger calls = new AtomicInteger();
        String body = RetrySnippets.quickStart(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new UncheckedIOException(new IOException("connection reset"));
            }
            return "stock: 7";
        }, clock);
        assertEquals("stock: 7", body);
        assertEquals(2, clock.sleeps().size());
        assertTrue(clock.sleeps().get(1) <= Duration.ofMillis(200).toNanos());
    }

    @Test
    void sharedBudgetIsSharedAndGiveUpExplainsItself() {
        VirtualClock clock = new VirtualClock();
        Retry[] policies = RetrySnippets.sharedBudget(clock);
        assertTrue(policies[0].config().budget().orElseThrow() == policies[1].config().budget().orElseThrow());
        String message = RetrySnippets.giveUp(policies[0], () -> {
            throw new UncheckedIOException(new IOException("down"));
        });
        assertEquals("gave up after 3 attempts, last: down, earlier failures: 2", message);
    }

    @Test
    void manualProtocolAndComposition() {
        VirtualClock clock = new VirtualClock();
        CircuitBreaker breaker = CircuitBreaker.builder().minimumCalls(2).countBasedWindow(2).ticker(clock).build();
        assertEquals("PONG", RetrySnippets.manual(breaker, clock, command -> "PONG"));
        assertEquals("fallback", RetrySnippets.manual(breaker, clock, command -> {
            throw new IOException("closed");
        }));
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertEquals("fallback", RetrySnippets.manual(breaker, clock, command -> "PONG"));

        AtomicInteger calls = new AtomicInteger();
        Retry retry = Retry.builder().sleeper(clock).build();
        String answer = RetrySnippets.composed(retry, breaker, () -> "fresh " + calls.incrementAndGet());
        assertTrue(answer.startsWith("served from cache; circuit breaker 'circuit-breaker' is OPEN"), answer);
        assertEquals(0, calls.get());
    }

    @Test
    void everyJavaBlockOfTheGuideIsCompiledCode() throws IOException {
        String guide = Files.readString(Path.of("retry.md"));
        StringBuilder sources = new StringBuilder();
        try (var files = Files.list(SOURCES)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                sources.append(normalize(Files.readString(file)));
            }
        }
        Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        List<String> checked = new ArrayList<>();
        while (blocks.find()) {
            String block = normalize(blocks.group(1));
            assertTrue(sources.indexOf(block) >= 0, "not in the compiled sources:\n" + blocks.group(1));
            checked.add(block);
        }
        assertTrue(checked.size() >= 5, "blocks checked: " + checked.size());
    }

    private static String normalize(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
