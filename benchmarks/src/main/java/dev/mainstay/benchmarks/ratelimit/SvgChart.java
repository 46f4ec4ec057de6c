package dev.mainstay.benchmarks.ratelimit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A small line-chart writer: panels side by side, one polyline per series, axes from zero, no dependencies. */
final class SvgChart {

    private static final String[] COLOURS = {"#444444", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#bcbd22", "#ff7f0e"};
    private static final int PANEL_WIDTH = 420;
    private static final int PANEL_HEIGHT = 300;
    private static final int MARGIN = 55;

    /**
     * One panel: a title, axis labels and the series, each a name mapped to its points (x, y); {@code yMax} caps the
     * y axis (0: from the data), points above it are drawn on the top edge.
     */
    record Panel(String title, String xLabel, String yLabel, Map<String, List<double[]>> series, double yMax) {}

    private SvgChart() {}

    static String render(String title, List<Panel> panels) {
        int legendHeight = 22 * ((panels.get(0).series().size() + 3) / 4) + 10;
        int width = panels.size() * (PANEL_WIDTH + MARGIN) + MARGIN;
        int height = PANEL_HEIGHT + 2 * MARGIN + legendHeight + 20;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                MARGIN, escape(title)));
        for (int p = 0; p < panels.size(); p++) {
            panel(svg, panels.get(p), MARGIN + p * (PANEL_WIDTH + MARGIN), MARGIN);
        }
        int i = 0;
        int legendTop = PANEL_HEIGHT + 2 * MARGIN + 10;
        for (String name : panels.get(0).series().keySet()) {
            int x = MARGIN + (i % 4) * 230;
            int y = legendTop + (i / 4) * 22;
            String colour = COLOURS[i % COLOURS.length];
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"3\"%s/>%n", x, y, x + 24, y, colour, dash(name)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 30, y + 4, escape(name)));
            i++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, Panel panel, int left, int top) {
        double maxX = 0;
        double maxY = 0;
        for (List<double[]> points : panel.series().values()) {
            for (double[] point : points) {
                maxX = Math.max(maxX, point[0]);
                maxY = Math.max(maxY, point[1]);
            }
        }
        maxX = nice(maxX);
        maxY = panel.yMax() > 0 ? panel.yMax() : nice(maxY);
        int bottom = top + PANEL_HEIGHT;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", left,
                top - 12, escape(panel.title())));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", left, top, PANEL_WIDTH, PANEL_HEIGHT));
        for (int tick = 0; tick <= 4; tick++) {
            double yValue = maxY * tick / 4;
            int y = bottom - PANEL_HEIGHT * tick / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n",
                    left, y, left + PANEL_WIDTH, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    left - 4, y + 4, format(yValue)));
            double xValue = maxX * tick / 4;
            int x = left + PANEL_WIDTH * tick / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    bottom + 16, format(xValue)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                left + PANEL_WIDTH / 2, bottom + 34, escape(panel.xLabel())));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%d) rotate(-90)\" "
                + "text-anchor=\"middle\">%s</text>%n", left - 42, top + PANEL_HEIGHT / 2, escape(panel.yLabel())));
        int i = 0;
        for (Map.Entry<String, List<double[]>> series : panel.series().entrySet()) {
            StringBuilder points = new StringBuilder();
            for (double[] point : series.getValue()) {
                double x = left + PANEL_WIDTH * (maxX == 0 ? 0 : point[0] / maxX);
                double y = bottom - PANEL_HEIGHT * Math.min(1, point[1] / maxY);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String colour = COLOURS[i % COLOURS.length];
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s "
                    + "points=\"%s\"/>%n", colour, dash(series.getKey()), points.toString().trim()));
            for (double[] point : series.getValue()) {
                double x = left + PANEL_WIDTH * (maxX == 0 ? 0 : point[0] / maxX);
                double y = bottom - PANEL_HEIGHT * Math.min(1, point[1] / maxY);
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y,
                        colour));
            }
            i++;
        }
    }

    /** Peers' series are dashed, so each pair (ours, theirs) reads at a glance. */
    private static String dash(String name) {
        return name.startsWith("Netflix") ? " stroke-dasharray=\"6,4\"" : "";
    }

    private static double nice(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 3, 4, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%d", (long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
