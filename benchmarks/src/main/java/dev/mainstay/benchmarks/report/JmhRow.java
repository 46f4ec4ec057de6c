package dev.mainstay.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of a JMH JSON result: a benchmark method on one implementation, one thread count and one set of other
 * parameters, with its score, the score's error (JMH's 99.9 % interval half-width) and the gc profiler's
 * {@code gc.alloc.rate.norm} (bytes per operation; NaN when the run had no gc profiler).
 *
 * @param module the module, from the package ({@code dev.mainstay.benchmarks.<module>.Foo}), or {@code baseline}
 * @param type the benchmark class's simple name
 * @param method the benchmark method
 * @param mode JMH's mode ({@code thrpt}, {@code avgt}, ...)
 * @param threads the thread count
 * @param implementation the value of the class's implementation parameter (see {@link Pairs}), or empty
 * @param params the other parameters, sorted by name
 * @param score the primary score
 * @param error the primary score's error (NaN when JMH had too few iterations to give one)
 * @param unit the score's unit, e.g. {@code ns/op} or {@code ops/us}
 * @param bytesPerOp allocation per operation, or NaN
 * @param source the result file's name
 */
record JmhRow(String module, String type, String method, String mode, int threads, String implementation,
        Map<String, String> params, double score, double error, String unit, double bytesPerOp, String source) {

    /** Higher is better for throughput modes; lower for time modes. */
    boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /** What groups rows that differ only in the implementation: class, method, other parameters, threads. */
    String caseKey() {
        return type + "." + method + " " + params + " t" + threads;
    }

    /** A short name of the case for charts and tables: "Pool.claimRelease, 1 thread". */
    String caseLabel() {
        StringBuilder label = new StringBuilder(type.endsWith("Benchmark")
                ? type.substring(0, type.length() - "Benchmark".length()) : type).append('.').append(method);
        params.forEach((k, v) -> label.append(", ").append(k).append('=').append(v));
        return label.append(", ").append(threads).append(threads == 1 ? " thread" : " threads").toString();
    }

    /** Every row of one JMH JSON result file. */
    static List<JmhRow> read(Path file) throws IOException {
        Object parsed = Json.parse(Files.readString(file));
        if (!(parsed instanceof List<?> results)) {
            throw new IllegalArgumentException(file + " is not a JMH JSON result (an array of results)");
        }
        List<JmhRow> rows = new ArrayList<>();
        for (Object item : results) {
            Map<?, ?> result = (Map<?, ?>) item;
            String benchmark = (String) result.get("benchmark");
            int method = benchmark.lastIndexOf('.');
            int type = benchmark.lastIndexOf('.', method - 1);
            String className = benchmark.substring(0, method);
            String simpleName = benchmark.substring(type + 1, method);
            String pkg = type > 0 ? className.substring(0, type) : "";
            String module = pkg.startsWith("dev.mainstay.benchmarks.")
                    ? pkg.substring("dev.mainstay.benchmarks.".length()) : "baseline";
            Map<String, String> params = new TreeMap<>();
            if (result.get("params") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            String implementationParam = Pairs.implementationParam(simpleName);
            String implementation = implementationParam == null ? "" : params.remove(implementationParam);
            Map<?, ?> primary = (Map<?, ?>) result.get("primaryMetric");
            double bytes = Double.NaN;
            if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
                for (Map.Entry<?, ?> metric : secondary.entrySet()) {
                    // JMH 1.37 names it "gc.alloc.rate.norm"; older versions put a "·" in front
                    if (String.valueOf(metric.getKey()).replace("·", "").equals("gc.alloc.rate.norm")) {
                        bytes = Json.number((Map<?, ?>) metric.getValue(), "score");
                    }
                }
            }
            rows.add(new JmhRow(module, simpleName, benchmark.substring(method + 1), (String) result.get("mode"),
                    (int) Json.number(result, "threads"), implementation == null ? "" : implementation,
                    params, Json.number(primary, "score"), Json.number(primary, "scoreError"),
                    (String) primary.get("scoreUnit"), bytes, file.getFileName().toString()));
        }
        return rows;
    }

    /** A score with its error: "36.2 ± 2.6 ns/op". */
    String formattedScore() {
        String value = Report.number(score);
        return (Double.isNaN(error) ? value : value + " ± " + Report.number(error)) + " " + unit;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s: %s", caseLabel(), implementation, formattedScore());
    }
}
