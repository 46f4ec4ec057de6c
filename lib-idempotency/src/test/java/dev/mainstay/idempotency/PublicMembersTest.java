package dev.mainstay.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.idempotency.http.IdempotencyFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public members JaCoCo found no test calling: value methods, descriptions and two builder settings. */
class PublicMembersTest {

    @Test
    void aFingerprintHandsOutACopyOfItsDigestAndEqualsByValue() throws Exception {
        Fingerprint a = Fingerprint.sha256("amount=10");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("amount=10".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(digest, a.bytes());
        a.bytes()[0] ^= 1; // a copy: changing it changes nothing
        assertArrayEquals(digest, a.bytes());
        assertNotSame(a.bytes(), a.bytes());
        Fingerprint same = Fingerprint.of(digest);
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, Fingerprint.sha256("amount=11"));
        assertEquals("Fingerprint[" + a.hex() + "]", a.toString());
    }

    @Test
    void aStoredResponseHashesByValueAndDescribesItself() {
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        StoredResponse one = StoredResponse.of(201, Map.of("Location", List.of("/orders/1")), body);
        StoredResponse two = StoredResponse.of(201, Map.of("Location", List.of("/orders/1")), body.clone());
        assertEquals(one, two);
        assertEquals(one.hashCode(), two.hashCode());
        assertEquals("StoredResponse[201, [Location], 8 bytes]", one.toString());
    }

    @Test
    void theInMemoryStoreCountsItsRecords() throws Exception {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().maximumRecords(10).build();
        assertEquals("InMemoryIdempotencyStore[0 of 10 records]", store.toString());
        Idempotency.builder(store).build().execute("s", "k", Fingerprint.sha256("x"),
                claim -> StoredResponse.ofText("ok"));
        assertEquals("InMemoryIdempotencyStore[1 of 10 records]", store.toString());
    }

    @Test
    void ulidKeysAreCrockfordBase32AndIncrease() {
        IdempotencyKeyGenerator ulid = IdempotencyKeyGenerator.ulid();
        String first = ulid.next();
        String second = ulid.next();
        assertTrue(first.matches("[0-9A-HJKMNP-TV-Z]{26}"), first);
        assertTrue(first.compareTo(second) < 0, first + " then " + second);
    }

    @Test
    void theFilterDescribesItselfAndChecksItsSettings() {
        Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).build();
        IdempotencyFilter filter = IdempotencyFilter.builder(idempotency)
                .scope(exchange -> "tenant")
                .storedHeaders("Location", "Content-Type")
                .build();
        assertTrue(filter.description().startsWith("Idempotency-Key (IETF httpapi draft) on "),
                filter.description());
        assertTrue(filter.description().contains("POST") && filter.description().contains("PATCH"),
                filter.description());
        assertEquals("scope", assertThrows(NullPointerException.class,
                () -> IdempotencyFilter.builder(idempotency).scope(null)).getMessage());
        assertEquals("name", assertThrows(NullPointerException.class,
                () -> IdempotencyFilter.builder(idempotency).storedHeaders("Location", null)).getMessage());
    }
}
