package dev.mainstay.docs.hashring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HashRingSceneTest {

    @Test
    void theRingMovesAboutAFifthAndModuloFourFifths() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new HashRingScene().play(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        Matcher ring = Pattern.compile("With the ring, (\\d+) keys \\([\\d.]+%\\) changed server, (\\d+) of them")
                .matcher(out);
        assertTrue(ring.find(), out);
        int moved = Integer.parseInt(ring.group(1));
        assertTrue(moved == Integer.parseInt(ring.group(2)), "every moved key went to the newcomer:\n" + out);
        assertTrue(moved > 0.15 * HashRingScene.KEYS && moved < 0.25 * HashRingScene.KEYS, out);

        Matcher modulo = Pattern.compile("With hash % n \\(4 -> 5\\), (\\d+) keys").matcher(out);
        assertTrue(modulo.find(), out);
        int moduloMoved = Integer.parseInt(modulo.group(1));
        assertTrue(moduloMoved > 0.78 * HashRingScene.KEYS && moduloMoved < 0.82 * HashRingScene.KEYS, out);

        Matcher busiest = Pattern.compile("the busiest holds (\\d+)").matcher(out);
        assertTrue(busiest.find(), out);
        assertTrue(Integer.parseInt(busiest.group(1)) <= 220, out);
        assertTrue(out.contains("Three replicas of user:42: ["), out);
    }
}
