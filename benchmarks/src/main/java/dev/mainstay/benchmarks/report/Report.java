package dev.mainstay.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code benchmarks/run --report}: turns the JMH JSON results ({@code jmh-*.json}, with the facts of each run in the
 * {@code jmh-*.run} file beside it) and {@code PoolSizing}'s {@code pool-sizing.json} into one SVG chart per module
 * ({@code docs/charts/<module>.svg}), {@code docs/charts/pool-size.svg} and {@code docs/benchmarks.md}, which embeds
 * the charts next to tables of every figure, with the commands, the JDK, the machine and the load average of each
 * run.
 *
 * <pre>
 * java -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.report.Report \
 *     [results folder, default benchmarks/target] [docs folder, default docs]
 * </pre>
 * A result file read later overrides an earlier one's row of the same case and implementation (files are read in
 * name order), so a set run again replaces its rows.
 */
public final class Report {

    /** The modules in the order the docs present them; each gets a chart when it has at least one ratio. */
    static final List<String> MODULES = List.of("pool", "retry", "ratelimit", "lock", "idempotency", "hashring");
    static final String POOL_SIZING = "pool-sizing.json";

    private Report() {}

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args.length > 0 ? args[0] : "benchmarks/target");
        Path docs = Path.of(args.length > 1 ? args[1] : "docs");
        List<Path> written = write(results, docs);
        written.forEach(path -> System.out.println("wrote " + path));
    }

    /** Reads the results, writes the charts and the page; returns the files written. */
    static List<Path> write(Path results, Path docs) throws IOException {
        List<Path> jsonFiles;
        try (Stream<Path> files = Files.list(results)) {
            jsonFiles = files.filter(p -> p.getFileName().toString().matches("jmh-.*\\.json")).sorted().toList();
        }
        Map<String, JmhRow> latest = new LinkedHashMap<>();
        List<Map<String, String>> runs = new ArrayList<>();
        for (Path file : jsonFiles) {
            if (Files.readString(file).isBlank()) { // JMH writes the file at the end: a set still running, or one that failed
                System.err.println("skipped " + file + ": empty");
                continue;
            }
            for (JmhRow row : JmhRow.read(file)) {
                latest.remove(row.caseKey() + "|" + row.implementation());
                latest.put(row.caseKey() + "|" + row.implementation(), row);
            }
            Path facts = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", ".run"));
            Map<String, String> run = Files.exists(facts) ? facts(facts) : new LinkedHashMap<>();
            run.put("file", file.getFileName().toString());
            runs.add(run);
        }
        runs.sort(java.util.Comparator.comparing(run -> run.getOrDefault("started", "~"))); // unrecorded last
        List<JmhRow> rows = List.copyOf(latest.values());
        Path charts = docs.resolve("charts");
        Files.createDirectories(charts);
        List<Path> written = new ArrayList<>();
        String when = runSummary(runs);

        StringBuilder page = new StringBuilder();
        page.append("# Benchmarks\n\n");
        page.append("Every Mainstay module next to the libraries it replaces, measured by JMH in the same run, drawn"
                + " from the results by one command. Read the **ratios**: on a 2-core machine shared with other work"
                + " the absolute figures move from run to run, the ratios of one run much less.\n\n");
        page.append("- **Speed ratio** = Mainstay's speed ÷ the peer's: the peer's time ÷ Mainstay's (ns/op), or"
                + " Mainstay's throughput ÷ the peer's (ops/µs). Right of 1× (above 1), Mainstay is faster.\n");
        page.append("- **Whiskers** and **±**: JMH's 99.9 % confidence half-width of each score; a ratio's error is"
                + " propagated to first order from both scores, taken as independent (the relative errors add in"
                + " quadrature). Single-fork quick runs: a wide whisker says the run could not tell, and a ratio"
                + " whose error is at least as large as itself is marked undetermined.\n");
        page.append("- **B/op**: bytes allocated per operation (`gc.alloc.rate.norm`, JMH's gc profiler).\n");
        page.append("- What each benchmark does, and which implementation is paired with which (like for like:"
                + " tuned with tuned, defaults with defaults), is in [benchmarks/README.md](../benchmarks/README.md)"
                + " and in the `Pairs` table of `dev.mainstay.benchmarks.report`. Rows without a pair (the direct"
                + " call, floors) are in the tables without a ratio.\n\n");
        page.append("## Reproduce\n\n```bash\n");
        page.append("flock /tmp/mainstay-jmh.lock benchmarks/run retry.RetryBenchmark -t 1   # one set; repeat per set"
                + " and thread count, as the table below lists them (the pool sets take no -t)\n");
        page.append("benchmarks/run --report                                              # these charts and this"
                + " page, from benchmarks/target/jmh-*.json\n```\n\n");
        page.append(when).append('\n');
        page.append(runTable(runs)).append('\n');

        for (String module : MODULES) {
            List<JmhRow> moduleRows = rows.stream().filter(r -> r.module().equals(module)).toList();
            if (moduleRows.isEmpty()) {
                continue;
            }
            List<Ratio.Case> cases = Ratio.cases(moduleRows);
            page.append("## mainstay-").append(module).append("\n\n");
            if (cases.stream().anyMatch(c -> !c.ratios().isEmpty())) {
                Path chart = charts.resolve(module + ".svg");
                Files.writeString(chart, Charts.module("mainstay-" + module + " against its peers",
                        "Left: speed ratio (log scale), whiskers = the 99.9 % intervals of both scores, propagated (cut at ÷8)."
                                + " Right: bytes allocated per operation.\n" + shortFacts(runs), cases));
                written.add(chart);
                page.append("![mainstay-").append(module).append(" against its peers](charts/").append(module)
                        .append(".svg)\n\n");
            }
            page.append(table(cases)).append('\n');
        }
        List<JmhRow> others = rows.stream().filter(r -> !MODULES.contains(r.module())).toList();
        if (!others.isEmpty()) {
            page.append("## Other sets\n\n").append(table(Ratio.cases(others))).append('\n');
        }

        Path sizing = results.resolve(POOL_SIZING);
        if (Files.exists(sizing)) {
            PoolSizingResult pool = PoolSizingResult.read(sizing);
            Path chart = charts.resolve("pool-size.svg");
            Files.writeString(chart, pool.chart());
            written.add(chart);
            page.append("## Pool size\n\n").append("![throughput and p99 latency by pool size](charts/pool-size.svg)")
                    .append("\n\n").append(pool.facts()).append("\n\n").append(pool.table()).append('\n')
                    .append("What it shows is discussed in [the pool guide](pool.md#pool-size).\n");
        }
        Path markdown = docs.resolve("benchmarks.md");
        Files.writeString(markdown, page.toString());
        written.add(markdown);
        return written;
    }

    private static String table(List<Ratio.Case> cases) {
        StringBuilder table = new StringBuilder(
                "| case | implementation | score | B/op | Mainstay ÷ it (speed) |\n|---|---|---|---|---|\n");
        for (Ratio.Case c : cases) {
            for (JmhRow row : c.rows()) {
                StringBuilder ratio = new StringBuilder();
                for (Ratio r : c.ratios()) {
                    if (r.peer() == row) {
                        ratio.append(ratio.isEmpty() ? "" : "; ").append("**").append(r.formatted()).append("**");
                        if (!r.pair().mainstay().equals("mainstay")) {
                            ratio.append(" for ").append(Pairs.name(r.pair().mainstay()));
                        }
                        if (r.error() >= r.value()) {
                            ratio.append(", undetermined (error ≥ ratio)");
                        }
                    }
                }
                table.append("| ").append(c.label()).append(" | ").append(Pairs.name(row.implementation()))
                        .append(" | ").append(row.formattedScore()).append(" | ")
                        .append(bytes(row.bytesPerOp())).append(" | ")
                        .append(ratio).append(" |\n");
            }
        }
        return table.toString();
    }

    private static String runTable(List<Map<String, String>> runs) {
        StringBuilder table = new StringBuilder("| result file | command | started (UTC) | load average before → after |\n"
                + "|---|---|---|---|\n");
        for (Map<String, String> run : runs) {
            table.append("| `").append(run.get("file")).append("` | `")
                    .append(run.getOrDefault("command", "(not recorded)")).append("` | ")
                    .append(run.getOrDefault("started", "")).append(" | ")
                    .append(run.getOrDefault("load.before", "?")).append(" → ")
                    .append(run.getOrDefault("load.after", "?")).append(" |\n");
        }
        return table.toString();
    }

    /**
     * The JDK, machine, date and load of the runs, and whether the machine was quiet. A set's own threads (up to 4)
     * raise the load it ends with, and the next set starts under what is left of it, so the verdict reads the load
     * when each set started: quiet when the 1-minute figure never exceeded the cores plus one.
     */
    static String runSummary(List<Map<String, String>> runs) {
        if (runs.isEmpty()) {
            return "No results.\n";
        }
        Map<String, String> first = runs.get(0);
        double cores = parse(first.getOrDefault("cores", "NaN"));
        double highest = Double.NaN;
        double highestAtStart = Double.NaN;
        for (Map<String, String> run : runs) {
            for (String key : List.of("load.before", "load.after")) {
                double load = oneMinute(run.get(key));
                if (!Double.isNaN(load)) {
                    highest = Double.isNaN(highest) ? load : Math.max(highest, load);
                    if (key.equals("load.before")) {
                        highestAtStart = Double.isNaN(highestAtStart) ? load : Math.max(highestAtStart, load);
                    }
                }
            }
        }
        String start = runs.stream().map(r -> r.getOrDefault("started", "")).filter(s -> !s.isEmpty()).sorted()
                .findFirst().orElse("?");
        String end = runs.stream().map(r -> r.getOrDefault("ended", "")).filter(s -> !s.isEmpty()).sorted()
                .reduce((a, b) -> b).orElse("?");
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "**The run**: %s to %s; %s; %s cores (%s); JMH 1.37 with the gc"
                        + " profiler; load average (1, 5, 15 min) at the start: %s.%n%n", start, end,
                first.getOrDefault("java", "JDK ?"), first.getOrDefault("cores", "?"), first.getOrDefault("cpu", "?"),
                first.getOrDefault("load.before", "?")));
        if (first.containsKey("jmh")) {
            text.append("The JMH command of the first set, as the script ran it: `java ").append(first.get("jmh"))
                    .append("` (the others differ in the set and `-t`).\n\n");
        }
        if (Double.isNaN(highestAtStart) || Double.isNaN(cores)) {
            text.append("The load average was not recorded.\n");
        } else if (highestAtStart > cores + 1) {
            text.append(String.format(Locale.ROOT, "**Not a quiet run**: the 1-minute load average reached %.1f on"
                    + " %.0f cores when a set started, so other work shared the machine and every score carries"
                    + " its noise; read the ratios with their whiskers, and take no absolute figure from here.%n",
                    highestAtStart, cores));
        } else {
            text.append(String.format(Locale.ROOT, "A quiet run: the 1-minute load average was at most %.1f on %s"
                    + " cores when a set started and at most %.1f when one ended; both count the benchmarks' own"
                    + " threads (up to 4), since the sets ran back to back.%n", highestAtStart,
                    first.getOrDefault("cores", "?"), highest));
        }
        return text.toString();
    }

    private static String shortFacts(List<Map<String, String>> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        double highestAtStart = 0;
        for (Map<String, String> run : runs) {
            for (String key : List.of("load.before", "load.after")) {
                double load = oneMinute(run.get(key));
                if (!Double.isNaN(load)) {
                    lowest = Math.min(lowest, load);
                    highest = Math.max(highest, load);
                    if (key.equals("load.before")) {
                        highestAtStart = Math.max(highestAtStart, load);
                    }
                }
            }
        }
        Map<String, String> first = runs.get(0);
        String date = first.getOrDefault("started", "?");
        return String.format(Locale.ROOT, "JMH 1.37, %s, %s cores, %s; 1-min load average %s–%s (%s)",
                first.getOrDefault("java", "JDK ?").replaceFirst(" \\(build.*", ""), first.getOrDefault("cores", "?"),
                date.length() >= 10 ? date.substring(0, 10) : date, number(lowest), number(highest),
                highestAtStart > parse(first.getOrDefault("cores", "NaN")) + 1 ? "a busy machine" : "quiet");
    }

    private static double oneMinute(String load) {
        return load == null || load.isBlank() ? Double.NaN : parse(load.trim().split("\\s+")[0]);
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static Map<String, String> facts(Path file) {
        Map<String, String> facts = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    facts.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return facts;
    }

    /** Bytes per operation: whole bytes, "≈ 0" below half a byte (what the profiler's own noise amounts to). */
    static String bytes(double b) {
        return Double.isNaN(b) ? "" : b < 0.5 ? "≈ 0" : String.format(Locale.ROOT, "%.0f", b);
    }

    /** Three significant figures, never an exponent: 0.0123, 1.23, 12.3, 123, 12345. */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        double a = Math.abs(x);
        if (a >= 100 || a == 0) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        if (a >= 0.001) {
            return String.format(Locale.ROOT, "%.3g", x);
        }
        return "≈ 0";
    }
}
