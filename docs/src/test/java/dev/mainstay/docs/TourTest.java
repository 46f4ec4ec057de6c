package dev.mainstay.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TourTest {

    @Test
    void tourPlaysEverySceneAndNamesEveryModule() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tour.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        for (String module : Tour.MODULES.keySet()) {
            assertTrue(out.contains(module), () -> "the tour does not mention " + module + ":\n" + out);
        }
        for (Scene scene : Tour.SCENES) {
            assertTrue(out.contains("== " + scene.module() + ": " + scene.title()), () -> "scene missing:\n" + out);
        }
        assertTrue(out.contains("End of the tour: " + Tour.SCENES.size() + " scene(s) played."), out);
    }

    @Test
    void everySceneNamesAKnownModule() {
        for (Scene scene : Tour.SCENES) {
            assertTrue(Tour.MODULES.containsKey(scene.module()), () -> "unknown module " + scene.module());
        }
        assertEquals(6, Tour.MODULES.size());
    }
}
