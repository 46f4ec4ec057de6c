package dev.mainstay.docs.javadoc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.docs.javadoc.JavadocExamples.Compiled;
import dev.mainstay.docs.javadoc.JavadocExamples.Example;
import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.RedisBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javadoc examples that need a server, on real ones: every example that uses Redis on the testkit's Redis, and
 * every JDBC example (which {@link JavadocExamplesTest} runs on H2) again on the testkit's PostgreSQL.
 */
@ExtendWith(RealBackends.class)
class JavadocExamplesIT {

    private static final Pattern JDBC = Pattern.compile("\\bdataSource\\b");

    @AfterEach
    void backToMemory() {
        ExampleContext.useServers(null, null, 0);
    }

    @Test
    void serverExamplesRunOnRealServers(PostgresBackend pg, RedisBackend redis, @TempDir Path out) throws Exception {
        ExampleContext.useServers(pg.dataSource(), redis.host(), redis.port());
        List<Example> onServers = JavadocExamples.all().stream()
                .filter(Example::isJava)
                .filter(example -> JavadocExamples.compileOnlyReason(example) == null)
                .filter(example -> example.needsRedis() || JDBC.matcher(example.code()).find())
                .collect(Collectors.toList());
        Compiled compiled = JavadocExamples.compile(onServers, out);
        assertTrue(compiled.errors().isEmpty(), () -> String.join("\n", compiled.errors()));
        List<String> failures = new ArrayList<>();
        int redisExamples = 0;
        for (Example example : onServers) {
            try {
                compiled.run(example, 30);
                redisExamples += example.needsRedis() ? 1 : 0;
            } catch (Exception | AssertionError e) {
                failures.add(example.where() + ": " + e);
            }
        }
        System.out.printf("javadoc examples run on real servers: %d (%d on Redis, %d on PostgreSQL)%n",
                onServers.size(), redisExamples, onServers.size() - redisExamples);
        assertTrue(failures.isEmpty(), () -> failures.size() + " javadoc examples failed on real servers:\n"
                + String.join("\n", failures));
        assertTrue(redisExamples > 0 && onServers.size() > redisExamples, "both servers were used");
    }
}
