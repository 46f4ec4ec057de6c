package dev.mainstay.hashring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Placement vectors published with spymemcached's {@code KetamaNodeLocatorTest}, which spymemcached in turn
 * checks against libketama.
 */
class KetamaCompatibilityTest {

    private static HashRing<String> ketama(List<String> servers) {
        HashRing.Builder<String> builder = HashRing.<String>builder().placement(Placement.KETAMA);
        for (String server : servers) {
            builder.node(server, server);
        }
        return builder.build();
    }

    private static List<String> localNodes(int count) {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add("127.0.0.1:" + (10000 + i));
        }
        return nodes;
    }

    @Test
    void libketamaCompatTwoAllVectors() throws IOException {
        List<String> servers = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            servers.add("10.0.1." + i + ":11211");
        }
        Collections.reverse(servers); // the order must not matter
        HashRing<String> ring = ketama(servers);
        int checked = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("spymemcached-ketama-8-servers.txt")), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                assertEquals(parts[1], ring.nodeFor(parts[0]), () -> "key " + parts[0]);
                assertEquals(parts[1], ring.nodeFor(parts[0].getBytes(StandardCharsets.UTF_8)));
                assertEquals(parts[1], ring.nodeFor(RingHash.ketamaMd5().hash(parts[0])));
                checked++;
            }
        }
        assertEquals(335, checked);
        assertEquals(8 * 160, ring.pointCount());
    }

    @Test
    void lookupsOfFourNodes() {
        List<String> nodes = localNodes(4);
        HashRing<String> ring = ketama(nodes);
        assertEquals(nodes.get(0), ring.nodeFor("dustin"));
        assertEquals(nodes.get(2), ring.nodeFor("noelani"));
        assertEquals(nodes.get(0), ring.nodeFor("some other key"));
    }

    @Test
    void continuumWrapsPastTheLastPoint() {
        List<String> nodes = localNodes(4);
        HashRing<String> ring = ketama(nodes);
        // spymemcached: the largest point of this continuum is 4294887009; these keys hash beyond it
        long maxPoint = ring.position(ring.pointCount() - 1) >>> 32;
        assertEquals(4294887009L, maxPoint);
        for (String key : List.of("V5XS8C8N", "8KR2DKR2", "L9KH6X4X")) {
            assertTrue(ring.hash(key) > maxPoint, key);
            assertEquals(nodes.get(3), ring.nodeFor(key), key);
        }
    }

    @Test
    void growingFromFourToFiveNodes() {
        HashRing<String> four = ketama(localNodes(4));
        HashRing<String> five = four.withNode("127.0.0.1:10004", "127.0.0.1:10004");
        assertEquals("127.0.0.1:10000", five.nodeFor("dustin"));
        assertEquals("127.0.0.1:10002", five.nodeFor("noelani"));
        assertEquals("127.0.0.1:10004", five.nodeFor("some other key"));
    }

    @Test
    void libketamaCompatOfFiveNodes() {
        List<String> nodes = localNodes(5);
        HashRing<String> ring = ketama(nodes);
        assertEquals(nodes.get(2), ring.nodeFor("36"));
        assertEquals(nodes.get(3), ring.nodeFor("10037"));
        assertEquals(nodes.get(1), ring.nodeFor("22051"));
        assertEquals(nodes.get(4), ring.nodeFor("49044"));
    }

    @Test
    void weightedDigestsFollowSpymemcachedsFloatArithmetic() {
        HashRing<String> ring = HashRing.<String>builder().placement(Placement.KETAMA)
                .node("a:11211", "a", 1).node("b:11211", "b", 2).node("c:11211", "c", 3).build();
        // floor(w / 6 * 160 / 4 * 3) digests of 4 points: 20, 40 and 60 digests
        assertEquals(80, ring.pointsOf("a:11211"));
        assertEquals(160, ring.pointsOf("b:11211"));
        assertEquals(240, ring.pointsOf("c:11211"));
    }
}
