package dev.mainstay.docs.retry;

import java.util.Locale;

/** A tiny SVG writer for the guide's charts: rectangles, lines, polylines and text, nothing else. */
final class Svg {

    private final StringBuilder out = new StringBuilder();
    private final int width;
    private final int height;

    Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    Svg rect(double x, double y, double w, double h, String fill) {
        out.append("  <rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append("\"/>\n");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, boolean dashed) {
        out.append("  <line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append('"')
                .append(dashed ? " stroke-dasharray=\"4 3\"" : "").append("/>\n");
        return this;
    }

    Svg polyline(double[] xs, double[] ys, String stroke) {
        out.append("  <polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(stroke).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            out.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        out.append("\"/>\n");
        return this;
    }

    Svg text(double x, double y, String anchor, int size, String text) {
        out.append("  <text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" font-size=\"").append(size).append("\">").append(escape(text))
                .append("</text>\n");
        return this;
    }

    @Override
    public String toString() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"sans-serif\">\n"
                + "  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + out + "</svg>\n";
    }
}
