package dev.mainstay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The library modules depend on the JDK alone. The enforcer's {@code zero-runtime-dependencies} rule (parent POM,
 * profile {@code library-module}, active wherever {@code src/main/java/module-info.java} exists) checks each
 * module's resolved dependency tree during its build; this test reads the POMs, so neither the rule nor its
 * trigger can go missing unnoticed.
 */
class ZeroRuntimeDependenciesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyLibraryModuleHasOnlyTestScopedDependencies() throws Exception {
        List<Path> poms = libraryPoms();
        assertEquals(6, poms.size(), "six library modules: " + poms);
        for (Path pom : poms) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            NodeList dependencies = doc.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                if (dependency.getParentNode().getParentNode().getNodeName().equals("dependencyManagement")) {
                    continue;
                }
                String artifact = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
                assertEquals("test", text(dependency, "scope"), pom + ": " + artifact + " must be test-scoped");
            }
        }
    }

    @Test
    void everyLibraryModuleRunsTheEnforcerRule() throws Exception {
        for (Path pom : libraryPoms()) {
            assertTrue(Files.exists(pom.resolveSibling("src/main/java/module-info.java")),
                    pom.getParent() + " needs its module-info.java, which also turns the zero-runtime-dependencies rule on");
        }
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        assertTrue(parent.contains("<exists>${basedir}/src/main/java/module-info.java</exists>")
                && parent.contains("<id>zero-runtime-dependencies</id>") && parent.contains("*:*:*:*:compile"),
                "the parent POM defines the rule for every module with a module-info.java");
    }

    @Test
    void noModuleUsesJqwik() throws IOException {
        try (var files = Files.walk(ROOT, 2)) {
            for (Path pom : (Iterable<Path>) files.filter(p -> p.getFileName().toString().equals("pom.xml"))::iterator) {
                assertTrue(!Files.readString(pom).toLowerCase().contains("jqwik"), pom + " mentions jqwik");
            }
        }
    }

    private static List<Path> libraryPoms() throws IOException {
        List<Path> poms = new ArrayList<>();
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(ROOT, "lib-*")) {
            for (Path module : modules) {
                poms.add(module.resolve("pom.xml"));
            }
        }
        poms.sort(null);
        return poms;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
