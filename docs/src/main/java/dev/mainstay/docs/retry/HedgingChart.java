package dev.mainstay.docs.retry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws {@code docs/retry-hedging.svg} from the numbers of {@link HedgingSimulation}: the latency percentiles with
 * and without hedging, and the extra load when the service slows for everyone, with and without a budget. A test
 * checks the file in the repository is what this code draws now.
 */
public final class HedgingChart {

    private static final String PLAIN = "#9aa5b1";
    private static final String HEDGED = "#1f77b4";
    private static final String NO_BUDGET = "#d62728";
    private static final String BUDGET = "#2ca02c";
    private static final String PERCENTILE = "#1f77b4";

    private HedgingChart() {}

    /** The chart as SVG text. */
    public static String draw(HedgingSimulation.Scenarios s) {
        Svg svg = new Svg(900, 360);
        latencies(svg, s, 20, 20, 400, 300);
        load(svg, s, 480, 20, 400, 300);
        return svg.toString();
    }

    private static void latencies(Svg svg, HedgingSimulation.Scenarios s, double x0, double y0, double w, double h) {
        double[] ps = {50, 90, 99, 99.9};
        String[] names = {"p50", "p90", "p99", "p99.9"};
        double max = 40; // ms
        double top = y0 + 40;
        double bottom = y0 + h - 30;
        double left = x0 + 40;
        svg.text(x0 + w / 2, y0 + 14, "middle", 14, "Latency (ms), 50,000 calls: p99 = 20 × p50");
        svg.text(x0 + w / 2, y0 + 30, "middle", 11, String.format(Locale.ROOT,
                "one hedge at the observed p95: p99 %.1f → %.1f ms (%.2f×), %.1f %% extra attempts",
                s.unhedged.percentile(99) / 1e6, s.hedged.percentile(99) / 1e6,
                (double) s.hedged.percentile(99) / s.unhedged.percentile(99), 100 * s.hedged.extraLoad()));
        for (int tick = 0; tick <= 40; tick += 10) {
            double y = bottom - (bottom - top) * tick / max;
            svg.line(left, y, x0 + w, y, "#e0e0e0", false).text(left - 6, y + 4, "end", 10, Integer.toString(tick));
        }
        double group = (x0 + w - left) / ps.length;
        for (int i = 0; i < ps.length; i++) {
            double gx = left + i * group;
            double plain = Math.min(max, s.unhedged.percentile(ps[i]) / 1e6);
            double hedged = Math.min(max, s.hedged.percentile(ps[i]) / 1e6);
            double bw = group * 0.32;
            svg.rect(gx + group * 0.15, bottom - (bottom - top) * plain / max, bw, (bottom - top) * plain / max, PLAIN);
            svg.rect(gx + group * 0.15 + bw, bottom - (bottom - top) * hedged / max, bw,
                    (bottom - top) * hedged / max, HEDGED);
            svg.text(gx + group / 2, bottom + 14, "middle", 11, names[i]);
        }
        svg.line(left, bottom, x0 + w, bottom, "#333", false);
        svg.rect(left + 10, bottom + 20, 10, 10, PLAIN).text(left + 24, bottom + 29, "start", 11, "no hedging");
        svg.rect(left + 120, bottom + 20, 10, 10, HEDGED).text(left + 134, bottom + 29, "hedged", 11, "hedged");
    }

    private static void load(Svg svg, HedgingSimulation.Scenarios s, double x0, double y0, double w, double h) {
        double top = y0 + 40;
        double bottom = y0 + h - 30;
        double left = x0 + 40;
        double right = x0 + w;
        int windows = s.slowBudget.loadPerWindow().length;
        svg.text(x0 + w / 2, y0 + 14, "middle", 14, "Extra attempts per call, per 1,000 calls");
        svg.text(x0 + w / 2, y0 + 30, "middle", 11, "calls 10,000 to 20,000: the service is 10 × slower for everyone");
        double slowX0 = left + (right - left) * (windows / 3.0) / windows;
        double slowX1 = left + (right - left) * (2 * windows / 3.0) / windows;
        svg.rect(slowX0, top, slowX1 - slowX0, bottom - top, "#fbeaea");
        for (int tick = 0; tick <= 100; tick += 25) {
            double y = bottom - (bottom - top) * tick / 100.0;
            svg.line(left, y, right, y, "#e0e0e0", false).text(left - 6, y + 4, "end", 10, tick + " %");
        }
        double tenPercent = bottom - (bottom - top) * 0.10;
        svg.line(left, tenPercent, right, tenPercent, "#333", true);
        series(svg, s.slowNoBudget.loadPerWindow(), left, right, top, bottom, NO_BUDGET);
        series(svg, s.slowBudget.loadPerWindow(), left, right, top, bottom, BUDGET);
        series(svg, s.slowPercentile.loadPerWindow(), left, right, top, bottom, PERCENTILE);
        svg.line(left, bottom, right, bottom, "#333", false);
        svg.text(left, bottom + 14, "start", 10, "0").text(right, bottom + 14, "end", 10, "30,000 calls");
        svg.rect(left + 0, bottom + 20, 10, 10, NO_BUDGET).text(left + 14, bottom + 29, "start", 11,
                "fixed 2 ms, no budget");
        svg.rect(left + 140, bottom + 20, 10, 10, BUDGET).text(left + 154, bottom + 29, "start", 11,
                "fixed 2 ms, budget");
        svg.rect(left + 260, bottom + 20, 10, 10, PERCENTILE).text(left + 274, bottom + 29, "start", 11,
                "p95, budget");
    }

    private static void series(Svg svg, double[] values, double left, double right, double top, double bottom,
            String colour) {
        double[] xs = new double[values.length];
        double[] ys = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            xs[i] = left + (right - left) * (i + 0.5) / values.length;
            ys[i] = bottom - (bottom - top) * Math.min(1.0, values[i]);
        }
        svg.polyline(xs, ys, colour);
    }

    /** Writes the chart to {@code retry-hedging.svg} in the directory given (default: the current one). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : ".").resolve("retry-hedging.svg");
        Files.writeString(target, draw(new HedgingSimulation.Scenarios()), StandardCharsets.UTF_8);
        System.out.println("wrote " + target);
    }
}
