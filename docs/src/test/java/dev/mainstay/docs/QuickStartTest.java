package dev.mainstay.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The README's Java quick start: the README shows {@link QuickStart}'s code, and that code does what it says. */
class QuickStartTest {

    @Test
    void theReadmeShowsTheCompiledQuickStart() throws Exception {
        GuideCheck.assertGuideShowsTheCompiledCode("../README.md", 1, "QuickStart.java");
    }

    @Test
    void theQuickStartChargesOnceAndReplaysTheRetry() throws Exception {
        AtomicInteger charges = new AtomicInteger();
        String[] answers = QuickStart.chargeOnce(charges).split(" / ");
        assertTrue(answers[0].matches("charged #1, token [1-9][0-9]*"), answers[0]);
        assertEquals(answers[0], answers[1], "the retry is answered the stored response");
        assertEquals("true", answers[2], "the retry is a replay");
        assertEquals(1, charges.get());
    }
}
