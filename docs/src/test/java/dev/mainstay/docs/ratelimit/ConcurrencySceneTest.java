package dev.mainstay.docs.ratelimit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConcurrencySceneTest {

    @Test
    void theSceneTellsWhatHappened() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ConcurrencyScene().play(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("the third is refused at once (2 in flight, limit 2)"), out);
        assertTrue(out.contains("the second close frees nothing (1 still in flight)"), out);
        Matcher rounds = Pattern.compile("after (\\d+) rounds of calls: limit (\\d+), latency").matcher(out);
        assertTrue(rounds.find(), out);
        int full = Integer.parseInt(rounds.group(2));
        assertTrue(full >= 10 && full <= 18, "near the capacity of 10, plus headroom: " + full + "\n" + out);
        assertTrue(rounds.find(), out);
        int half = Integer.parseInt(rounds.group(2));
        assertTrue(half >= 5 && half < full, "followed the capacity down to 5: " + half + "\n" + out);
    }
}
