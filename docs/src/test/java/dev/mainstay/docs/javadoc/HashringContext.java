package dev.mainstay.docs.javadoc;

import dev.mainstay.hashring.*;
import java.util.*;

/** The free names of {@code lib-hashring}'s javadoc examples. */
class HashringContext extends ExampleContext {

    final HashRing<String> ring = HashRing.<String>builder()
            .node("cache-a", "10.0.0.1").node("cache-b", "10.0.0.2").node("cache-c", "10.0.0.3").build();
    final String key = "user:42";
    final MovePlan.Move<String> move =
            MovePlan.between(ring, ring.withNode("cache-d", "10.0.0.4")).moves().get(0);
    final List<String> copied = new ArrayList<>();

    HashringContext() throws Exception {}

    void serve(String node) {
        copied.add("served on " + node);
    }

    void copy(String key, String from, String to) {
        copied.add(key + ": " + from + " -> " + to);
    }
}
