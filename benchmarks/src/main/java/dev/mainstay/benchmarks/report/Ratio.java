package dev.mainstay.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mainstay's speed over a peer's in one case: the peer's time ÷ Mainstay's for time modes, Mainstay's throughput
 * ÷ the peer's for throughput modes, so above 1 always means Mainstay is faster. The error is the first-order
 * propagation of both scores' errors (JMH's 99.9 % half-widths), taken as independent: the relative errors add in
 * quadrature. A score without an error (too few iterations) counts as exact.
 *
 * @param pair the implementations compared
 * @param mainstay Mainstay's row
 * @param peer the peer's row
 * @param value the ratio
 * @param error its propagated error (absolute)
 */
record Ratio(Pairs.Pair pair, JmhRow mainstay, JmhRow peer, double value, double error) {

    static Ratio of(Pairs.Pair pair, JmhRow mainstay, JmhRow peer) {
        double value = mainstay.higherIsBetter() ? mainstay.score() / peer.score() : peer.score() / mainstay.score();
        double relative = Math.hypot(relative(mainstay), relative(peer));
        return new Ratio(pair, mainstay, peer, value, value * relative);
    }

    private static double relative(JmhRow row) {
        return Double.isNaN(row.error()) || row.score() == 0 ? 0 : row.error() / Math.abs(row.score());
    }

    /** "1.51 ± 0.32×". */
    String formatted() {
        return Report.number(value) + " ± " + Report.number(error) + "×";
    }

    /**
     * The cases of a module's rows, each with its rows in result order and the ratios of every pair both of whose
     * rows are there.
     */
    static List<Case> cases(List<JmhRow> rows) {
        Map<String, List<JmhRow>> byCase = new LinkedHashMap<>();
        for (JmhRow row : rows) {
            byCase.computeIfAbsent(row.caseKey(), k -> new ArrayList<>()).add(row);
        }
        List<Case> cases = new ArrayList<>();
        for (List<JmhRow> caseRows : byCase.values()) {
            List<Ratio> ratios = new ArrayList<>();
            for (Pairs.Pair pair : Pairs.of(caseRows.get(0).type())) {
                JmhRow mainstay = find(caseRows, pair.mainstay());
                JmhRow peer = find(caseRows, pair.peer());
                if (mainstay != null && peer != null && mainstay.mode().equals(peer.mode())) {
                    ratios.add(of(pair, mainstay, peer));
                }
            }
            cases.add(new Case(caseRows.get(0).caseLabel(), caseRows, ratios));
        }
        return cases;
    }

    private static JmhRow find(List<JmhRow> rows, String implementation) {
        return rows.stream().filter(r -> r.implementation().equals(implementation)).findFirst().orElse(null);
    }

    /** The rows of one case (class, method, other parameters, threads) and the ratios among them. */
    record Case(String label, List<JmhRow> rows, List<Ratio> ratios) {}
}
