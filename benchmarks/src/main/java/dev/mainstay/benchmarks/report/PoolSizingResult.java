package dev.mainstay.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code dev.mainstay.benchmarks.pool.PoolSizing} wrote ({@code pool-sizing.json}): the run's facts and, per
 * pool size, the medians over the rounds and each round's throughput and p99. Turns them into the pool-size chart
 * and a Markdown table.
 */
record PoolSizingResult(Map<?, ?> root, List<Map<?, ?>> sizes) {

    static PoolSizingResult read(Path file) throws IOException {
        Map<?, ?> root = (Map<?, ?>) Json.parse(Files.readString(file));
        List<Map<?, ?>> sizes = new ArrayList<>();
        for (Object size : (List<?>) root.get("results")) {
            sizes.add((Map<?, ?>) size);
        }
        return new PoolSizingResult(root, sizes);
    }

    private int clients() {
        return (int) Json.number(root, "clients");
    }

    private String text(String key) {
        Object value = root.get(key);
        return value == null ? "?" : value instanceof Double d
                ? (d == Math.rint(d) ? Long.toString(d.longValue()) : Report.number(d)) : value.toString();
    }

    String chart() {
        List<double[]> points = new ArrayList<>();
        List<double[]> rounds = new ArrayList<>();
        for (Map<?, ?> size : sizes) {
            double poolSize = Json.number(size, "poolSize");
            points.add(new double[] {poolSize, Json.number(size, "perSecond"), Json.number(size, "p50Ms"),
                Json.number(size, "p99Ms")});
            for (double perSecond : rounds(size, "perSecondRounds")) {
                rounds.add(new double[] {poolSize, perSecond});
            }
        }
        double cores = Json.number(root, "cores");
        String date = text("started");
        return Charts.poolSize("Pool size against throughput and latency: " + clients() + " clients, "
                        + text("database"),
                String.format(Locale.ROOT, "Each client: %s. %s s warm-up + %s s per size; lines: medians of %s"
                                + " rounds, grey dots: each round.%n%s, %s cores, %s; 1-min load average %s at the"
                                + " start, %s at the end.",
                        text("workload"), text("warmupSeconds"), text("seconds"), text("rounds"),
                        text("java").replaceFirst(" \\(build.*", ""), text("cores"),
                        date.length() >= 10 ? date.substring(0, 10) : date, firstOf(text("loadBefore")),
                        firstOf(text("loadAfter"))),
                points, rounds, clients(), cores * 2 + 1);
    }

    private static List<Double> rounds(Map<?, ?> size, String key) {
        List<Double> values = new ArrayList<>();
        if (size.get(key) instanceof List<?> list) {
            for (Object value : list) {
                values.add((Double) value);
            }
        }
        return values;
    }

    /** " (lowest–highest)" over the rounds, or nothing for one round. */
    private static String range(Map<?, ?> size, String key) {
        List<Double> values = rounds(size, key);
        if (values.size() < 2) {
            return "";
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return " (" + Report.number(min) + "–" + Report.number(max) + ")";
    }

    private static String firstOf(String load) {
        return load.trim().split("\\s+")[0];
    }

    String facts() {
        return String.format(Locale.ROOT, "%s through `PooledDataSource` (`maxSize` = `minIdle` = the pool size),"
                        + " %d client threads, %s s warm-up and %s s measured per size, %s rounds (each sweeps every"
                        + " size; the table gives the median over the rounds, and the lowest and highest round in"
                        + " brackets); %s; %s cores (%s); %s to %s; load average (1, 5, 15 min) %s at the start, %s"
                        + " at the end.%n%n```bash%n%s%n```",
                text("database"), clients(), text("warmupSeconds"), text("seconds"), text("rounds"), text("java"),
                text("cores"), text("cpu"), text("started"), text("ended"), text("loadBefore"), text("loadAfter"),
                text("command"));
    }

    String table() {
        StringBuilder table = new StringBuilder("| pool size | transactions/s | p50 | p99 | p99 of the wait for a"
                + " connection | max | errors |\n|---|---|---|---|---|---|---|\n");
        for (Map<?, ?> size : sizes) {
            table.append(String.format(Locale.ROOT, "| %d | %s%s | %s ms | %s ms%s | %s ms | %s ms | %d |%n",
                    (int) Json.number(size, "poolSize"), Report.number(Json.number(size, "perSecond")),
                    range(size, "perSecondRounds"), Report.number(Json.number(size, "p50Ms")),
                    Report.number(Json.number(size, "p99Ms")), range(size, "p99MsRounds"),
                    Report.number(Json.number(size, "waitP99Ms")), Report.number(Json.number(size, "maxMs")),
                    (int) Json.number(size, "errors")));
        }
        return table.toString();
    }
}
