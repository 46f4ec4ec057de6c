package dev.mainstay.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The report's charts, drawn by JFreeChart on JFreeSVG: plain SVG with text as {@code <text>} in a font stack every
 * browser has (no fonts, scripts or images referenced), so GitHub shows them in Markdown.
 */
final class Charts {

    static final int WIDTH = 980;
    private static final String FONT = Font.SANS_SERIF;
    private static final String FONT_STACK = "DejaVu Sans, Verdana, Arial, sans-serif";
    private static final Color MAINSTAY = new Color(0x1b, 0x2a, 0x49);
    private static final Color[] MAINSTAY_VARIANTS = {MAINSTAY, new Color(0x4f, 0x5d, 0x75), new Color(0x8a, 0x94, 0xa6)};
    private static final Color[] PEERS = {new Color(0xd6, 0x27, 0x28), new Color(0x2c, 0xa0, 0x2c),
        new Color(0xff, 0x7f, 0x0e), new Color(0x94, 0x67, 0xbd), new Color(0x17, 0xbe, 0xcf),
        new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0xbc, 0xbd, 0x22)};
    private static final Shape DOT = new Ellipse2D.Double(-4, -4, 8, 8);
    private static final Shape SQUARE = new Rectangle2D.Double(-3.5, -3.5, 7, 7);

    private Charts() {}

    /**
     * One module: each case a row; left, the ratio of Mainstay's speed to each peer's on a log scale with the
     * propagated error as whiskers and a line at 1×; right, the bytes each implementation allocates per operation.
     */
    static String module(String title, String subtitle, List<Ratio.Case> cases) {
        List<Ratio.Case> shown = cases.stream().filter(c -> !c.ratios().isEmpty()).toList();
        String[] labels = shown.stream().map(Ratio.Case::label).toArray(String[]::new);

        Map<String, YIntervalSeries> ratioSeries = new LinkedHashMap<>();
        Map<String, XYSeries> allocSeries = new LinkedHashMap<>();
        Map<String, Color> colours = new LinkedHashMap<>();
        double low = 0.5;
        double high = 2;
        int tallest = 1;
        for (int i = 0; i < shown.size(); i++) {
            Ratio.Case c = shown.get(i);
            List<Ratio> ratios = c.ratios();
            for (int k = 0; k < ratios.size(); k++) {
                Ratio r = ratios.get(k);
                String name = r.pair().label();
                colours.computeIfAbsent(name, n -> PEERS[(colours.size()) % PEERS.length]);
                double x = i + offset(k, ratios.size());
                double lower = Math.max(r.value() - r.error(), r.value() / 8);
                ratioSeries.computeIfAbsent(name, YIntervalSeries::new).add(x, r.value(), lower, r.value() + r.error());
                low = Math.min(low, lower);
                high = Math.max(high, r.value() + r.error());
            }
            List<JmhRow> compared = new ArrayList<>();
            for (Ratio r : ratios) {
                if (!compared.contains(r.mainstay())) {
                    compared.add(r.mainstay());
                }
            }
            for (Ratio r : ratios) {
                if (!compared.contains(r.peer())) {
                    compared.add(r.peer());
                }
            }
            tallest = Math.max(tallest, Math.max(ratios.size(), compared.size()));
            for (int j = 0; j < compared.size(); j++) {
                JmhRow row = compared.get(j);
                if (!Double.isNaN(row.bytesPerOp())) {
                    allocSeries.computeIfAbsent(Pairs.name(row.implementation()), XYSeries::new)
                            .add(i + offset(j, compared.size()), Math.max(0, row.bytesPerOp()));
                }
            }
        }

        SymbolAxis caseAxis = new SymbolAxis(null, labels);
        caseAxis.setInverted(true);
        caseAxis.setAutoRange(false);
        caseAxis.setRange(-0.5, Math.max(0.5, labels.length - 0.5));
        caseAxis.setGridBandsVisible(false);
        caseAxis.setTickLabelFont(new Font(FONT, Font.PLAIN, 12));
        caseAxis.setTickMarksVisible(false);
        caseAxis.setAxisLineVisible(false);

        LogAxis ratioAxis = new LogAxis("speed ratio, Mainstay ÷ peer (log scale; right of 1× Mainstay is faster)");
        ratioAxis.setBase(2);
        ratioAxis.setTickUnit(new NumberTickUnit(Math.log(high / low) / Math.log(2) > 9 ? 2 : 1));
        ratioAxis.setNumberFormatOverride(format("0.#####'×'")); // powers of 2: 0.03125× exactly
        ratioAxis.setSmallestValue(1e-6);
        ratioAxis.setAutoRange(false);
        ratioAxis.setRange(low / 1.25, high * 1.25);
        ratioAxis.setMinorTickMarksVisible(false);
        axisFonts(ratioAxis);
        XYErrorRenderer ratioRenderer = new XYErrorRenderer();
        ratioRenderer.setDrawXError(false);
        ratioRenderer.setDefaultLinesVisible(false);
        ratioRenderer.setCapLength(5);
        ratioRenderer.setErrorStroke(new BasicStroke(1.5f));
        YIntervalSeriesCollection ratioData = new YIntervalSeriesCollection();
        int s = 0;
        for (Map.Entry<String, YIntervalSeries> series : ratioSeries.entrySet()) {
            ratioData.addSeries(series.getValue());
            ratioRenderer.setSeriesPaint(s, colours.get(series.getKey()));
            ratioRenderer.setSeriesShape(s, DOT);
            s++;
        }
        XYPlot ratioPlot = new XYPlot(ratioData, null, ratioAxis, ratioRenderer);
        ValueMarker parity = new ValueMarker(1, Color.DARK_GRAY, new BasicStroke(1.2f));
        ratioPlot.addRangeMarker(parity);
        style(ratioPlot);

        NumberAxis allocAxis = new NumberAxis("allocation, B/op (gc profiler)");
        allocAxis.setAutoRangeIncludesZero(true);
        allocAxis.setUpperMargin(0.45); // room for the labels right of the dots
        axisFonts(allocAxis);
        XYLineAndShapeRenderer allocRenderer = new XYLineAndShapeRenderer(false, true);
        XYSeriesCollection allocData = new XYSeriesCollection();
        s = 0;
        int variants = 0;
        Map<String, Color> allocColours = new LinkedHashMap<>();
        for (XYSeries series : allocSeries.values()) {
            String name = (String) series.getKey();
            Color colour = name.startsWith("Mainstay") ? MAINSTAY_VARIANTS[variants++ % MAINSTAY_VARIANTS.length]
                    : peerColour(name, colours);
            allocColours.put(name, colour);
            allocData.addSeries(series);
            allocRenderer.setSeriesPaint(s, colour);
            allocRenderer.setSeriesShape(s, name.startsWith("Mainstay") ? SQUARE : DOT);
            s++;
        }
        allocRenderer.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator("{2}", format("0"),
                format("#,##0")));
        allocRenderer.setDefaultItemLabelsVisible(true);
        allocRenderer.setDefaultItemLabelFont(new Font(FONT, Font.PLAIN, 10));
        allocRenderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        allocRenderer.setDefaultItemLabelPaint(Color.DARK_GRAY);
        XYPlot allocPlot = new XYPlot(allocData, null, allocAxis, allocRenderer);
        style(allocPlot);

        for (int i = 0; i + 1 < shown.size(); i++) { // a rule between cases
            for (XYPlot sub : List.of(ratioPlot, allocPlot)) {
                sub.addDomainMarker(new ValueMarker(i + 0.5, new Color(0xe4, 0xe6, 0xeb), new BasicStroke(1f)));
            }
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(caseAxis);
        plot.setGap(14);
        plot.add(ratioPlot, 3);
        plot.add(allocPlot, 1);
        plot.setOrientation(PlotOrientation.HORIZONTAL); // after adding: it sets the subplots' orientation too
        LegendItemCollection legend = new LegendItemCollection();
        colours.forEach((name, colour) -> legend.add(item(name, colour, DOT)));
        allocColours.forEach((name, colour) -> {
            if (name.startsWith("Mainstay")) {
                legend.add(item(name + " (allocation)", colour, SQUARE));
            }
        });
        plot.setFixedLegendItems(legend);

        JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.BOLD, 16), plot, true);
        titles(chart, title, subtitle);
        int height = 150 + 24 * ((colours.size() + 2) / 3) + shown.size() * Math.max(40, 15 * tallest + 10);
        return svg(chart, height);
    }

    /** Pool size against throughput (left axis) and latency percentiles (right axis), one point per size. */
    static String poolSize(String title, String subtitle, List<double[]> points, List<double[]> rounds, int clients,
            double lesson) {
        XYSeries throughput = new XYSeries("transactions/s (left axis)");
        XYSeries eachRound = new XYSeries("transactions/s, each round");
        for (double[] round : rounds) {
            eachRound.add(round[0], round[1]);
        }
        XYSeries p50 = new XYSeries("p50 latency, ms (right axis)");
        XYSeries p99 = new XYSeries("p99 latency, ms (right axis)");
        for (double[] point : points) { // size, per second, p50 ms, p99 ms
            throughput.add(point[0], point[1]);
            p50.add(point[0], point[2]);
            p99.add(point[0], point[3]);
        }
        LogAxis sizeAxis = new LogAxis("pool size (maximum connections), " + clients + " client threads");
        sizeAxis.setBase(2);
        sizeAxis.setTickUnit(new NumberTickUnit(1));
        sizeAxis.setNumberFormatOverride(format("0"));
        sizeAxis.setAutoRange(false);
        sizeAxis.setRange(0.8, 80);
        sizeAxis.setMinorTickMarksVisible(false);
        axisFonts(sizeAxis);
        NumberAxis rateAxis = new NumberAxis("transactions per second");
        rateAxis.setAutoRangeIncludesZero(true);
        rateAxis.setUpperMargin(0.15);
        axisFonts(rateAxis);
        NumberAxis latencyAxis = new NumberAxis("latency, ms (from asking for a connection to commit)");
        latencyAxis.setAutoRangeIncludesZero(true);
        latencyAxis.setUpperMargin(0.15);
        axisFonts(latencyAxis);

        XYLineAndShapeRenderer rateRenderer = new XYLineAndShapeRenderer(true, true);
        rateRenderer.setSeriesPaint(0, MAINSTAY);
        rateRenderer.setSeriesStroke(0, new BasicStroke(2.5f));
        rateRenderer.setSeriesShape(0, SQUARE);
        XYLineAndShapeRenderer latencyRenderer = new XYLineAndShapeRenderer(true, true);
        latencyRenderer.setSeriesPaint(0, PEERS[2]);
        latencyRenderer.setSeriesPaint(1, PEERS[0]);
        latencyRenderer.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1,
                new float[] {5, 4}, 0));
        latencyRenderer.setSeriesStroke(1, new BasicStroke(2f));
        latencyRenderer.setSeriesShape(0, DOT);
        latencyRenderer.setSeriesShape(1, DOT);

        rateRenderer.setSeriesPaint(1, new Color(0x8a, 0x94, 0xa6));
        rateRenderer.setSeriesLinesVisible(1, false);
        rateRenderer.setSeriesShape(1, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        XYPlot plot = new XYPlot(collection(throughput, eachRound), sizeAxis, rateAxis, rateRenderer);
        plot.setDataset(1, collection(p50, p99));
        plot.setRangeAxis(1, latencyAxis);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, latencyRenderer);
        ValueMarker marker = new ValueMarker(lesson, Color.GRAY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1, new float[] {3, 3}, 0));
        marker.setLabel("cores × 2 + 1 = " + format("0").format(lesson));
        marker.setLabelFont(new Font(FONT, Font.PLAIN, 11));
        marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        marker.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        plot.addDomainMarker(marker);
        style(plot);
        JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.BOLD, 16), plot, true);
        titles(chart, title, subtitle);
        return svg(chart, 520);
    }

    private static XYSeriesCollection collection(XYSeries... series) {
        XYSeriesCollection collection = new XYSeriesCollection();
        for (XYSeries s : series) {
            collection.addSeries(s);
        }
        return collection;
    }

    private static double offset(int index, int count) {
        double step = Math.min(0.8 / count, 0.22);
        return (index - (count - 1) / 2.0) * step;
    }

    private static Color peerColour(String implementationName, Map<String, Color> ratioColours) {
        for (Map.Entry<String, Color> entry : ratioColours.entrySet()) {
            if (entry.getKey().endsWith(" ÷ " + implementationName)) {
                return entry.getValue();
            }
        }
        return Color.GRAY;
    }

    private static LegendItem item(String name, Paint paint, Shape shape) {
        LegendItem item = new LegendItem(name, null, null, null, shape, paint);
        item.setLabelFont(new Font(FONT, Font.PLAIN, 12));
        return item;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(new Color(0xd0, 0xd4, 0xdc));
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));
        plot.setDomainGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    }

    private static void axisFonts(org.jfree.chart.axis.ValueAxis axis) {
        axis.setLabelFont(new Font(FONT, Font.PLAIN, 12));
        axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
    }

    private static void titles(JFreeChart chart, String title, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 8, 6, 16));
        TextTitle head = new TextTitle(title, new Font(FONT, Font.BOLD, 16));
        head.setHorizontalAlignment(HorizontalAlignment.LEFT);
        chart.setTitle(head);
        for (String line : subtitle.split("\n")) {
            TextTitle sub = new TextTitle(line, new Font(FONT, Font.PLAIN, 11));
            sub.setPaint(Color.DARK_GRAY);
            sub.setHorizontalAlignment(HorizontalAlignment.LEFT);
            chart.addSubtitle(sub);
        }
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        legend.setItemFont(new Font(FONT, Font.PLAIN, 12));
    }

    private static String svg(JFreeChart chart, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, height);
        g2.setFontFunction(family -> FONT_STACK);
        g2.setDefsKeyPrefix("c"); // not the default's nanoTime: the same results give the same file
        g2.setGeomDoubleConverter(Charts::twoDecimals);
        g2.setTransformDoubleConverter(d -> String.format(Locale.ROOT, "%.6g", d));
        chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, height));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + g2.getSVGElement(null, true, new ViewBox(0, 0, WIDTH, height), null, null) + "\n";
    }

    /** Coordinates to a hundredth of a pixel, with no trailing zeros: smaller files, the same picture. */
    private static String twoDecimals(double d) {
        String s = String.format(Locale.ROOT, "%.2f", d);
        s = s.contains(".") ? s.replaceFirst("0+$", "").replaceFirst("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    private static DecimalFormat format(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
