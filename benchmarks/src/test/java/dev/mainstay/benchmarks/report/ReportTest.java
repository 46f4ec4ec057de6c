package dev.mainstay.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The report on a small committed fixture: JMH JSON of two sets, one run-facts file and a pool-sizing result. */
class ReportTest {

    private static final List<String> FIXTURES = List.of("jmh-pool.json", "jmh-pool.run", "jmh-ratelimit-t2.json",
            "pool-sizing.json");

    @TempDir
    static Path dir;

    static Path results;
    static Path docs;

    @BeforeAll
    static void writeReport() throws IOException {
        System.setProperty("java.awt.headless", "true");
        results = Files.createDirectories(dir.resolve("results"));
        docs = dir.resolve("docs");
        for (String name : FIXTURES) {
            try (InputStream in = ReportTest.class.getResourceAsStream(name)) {
                Files.copy(in, results.resolve(name));
            }
        }
        Report.write(results, docs);
    }

    @Test
    void readsRowsWithTheImplementationParameterApart() throws IOException {
        List<JmhRow> rows = JmhRow.read(results.resolve("jmh-ratelimit-t2.json"));
        assertEquals(4, rows.size());
        JmhRow guava = rows.get(1);
        assertEquals("ratelimit", guava.module());
        assertEquals("RateLimiterBenchmark", guava.type());
        assertEquals("tryAcquire", guava.method());
        assertEquals("guava", guava.implementation());
        assertEquals(Map.of(), guava.params());
        assertEquals(2, guava.threads());
        assertEquals(60.0, guava.score());
        assertTrue(Double.isNaN(guava.error()), "JMH writes \"NaN\" when it has no error");
        assertEquals(0.0, guava.bytesPerOp());
        assertEquals("RateLimiter.tryAcquire, 2 threads", guava.caseLabel());
        JmhRow baseline = rows.get(3);
        assertEquals("baseline", baseline.module());
        assertEquals("", baseline.implementation());
    }

    @Test
    void ratiosAreSpeedRatiosWithPropagatedErrors() throws IOException {
        List<Ratio.Case> cases = Ratio.cases(JmhRow.read(results.resolve("jmh-pool.json")));
        assertEquals(1, cases.size());
        List<Ratio> ratios = cases.get(0).ratios();
        assertEquals(2, ratios.size(), "mainstay ÷ stormpot and mainstay ÷ commons-pool2; stormpot-defaults absent");
        Ratio stormpot = ratios.get(0);
        assertEquals("stormpot", stormpot.peer().implementation());
        assertEquals(1.5, stormpot.value(), 1e-12, "throughput: Mainstay's ÷ the peer's");
        // relative errors 0.1 and 0.2 in quadrature
        assertEquals(1.5 * Math.sqrt(0.01 + 0.04), stormpot.error(), 1e-12);
        assertEquals(60.0, ratios.get(1).value(), 1e-12);

        List<Ratio.Case> limiter = Ratio.cases(JmhRow.read(results.resolve("jmh-ratelimit-t2.json")));
        Ratio guava = limiter.get(0).ratios().get(0);
        assertEquals(1.5, guava.value(), 1e-12, "time: the peer's ÷ Mainstay's, so above 1 is faster here too");
        assertEquals(1.5 * 0.1, guava.error(), 1e-12, "a score without an error counts as exact");
        assertTrue(limiter.get(0).ratios().stream().noneMatch(r -> r.peer().implementation().equals("floor")),
                "the floor has no pair");
    }

    @Test
    void chartsArePlainSvgThatParses() throws Exception {
        for (String chart : List.of("pool.svg", "ratelimit.svg", "pool-size.svg")) {
            Path file = docs.resolve("charts").resolve(chart);
            String svg = Files.readString(file);
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            assertEquals("svg", document.getDocumentElement().getLocalName(), chart);
            assertTrue(document.getDocumentElement().hasAttribute("viewBox"), chart + " scales with the page");
            for (String banned : List.of("<script", "@font-face", "<image", "xlink:href=\"http", "url(http")) {
                assertFalse(svg.contains(banned), chart + " must not contain " + banned);
            }
            assertTrue(svg.contains("<text"), chart + " keeps text as text");
        }
        String pool = Files.readString(docs.resolve("charts/pool.svg"));
        assertTrue(pool.contains("Mainstay ÷ Stormpot 4.1"), "legend names the pair");
        assertTrue(pool.contains("Pool.claimRelease, 1 thread"), "the case is a row");
        assertFalse(Files.exists(docs.resolve("charts/lock.svg")), "no results, no chart");
    }

    @Test
    void pageEmbedsChartsTablesAndTheFactsOfTheRun() throws IOException {
        String page = Files.readString(docs.resolve("benchmarks.md"));
        assertTrue(page.contains("![mainstay-pool against its peers](charts/pool.svg)"));
        assertTrue(page.contains("![mainstay-ratelimit against its peers](charts/ratelimit.svg)"));
        assertTrue(page.contains("| Pool.claimRelease, 1 thread | Stormpot 4.1 | 80.0 ± 16.0 ops/us | ≈ 0 | **1.50 ± 0.335×** |"),
                page);
        assertTrue(page.contains("| RateLimiter.tryAcquire, 2 threads | floor | 35.0 ± 1.50 ns/op | ≈ 0 |  |"),
                "a row without a pair has no ratio");
        assertTrue(page.contains("| RateLimiter.tryAcquire, 2 threads | Guava 33.5 | 60.0 ns/op | ≈ 0 | **1.50 ± 0.150×** |"));
        assertTrue(page.contains("`benchmarks/run pool.PoolBenchmark -t 1`"), "the command of the run");
        assertTrue(page.contains("Temurin-25.0.3"), "the JDK");
        assertTrue(page.contains("| 4.72 2.03 1.40 → 9.91 3.85 2.05 |"), "load before and after");
        assertTrue(page.contains("**Not a quiet run**"), "a 1-minute load above the cores is said");
        assertTrue(page.contains("## Other sets"), "the baseline has no module");
        assertTrue(page.contains("## Pool size"));
        assertTrue(page.contains("| 8 | 792 (742–812) | 10.0 ms | 38.0 ms (36.0–43.0) | 20.0 ms | 90.0 ms | 0 |"), page);
    }

    @Test
    void numbersKeepThreeFiguresWithoutExponents() {
        assertEquals("12345", Report.number(12345.4));
        assertEquals("36.2", Report.number(36.21));
        assertEquals("1.51", Report.number(1.514));
        assertEquals("0.0123", Report.number(0.012345));
        assertEquals("0.150", Report.number(0.15));
        assertEquals("≈ 0", Report.bytes(0.0009));
        assertEquals("96", Report.bytes(96.1));
        assertEquals("≈ 0", Report.number(0.0009));
        assertEquals("0", Report.number(0));
        assertEquals("n/a", Report.number(Double.NaN));
    }

    @Test
    void jsonReaderRejectsWhatIsNotJson() {
        assertEquals(List.of(1.0, "a", Map.of("b", true)), Json.parse("[1, \"a\", {\"b\": true}]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[] x"));
    }
}
