package dev.mainstay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicApiListingTest {

    @Test
    void listsPublicAndProtectedMembersOfExportedTypesOnly(@TempDir Path dir) throws IOException {
        assertEquals(List.of(
                "module demo",
                "exports demo.api",
                "public class demo.api.Open",
                "  public static final int LIMIT",
                "  public demo.api.Open()",
                "  protected void hook()",
                "  public java.util.List<java.lang.String> names(int)",
                "public static final class demo.api.Open$Nested",
                "  public demo.api.Open$Nested()",
                "  public static void touch()"), PublicApi.list(compile(dir)));
    }

    @Test
    void aDifferenceFailsWithADiffAndTheRegenerationCommand(@TempDir Path dir) throws IOException {
        Path classes = compile(dir);
        Path expected = dir.resolve("api.txt");
        List<String> listed = PublicApi.list(classes);
        Files.write(expected, listed.subList(0, listed.size() - 1));
        AssertionError e = assertThrows(AssertionError.class, () -> PublicApi.assertUnchanged(classes, expected));
        assertTrue(e.getMessage().contains("  public static final class demo.api.Open$Nested\n"
                + "+   public static void touch()\n"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dmainstay.api.update=true"), e.getMessage());
        Files.write(expected, listed);
        PublicApi.assertUnchanged(classes, expected);
    }

    @Test
    void diffShowsRemovedAndAddedLinesUnderTheirType() {
        List<String> before = List.of("module m", "exports p", "public final class p.A", "  public int size()",
                "public interface p.B", "  public abstract void run()");
        List<String> after = List.of("module m", "exports p", "public final class p.A", "  public long size()",
                "public interface p.B", "  public abstract void run()", "public class p.C");
        assertEquals("  public final class p.A\n"
                + "-   public int size()\n"
                + "+   public long size()\n"
                + "+ public class p.C\n", PublicApi.diff(before, after));
    }

    /** Compiles a module with one exported package, one qualified export and non-public parts. */
    private static Path compile(Path dir) throws IOException {
        Path src = dir.resolve("src");
        write(src.resolve("module-info.java"), "module demo { exports demo.api; exports demo.friend to java.base; }");
        write(src.resolve("demo/api/Open.java"), "package demo.api; public class Open {"
                + " public static final int LIMIT = 3; int hidden; public Open() {} Open(int a) {}"
                + " public java.util.List<String> names(int n) { return null; } protected void hook() {}"
                + " void packagePrivate() {} private void secret() {}"
                + " public static final class Nested { public static void touch() {} }"
                + " static class Closed { public void no() {} } }");
        write(src.resolve("demo/api/Hidden.java"), "package demo.api; class Hidden { public void no() {} }");
        write(src.resolve("demo/friend/Friend.java"), "package demo.friend; public class Friend {}");
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(),
                src.resolve("module-info.java").toString(), src.resolve("demo/api/Open.java").toString(),
                src.resolve("demo/api/Hidden.java").toString(), src.resolve("demo/friend/Friend.java").toString());
        assertEquals(0, status, "javac");
        return classes;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
