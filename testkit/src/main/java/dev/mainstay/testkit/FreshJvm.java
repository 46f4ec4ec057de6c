package dev.mainstay.testkit;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a test class's {@code main} in a fresh JVM, for what only a fresh JVM shows: which classes a path loads the
 * first time it runs.
 */
public final class FreshJvm {

    private FreshJvm() {}

    /**
     * Runs {@code main} (which must print {@code done} last) in a fresh JVM with class-load logging, on the class path
     * of {@code main}'s and {@code library}'s code sources, and fails if it loads {@code jdk.jfr.Event} or a nested
     * class of a module's {@code internal.Events}: with no recording, no event class may be loaded, since the first
     * one a JVM loads costs 200–300 ms of JFR set-up.
     *
     * @param main    the class whose {@code main} runs the path
     * @param library a class of the module under test
     * @throws IOException          if the child JVM cannot be started or its output read
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static void assertNoJfrEventClassLoaded(Class<?> main, Class<?> library)
            throws IOException, InterruptedException {
        String out = run(main, library, "-Xlog:class+load=info:stdout");
        List<String> jfrEvents = out.lines()
                .filter(line -> line.contains(" jdk.jfr.Event ") || line.contains(".internal.Events$"))
                .collect(Collectors.toList());
        if (!jfrEvents.isEmpty()) {
            throw new AssertionError("JFR event classes loaded without a recording: " + jfrEvents);
        }
    }

    private static String run(Class<?> main, Class<?> library, String... jvmOptions)
            throws IOException, InterruptedException {
        String classPath = Stream.of(library, main).map(FreshJvm::codeSource).map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        Path log = Files.createTempFile("mainstay-fresh-jvm", ".log");
        try {
            List<String> command = Stream.concat(
                            Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                                    Stream.of(jvmOptions)),
                            Stream.of("-cp", classPath, main.getName()))
                    .collect(Collectors.toList());
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("the child JVM did not finish in 60 s");
            }
            String out = Files.readString(log);
            if (child.exitValue() != 0 || !out.contains("done")) {
                throw new AssertionError("the child JVM failed (exit " + child.exitValue() + "):\n" + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no code source for " + type.getName(), e);
        }
    }
}
