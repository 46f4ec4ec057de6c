package dev.mainstay.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdempotencyKeyGeneratorTest {

    @Test
    void uuidV7KeysCarryTheirVersionVariantAndMillisecond() {
        long millis = 0x0190_B7D2_7F3AL;
        UUID uuid = UUID.fromString(IdempotencyKeyGenerator.uuidV7(() -> millis).next());
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
        assertEquals(millis, uuid.getMostSignificantBits() >>> 16);
    }

    @Test
    void ulidsAre26CrockfordCharactersStartingWithTheMillisecond() {
        String ulid = IdempotencyKeyGenerator.ulid(() -> 1_469_918_176_385L).next();
        assertEquals(26, ulid.length());
        assertTrue(ulid.startsWith("01ARYZ6S41"), ulid); // the ULID spec's example timestamp
        assertTrue(ulid.matches("[0-9A-HJKMNP-TV-Z]{26}"), ulid);
        assertEquals("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", TimeOrderedKeys.ulid(-1L, -1L));
        assertEquals("00000000000000000000000001", TimeOrderedKeys.ulid(0L, 1L));
    }

    @Test
    void keysIncreaseStrictlyWithinAMillisecondAcrossCounterOverflowAndWhenTheClockStepsBack() {
        qt().withExamples(20).forAll(longs().between(0, (1L << 47))).checkAssert(start -> {
            AtomicLong clock = new AtomicLong(start);
            for (IdempotencyKeyGenerator generator : List.of(IdempotencyKeyGenerator.uuidV7(clock::get),
                    IdempotencyKeyGenerator.ulid(clock::get))) {
                String last = "";
                for (int i = 0; i < 40_000; i++) {
                    if (i == 30_000) {
                        clock.addAndGet(-5); // the clock steps back
                    }
                    String key = generator.next();
                    assertTrue(key.compareTo(last) > 0, key + " after " + last);
                    last = key;
                }
            }
        });
    }

    @Test
    void concurrentThreadsNeverGetTheSameKey() throws Exception {
        IdempotencyKeyGenerator generator = IdempotencyKeyGenerator.uuidV7();
        List<List<String>> perThread = IdempotencyStoreContract.duplicates(4, () -> {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                keys.add(generator.next());
            }
            return keys;
        });
        Set<String> all = new HashSet<>();
        perThread.forEach(all::addAll);
        assertEquals(80_000, all.size());
    }
}
