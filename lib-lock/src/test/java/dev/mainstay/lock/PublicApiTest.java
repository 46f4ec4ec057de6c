package dev.mainstay.lock;

import dev.mainstay.testkit.PublicApi;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The exported API is the one listed in {@code src/test/resources/api.txt}; regenerate it as the README says. */
class PublicApiTest {
    @Test
    void exportedApiIsTheCommittedOne() throws IOException {
        PublicApi.assertUnchanged();
    }
}
