package org.gridbazaar.cli.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gridbazaar.cli.internal.OutputFiles;
import org.gridbazaar.grid.RadialFeeder;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.PeerOutcome;

/**
 * Draws a market's radial feeder as SVG: buses, the peers on them, the lines shaded by loading,
 * congested lines marked, and the direction of every line flow.
 *
 * <h2>Layout</h2>
 *
 * A single-line diagram. The root bus (grid connection) is at the left; each bus sits one column
 * right of its parent. The child that leads the deepest branch continues its parent's row, so the
 * main feeder is one straight horizontal line; every other child (a lateral) drops from its parent
 * and runs right into a row below. Each subtree is a block of rows, and a lateral's block goes into
 * the first rows below its parent where it overlaps nothing already drawn and its drop crosses
 * nothing, so lines never run through buses, labels or peers. The layout depends only on the
 * network (line order included), never on hashing: the same market always gives the same picture.
 * Peers stand below and right of their bus. Above {@value #MAX_BUSES_FULL} buses or {@value
 * #MAX_PEERS_LABELLED} peers, peer labels are left out; above {@value #MAX_BUSES_LABELLED} buses or
 * {@value #MAX_PEERS_COMPACT} peers bus labels too, and congested lines are labelled only when
 * there are at most {@value #MAX_CONGESTION_LABELS_UNLABELLED}. Every shape keeps a tooltip ({@code
 * <title>}) with its ids and values. Sizes are in px; the picture grows with the feeder (about 20
 * px per row of the diagram at 1,000 buses) rather than shrinking out of sight.
 *
 * <h2>What the elements mean</h2>
 *
 * <ul>
 *   <li>{@code <circle class="bus">} per bus ({@code class="bus root"} for the root), {@code
 *       data-bus} its id.
 *   <li>{@code <polyline class="line">} per network line, its points running from its {@code from}
 *       bus to its {@code to} bus (the end at the parent lies on the parent's circle); {@code
 *       data-line}, {@code data-from}, {@code data-to}; with a result also {@code data-flow-kw}
 *       (kW, positive from {@code from} to {@code to}, as {@link LineFlow}) and {@code
 *       data-loading-percent} ({@code 100*|flow|/capacity}). Colour from pale (0 %) through amber
 *       (50 %) to red (100 %); thin grey without capacity. A line is {@code congested} (extra
 *       class; twice as thick, dark red, dashed, labelled with its loading) when the result lists
 *       it in {@link NetworkOutcome#congestedLines()} or its {@code |flow|} exceeds its capacity by
 *       more than {@value #OVER_CAPACITY_TOLERANCE} relative; {@code penalized} (a pale red halo)
 *       when the congestion penalty used it ({@link NetworkOutcome#penalizedLines()}).
 *   <li>{@code <polygon class="flow-arrow">} per line with a non-zero flow: a triangle in the
 *       middle of the line's horizontal run into the child bus, whose first point is its tip,
 *       pointing the way the power flows.
 *   <li>one element of class {@code peer} per peer (shape by kind: {@code producer} triangle up,
 *       {@code consumer} triangle down, {@code prosumer} diamond, {@code chp} circle), with {@code
 *       data-peer}, {@code data-bus} and {@code data-role}. A peer is drawn as CHP when it has a
 *       CHP region, or when it can sell both power and heat. Its label shows the set-point (kW,
 *       positive sells) when there is a result.
 * </ul>
 *
 * Without a result (or with a result that has no network quantities, e.g. {@code INFEASIBLE}) the
 * picture shows the topology only: no colours by loading, no arrows.
 */
public final class FeederPlot {

    /**
     * Relative excess over capacity above which a line counts as congested ({@code |flow| >
     * capacity * (1 + this)}).
     */
    public static final double OVER_CAPACITY_TOLERANCE = 1e-6;

    /** Above this many buses, or {@link #MAX_PEERS_LABELLED} peers, peer labels are left out. */
    public static final int MAX_BUSES_FULL = 150;

    /** Above this many peers, peer labels are left out. */
    public static final int MAX_PEERS_LABELLED = 200;

    /** Above this many buses, or {@link #MAX_PEERS_COMPACT} peers, bus labels are left out too. */
    public static final int MAX_BUSES_LABELLED = 600;

    /** Above this many peers, bus labels are left out. */
    public static final int MAX_PEERS_COMPACT = 1500;

    /** Without bus labels, congested lines are labelled only when there are at most this many. */
    public static final int MAX_CONGESTION_LABELS_UNLABELLED = 40;

    private static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
    private static final String INK = "#222222";
    private static final String TOPOLOGY_LINE = "#5a6570";
    private static final String NO_CAPACITY_LINE = "#6b6b6b";
    private static final String CONGESTED = "#a50f15";
    private static final String PENALTY_HALO = "#f7b6b6";
    private static final double HEADER = 112;

    /** Bold text is about this much wider than regular text. */
    private static final double BOLD = 1.12;

    private FeederPlot() {}

    /** What a peer is drawn as. */
    enum Kind {
        PRODUCER("producer", "#2e8b57"),
        CONSUMER("consumer", "#1f77b4"),
        PROSUMER("prosumer", "#8e44ad"),
        CHP("chp", "#8c564b");

        final String cssClass;
        final String colour;

        Kind(String cssClass, String colour) {
            this.cssClass = cssClass;
            this.colour = colour;
        }

        static Kind of(Peer p) {
            boolean sellsHeat = p.heat() != null && p.heat().max() > 0;
            if (p.chpRegion() != null || (sellsHeat && p.power().max() > 0)) {
                return CHP;
            }
            return switch (p.role()) {
                case PRODUCER -> PRODUCER;
                case CONSUMER -> CONSUMER;
                case PROSUMER -> PROSUMER;
            };
        }
    }

    /** Sizes in px for one level of detail. */
    private record Sizes(
            double busR,
            double busFont,
            double peerFont,
            double marker,
            double peerStep,
            double lineWidth,
            boolean busLabels,
            boolean peerLabels) {

        static Sizes forCounts(int buses, int peers) {
            if (buses <= MAX_BUSES_FULL && peers <= MAX_PEERS_LABELLED) {
                return new Sizes(7, 11, 10, 10, 14, 3, true, true);
            }
            if (buses <= MAX_BUSES_LABELLED && peers <= MAX_PEERS_COMPACT) {
                return new Sizes(5, 9, 0, 7, 8, 2.2, true, false);
            }
            return new Sizes(3, 0, 0, 5, 6, 1.4, false, false);
        }

        double labelBand() {
            return busLabels ? busFont + 4 : 0;
        }
    }

    /**
     * The SVG document of {@code market}'s feeder, with flows, loadings and set-points from {@code
     * resultOrNull} when given.
     *
     * @param market a grid-aware market (it has a network)
     * @param resultOrNull a result of clearing this market, or {@code null} to draw the topology
     *     only
     * @throws IllegalArgumentException when the market has no network
     */
    public static String svg(Market market, MarketResult resultOrNull) {
        Network network =
                market.network()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "market "
                                                        + market.name()
                                                        + " has no network; a feeder plot needs a grid-aware case (a \"network\" with buses and lines)"));
        return new Drawing(market, network, resultOrNull).draw();
    }

    /**
     * Writes {@link #svg(Market, MarketResult)} to {@code file} (UTF-8), replacing it all at once
     * (a stopped run leaves the previous file as it was).
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Market market, MarketResult resultOrNull)
            throws IOException {
        OutputFiles.writeText(file, svg(market, resultOrNull));
    }

    /** One drawing: layout, then elements back to front. */
    private static final class Drawing {
        private final Market market;
        private final Network network;
        private final MarketResult result;
        private final NetworkOutcome outcome;
        private final RadialFeeder feeder;
        private final int n;
        private final Sizes sz;
        private final List<List<Peer>> peersAt;
        private final double[] x;
        private final double[] y;

        /**
         * For a lateral bus: x offset of its line's drop from its parent's centre; NaN otherwise.
         */
        private final double[] dropOffset;

        private final Map<String, LineFlow> flows = new HashMap<>();
        private final Map<PeerId, PeerOutcome> outcomes = new HashMap<>();
        private final Map<String, Line> lineById = new HashMap<>();
        private final Set<String> congested = new LinkedHashSet<>();
        private final Set<String> penalized = new LinkedHashSet<>();
        private double width;
        private double height;
        private double dx;

        Drawing(Market market, Network network, MarketResult result) {
            this.market = market;
            this.network = network;
            this.result = result;
            this.outcome = result == null ? null : result.network().orElse(null);
            this.feeder = RadialFeeder.of(network);
            this.n = feeder.busCount();
            this.sz = Sizes.forCounts(n, market.peers().size());
            this.peersAt = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                peersAt.add(new ArrayList<>(1));
            }
            for (Peer p : market.peers()) {
                if (p.bus() != null) {
                    peersAt.get(feeder.bus(p.bus())).add(p);
                }
            }
            this.x = new double[n];
            this.y = new double[n];
            this.dropOffset = new double[n];
            network.lines().forEach(l -> lineById.put(l.id(), l));
            if (result != null) {
                result.peers().forEach(o -> outcomes.put(o.id(), o));
            }
            if (outcome != null) {
                outcome.lineFlows().forEach(f -> flows.put(f.lineId(), f));
                congested.addAll(outcome.congestedLines());
                penalized.addAll(outcome.penalizedLines());
                for (Line l : network.lines()) {
                    LineFlow f = flows.get(l.id());
                    if (f != null
                            && !Double.isNaN(l.capacityKw())
                            && Math.abs(f.flowKw())
                                    > l.capacityKw() * (1 + OVER_CAPACITY_TOLERANCE)) {
                        congested.add(l.id());
                    }
                }
            }
        }

        String draw() {
            layout();
            SvgWriter w =
                    new SvgWriter(
                            width,
                            height,
                            "font-family",
                            FONT,
                            "class",
                            "feeder-plot",
                            "data-market",
                            market.name());
            w.element("title", "Feeder of " + market.name(), "id", "title");
            w.empty(
                    "rect",
                    "class",
                    "background",
                    "x",
                    0.0,
                    "y",
                    0.0,
                    "width",
                    width,
                    "height",
                    height,
                    "fill",
                    "#ffffff");
            header(w);
            lines(w);
            peers(w);
            buses(w);
            congestionMarks(w);
            return w.finish();
        }

        // ---------------------------------------------------------------- layout

        private void layout() {
            List<List<Integer>> children = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                children.add(new ArrayList<>(2));
            }
            for (int b = 0; b < n; b++) {
                if (feeder.parent(b) >= 0) {
                    children.get(feeder.parent(b)).add(b);
                }
            }
            int root = feeder.bus(network.rootBus());
            // breadth-first order, then subtree heights bottom-up
            int[] order = new int[n];
            int[] column = new int[n];
            int head = 0, tail = 0;
            order[tail++] = root;
            while (head < tail) {
                int u = order[head++];
                for (int c : children.get(u)) {
                    column[c] = column[u] + 1;
                    order[tail++] = c;
                }
            }
            int[] subtreeHeight = new int[n];
            for (int k = n - 1; k >= 0; k--) {
                int u = order[k];
                for (int c : children.get(u)) {
                    subtreeHeight[u] = Math.max(subtreeHeight[u], subtreeHeight[c] + 1);
                }
            }
            // the deepest child (first on ties) continues its parent's row; the others are laterals
            int[] heavy = new int[n];
            int[] lateralRank = new int[n];
            int[] lateralCount = new int[n];
            Arrays.fill(lateralRank, -1);
            for (int u = 0; u < n; u++) {
                heavy[u] = -1;
                for (int c : children.get(u)) {
                    if (heavy[u] < 0 || subtreeHeight[c] > subtreeHeight[heavy[u]]) {
                        heavy[u] = c;
                    }
                }
                for (int c : children.get(u)) {
                    if (c != heavy[u]) {
                        lateralRank[c] = lateralCount[u]++;
                    }
                }
            }
            int maxColumn = Arrays.stream(column).max().orElse(0);

            // column width: a bus label centred above the bus, the peer stack right of it, a
            // congestion label between two bus labels
            double busLabelWidth = 0, lineLabelWidth = 0;
            double[] labelWidth = new double[n];
            double[] stackWidth = new double[n];
            for (int b = 0; b < n; b++) {
                if (sz.busLabels) {
                    labelWidth[b] = textWidth(busLabel(b), sz.busFont);
                    busLabelWidth = Math.max(busLabelWidth, labelWidth[b]);
                }
                stackWidth[b] = peerStackWidth(peersAt.get(b));
            }
            if (congestionLabels()) {
                for (String id : congested) {
                    lineLabelWidth =
                            Math.max(
                                    lineLabelWidth,
                                    BOLD * textWidth(congestionLabel(id), congestionFont()));
                }
            }
            double maxStack = Arrays.stream(stackWidth).max().orElse(0);
            double minDx = sz.busLabels ? (sz.peerLabels ? 64 : 40) : 22;
            // a congestion label sits between the labels of the two buses of its line
            dx = Math.max(minDx, Math.max(busLabelWidth + lineLabelWidth + 8, busLabelWidth + 8));
            dx = Math.max(dx, maxStack + sz.busR + 8);
            dx = Math.min(dx, 240);
            double rootDrops =
                    lateralCount[root] <= 1
                            ? 0
                            : Math.min(
                                    (2 * sz.lineWidth + 1) * (lateralCount[root] - 1), 0.45 * dx);
            double left = Math.max(24, Math.max(busLabelWidth / 2, rootDrops + sz.lineWidth) + 12);
            double right = 0;
            for (int b = 0; b < n; b++) {
                x[b] = left + column[b] * dx;
                right =
                        Math.max(
                                right,
                                x[b]
                                        + Math.max(
                                                Math.max(labelWidth[b] / 2, sz.busR),
                                                stackWidth[b]));
            }
            // a lateral drops from its parent at an offset, so that two laterals of one bus do not
            // overlap
            for (int b = 0; b < n; b++) {
                int p = feeder.parent(b);
                if (p < 0 || lateralRank[b] < 0) {
                    dropOffset[b] = Double.NaN;
                } else {
                    // 2 * lineWidth + 1 apart (a congested line is 2 * lineWidth wide), squeezed
                    // into
                    // half a column when a bus has many laterals
                    double spacing =
                            Math.min(
                                    2 * sz.lineWidth + 1,
                                    0.45 * dx / Math.max(1, lateralCount[p] - 1));
                    dropOffset[b] = -lateralRank[b] * spacing;
                }
            }

            // rows: each subtree is a block of rows, each row the horizontal extent [lo, hi] of
            // what is
            // drawn in it; a lateral's block goes into the first rows below its parent where it
            // overlaps nothing and its drop from the parent crosses nothing (bottom-up, so no
            // recursion)
            int[] rowOffset = new int[n];
            Block[] block = new Block[n];
            double gap = sz.busLabels ? 6 : 2;
            for (int k = n - 1; k >= 0; k--) {
                int u = order[k];
                Block bl = heavy[u] >= 0 ? block[heavy[u]] : new Block();
                if (heavy[u] >= 0) {
                    block[heavy[u]] = null;
                }
                bl.cover(
                        0,
                        x[u] - Math.max(sz.busR, labelWidth[u] / 2) - gap,
                        x[u] + Math.max(Math.max(sz.busR, labelWidth[u] / 2), stackWidth[u]) + gap);
                for (int c : children.get(u)) {
                    if (c == heavy[u]) {
                        continue;
                    }
                    Block cb = block[c];
                    block[c] = null;
                    double dropX = x[u] + dropOffset[c];
                    // half a congested line's width either side: drops of one bus are 2 * lineWidth
                    // + 1 apart
                    double dropLo = dropX - sz.lineWidth, dropHi = dropX + sz.lineWidth;
                    cb.cover(0, dropLo, dropHi);
                    int at = bl.place(cb, dropLo, dropHi);
                    rowOffset[c] = at;
                    for (int r = 0; r < at; r++) {
                        bl.cover(r, dropLo, dropHi);
                    }
                    bl.merge(cb, at);
                }
                block[u] = bl;
            }
            int[] row = new int[n];
            for (int k = 1; k < n; k++) {
                int u = order[k];
                row[u] = row[feeder.parent(u)] + rowOffset[u];
            }
            int rows = block[root].size();

            // row heights: label band and bus above the line, the peer stack below it
            double[] below = new double[rows];
            for (int b = 0; b < n; b++) {
                below[row[b]] =
                        Math.max(below[row[b]], sz.busR + peerStackHeight(peersAt.get(b).size()));
            }
            double above = sz.labelBand() + sz.busR + 2;
            double pad = sz.busLabels ? 8 : 4;
            double[] rowY = new double[rows];
            double cursor = HEADER + 8;
            for (int r = 0; r < rows; r++) {
                rowY[r] = cursor + above;
                cursor = rowY[r] + Math.max(below[r], sz.busR) + pad;
            }
            for (int b = 0; b < n; b++) {
                y[b] = rowY[row[b]];
            }
            width = Math.max(Math.max(760, right + 20), textWidth(summary(), 12) + 32);
            height = cursor + 16;
        }

        private double congestionFont() {
            return sz.busLabels ? sz.busFont : 9;
        }

        private int peerColumns() {
            return sz.peerLabels ? 1 : 4;
        }

        /** The x offset of the first peer marker's centre from its bus's centre. */
        private double peerOffset() {
            return sz.lineWidth + 2.5 + sz.marker / 2;
        }

        private double peerStackWidth(List<Peer> ps) {
            if (ps.isEmpty()) {
                return 0;
            }
            if (!sz.peerLabels) {
                return peerOffset() + (Math.min(ps.size(), peerColumns()) - 0.5) * sz.peerStep;
            }
            double label = 0;
            for (Peer p : ps) {
                label = Math.max(label, textWidth(peerLabel(p), sz.peerFont));
            }
            return peerOffset() + sz.marker / 2 + 3 + label;
        }

        private double peerStackHeight(int peers) {
            if (peers == 0) {
                return 0;
            }
            int stackRows = (peers + peerColumns() - 1) / peerColumns();
            return 3 + stackRows * sz.peerStep;
        }

        /**
         * The polyline of a line from its {@code from} bus to its {@code to} bus: straight along a
         * row, or for a lateral down from the parent and then right to the child. The last two
         * points (in parent-to-child order) are the horizontal run into the child.
         */
        private double[][] route(int line) {
            int child = feeder.childBus(line);
            int parent = feeder.parent(child);
            double[][] pts;
            if (Double.isNaN(dropOffset[child])) {
                pts = new double[][] {{x[parent], y[parent]}, {x[child], y[child]}};
            } else {
                double o = dropOffset[child];
                if (Math.abs(o) < 0.9 * sz.busR) {
                    // leaves the circle straight down
                    double startY = y[parent] + Math.sqrt(sz.busR * sz.busR - o * o);
                    pts =
                            new double[][] {
                                {x[parent] + o, startY},
                                {x[parent] + o, y[child]},
                                {x[child], y[child]}
                            };
                } else {
                    // a bus with many laterals: a short slant from the centre to the drop
                    double knee = y[parent] + sz.busR + sz.lineWidth * 1.5;
                    pts =
                            new double[][] {
                                {x[parent], y[parent]},
                                {x[parent] + o, knee},
                                {x[parent] + o, y[child]},
                                {x[child], y[child]}
                            };
                }
            }
            if (network.lines().get(line).from().equals(feeder.busName(child))) {
                for (int i = 0, j = pts.length - 1; i < j; i++, j--) {
                    double[] t = pts[i];
                    pts[i] = pts[j];
                    pts[j] = t;
                }
            }
            return pts;
        }

        /**
         * Centre of the horizontal run into the child bus, where the arrow and the congestion label
         * go.
         */
        private double[] runMiddle(int line) {
            int child = feeder.childBus(line);
            int parent = feeder.parent(child);
            double startX =
                    Double.isNaN(dropOffset[child]) ? x[parent] : x[parent] + dropOffset[child];
            return new double[] {(startX + x[child]) / 2, y[child]};
        }

        // ---------------------------------------------------------------- header and legend

        /**
         * The line under the title: counts, and with a result its status, losses and congested
         * lines.
         */
        private String summary() {
            StringBuilder s = new StringBuilder();
            s.append(n)
                    .append(n == 1 ? " bus, " : " buses, ")
                    .append(network.lines().size())
                    .append(network.lines().size() == 1 ? " line, " : " lines, ")
                    .append(market.peers().size())
                    .append(market.peers().size() == 1 ? " peer" : " peers");
            if (result == null) {
                s.append("; topology only (no result)");
            } else if (outcome == null) {
                s.append("; ")
                        .append(result.status())
                        .append(", no network quantities in the result: topology only");
            } else {
                s.append("; ")
                        .append(result.status())
                        .append(", losses ")
                        .append(kw(outcome.lossesKw()))
                        .append(" kW");
                if (congested.isEmpty()) {
                    s.append(", no congested line");
                } else {
                    s.append(", ")
                            .append(congested.size())
                            .append(
                                    congested.size() == 1
                                            ? " congested line: "
                                            : " congested lines: ");
                    int k = 0;
                    for (String id : congested) {
                        if (k == 6) {
                            s.append(", …");
                            break;
                        }
                        s.append(k++ == 0 ? "" : ", ").append(id);
                    }
                }
            }
            return s.toString();
        }

        private void header(SvgWriter w) {
            w.element(
                    "text",
                    "Feeder " + market.name(),
                    "class",
                    "plot-title",
                    "x",
                    16.0,
                    "y",
                    24.0,
                    "font-size",
                    16,
                    "font-weight",
                    "bold",
                    "fill",
                    INK);
            w.element(
                    "text",
                    summary(),
                    "class",
                    "plot-summary",
                    "x",
                    16.0,
                    "y",
                    44.0,
                    "font-size",
                    12,
                    "fill",
                    "#444444");

            // legend row 1: buses and peer kinds
            w.start("g", "class", "legend", "font-size", 11, "fill", INK);
            double lx = 16, ly = 68;
            w.empty(
                    "circle",
                    "cx",
                    lx + 6,
                    "cy",
                    ly - 4,
                    "r",
                    6.0,
                    "fill",
                    INK,
                    "stroke",
                    INK,
                    "stroke-width",
                    1.5);
            lx = legendText(w, lx + 16, ly, "root bus (grid)");
            w.empty(
                    "circle",
                    "cx",
                    lx + 6,
                    "cy",
                    ly - 4,
                    "r",
                    6.0,
                    "fill",
                    "#ffffff",
                    "stroke",
                    INK,
                    "stroke-width",
                    1.5);
            lx = legendText(w, lx + 16, ly, "bus");
            for (Kind k : Kind.values()) {
                peerShape(w, k, lx + 6, ly - 4, 10, "legend-peer " + k.cssClass, null, null);
                lx = legendText(w, lx + 16, ly, k == Kind.CHP ? "CHP" : k.cssClass);
            }
            // legend row 2: lines
            lx = 16;
            ly = 92;
            if (outcome == null) {
                swatch(w, lx, ly, 28, TOPOLOGY_LINE, 3.0);
                legendText(w, lx + 34, ly, "line (no flows: topology only)");
            } else {
                lx = legendText(w, lx, ly, "line loading");
                int[] stops = {0, 25, 50, 75, 100};
                for (int pct : stops) {
                    swatch(w, lx, ly, 22, loadingColour(pct), 5.0);
                    lx = legendText(w, lx + 25, ly, pct + "%") - 4;
                }
                lx += 6;
                swatch(w, lx, ly, 28, CONGESTED, 5.0, "stroke-dasharray", "7 3");
                lx = legendText(w, lx + 34, ly, "congested (>100%)");
                swatch(w, lx, ly, 28, NO_CAPACITY_LINE, 2.25);
                lx = legendText(w, lx + 34, ly, "no capacity");
                if (!penalized.isEmpty()) {
                    swatch(w, lx, ly, 28, PENALTY_HALO, 9.0);
                    swatch(w, lx, ly, 28, loadingColour(50), 3.0);
                    lx = legendText(w, lx + 34, ly, "penalized");
                }
                arrow(w, lx + 14, ly - 4, 1, 0, 6, "legend-arrow", null);
                legendText(w, lx + 26, ly, "flow direction");
            }
            w.end("g");
        }

        /**
         * Writes a horizontal legend swatch from {@code lx}, {@code length} px long, 4 px above the
         * text baseline {@code ly}, in {@code stroke} at {@code width} px, with any further
         * attributes (a dash pattern).
         */
        private static void swatch(
                SvgWriter w,
                double lx,
                double ly,
                double length,
                String stroke,
                double width,
                Object... more) {
            Object[] attributes = {
                "x1",
                lx,
                "y1",
                ly - 4,
                "x2",
                lx + length,
                "y2",
                ly - 4,
                "stroke",
                stroke,
                "stroke-width",
                width
            };
            Object[] all = java.util.Arrays.copyOf(attributes, attributes.length + more.length);
            System.arraycopy(more, 0, all, attributes.length, more.length);
            w.empty("line", all);
        }

        /** Writes legend text at ({@code x}, {@code y}) and returns the x after it. */
        private double legendText(SvgWriter w, double lx, double ly, String text) {
            w.element("text", text, "x", lx, "y", ly);
            return lx + textWidth(text, 11) + 12;
        }

        // ---------------------------------------------------------------- lines

        private void lines(SvgWriter w) {
            List<Line> lines = network.lines();
            if (!penalized.isEmpty()) {
                w.start("g", "class", "penalty-halos", "fill", "none");
                for (int i = 0; i < lines.size(); i++) {
                    Line l = lines.get(i);
                    if (penalized.contains(l.id())) {
                        w.empty(
                                "polyline",
                                "class",
                                "penalty-halo",
                                "data-line",
                                l.id(),
                                "points",
                                pts(route(i)),
                                "stroke",
                                PENALTY_HALO,
                                "stroke-width",
                                sz.lineWidth * 3.4,
                                "stroke-linecap",
                                "round",
                                "stroke-linejoin",
                                "round");
                    }
                }
                w.end("g");
            }
            w.start(
                    "g",
                    "class",
                    "lines",
                    "fill",
                    "none",
                    "stroke-linecap",
                    "round",
                    "stroke-linejoin",
                    "round");
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                LineFlow f = flows.get(l.id());
                boolean isCongested = congested.contains(l.id());
                double loading = loading(l, f);
                String stroke;
                double strokeWidth = sz.lineWidth;
                if (outcome == null) {
                    stroke = TOPOLOGY_LINE;
                } else if (isCongested) {
                    stroke = CONGESTED;
                    strokeWidth = sz.lineWidth * 2;
                } else if (Double.isNaN(loading)) {
                    stroke = NO_CAPACITY_LINE;
                    strokeWidth = sz.lineWidth * 0.75;
                } else {
                    stroke = loadingColour(loading);
                }
                String cls =
                        "line"
                                + (isCongested ? " congested" : "")
                                + (penalized.contains(l.id()) ? " penalized" : "")
                                + (l.capacity().isEmpty() ? " no-capacity" : "");
                w.withTooltip(
                        "polyline",
                        lineTooltip(l, f, loading, isCongested),
                        "class",
                        cls,
                        "data-line",
                        l.id(),
                        "data-from",
                        l.from(),
                        "data-to",
                        l.to(),
                        "data-flow-kw",
                        f == null || Double.isNaN(f.flowKw()) ? null : Double.toString(f.flowKw()),
                        "data-loading-percent",
                        Double.isNaN(loading) ? null : Double.toString(loading),
                        "points",
                        pts(route(i)),
                        "stroke",
                        stroke,
                        "stroke-width",
                        strokeWidth,
                        "stroke-dasharray",
                        isCongested ? dashes(strokeWidth) : null);
            }
            w.end("g");
            if (outcome == null) {
                return;
            }
            double maxFlow = 0;
            for (LineFlow f : flows.values()) {
                if (Double.isFinite(f.flowKw())) {
                    maxFlow = Math.max(maxFlow, Math.abs(f.flowKw()));
                }
            }
            double zero = 1e-9 * Math.max(1, maxFlow);
            w.start("g", "class", "flow-arrows");
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                LineFlow f = flows.get(l.id());
                if (f == null || !Double.isFinite(f.flowKw()) || Math.abs(f.flowKw()) <= zero) {
                    continue;
                }
                // the run into the child bus points right (+x); the flow goes that way when it runs
                // from the parent to the child
                int child = feeder.childBus(i);
                boolean fromIsParent = !l.from().equals(feeder.busName(child));
                boolean downstream = (f.flowKw() > 0) == fromIsParent;
                double size =
                        Math.max(
                                4,
                                Math.min(
                                        9,
                                        congested.contains(l.id())
                                                ? sz.lineWidth * 3
                                                : sz.lineWidth * 2.4 + 1));
                double[] mid = runMiddle(i);
                arrow(w, mid[0], mid[1], downstream ? 1 : -1, 0, size, "flow-arrow", l.id());
            }
            w.end("g");
        }

        private static String dashes(double strokeWidth) {
            return SvgWriter.num(strokeWidth * 2.2) + " " + SvgWriter.num(strokeWidth * 1.1);
        }

        /**
         * A filled triangle centred at ({@code cx}, {@code cy}) pointing along the unit vector; its
         * first point is the tip.
         */
        private static void arrow(
                SvgWriter w,
                double cx,
                double cy,
                double ux,
                double uy,
                double size,
                String cls,
                String lineId) {
            double tipX = cx + ux * size, tipY = cy + uy * size;
            double baseX = cx - ux * size * 0.8, baseY = cy - uy * size * 0.8;
            double nx = -uy * size * 0.75, ny = ux * size * 0.75;
            w.empty(
                    "polygon",
                    "class",
                    cls,
                    "data-line",
                    lineId,
                    "points",
                    pts(tipX, tipY, baseX + nx, baseY + ny, baseX - nx, baseY - ny),
                    "fill",
                    INK,
                    "stroke",
                    "#ffffff",
                    "stroke-width",
                    0.8,
                    "stroke-linejoin",
                    "round");
        }

        /**
         * Whether congested lines get a text label: always with bus labels, else when there are
         * few.
         */
        private boolean congestionLabels() {
            return sz.busLabels || congested.size() <= MAX_CONGESTION_LABELS_UNLABELLED;
        }

        private void congestionMarks(SvgWriter w) {
            if (congested.isEmpty() || !congestionLabels()) {
                return;
            }
            double font = congestionFont();
            w.start(
                    "g",
                    "class",
                    "congestion-marks",
                    "font-size",
                    font,
                    "font-weight",
                    "bold",
                    "fill",
                    CONGESTED,
                    "text-anchor",
                    "middle");
            List<Line> lines = network.lines();
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                if (!congested.contains(l.id())) {
                    continue;
                }
                double[] mid = runMiddle(i);
                w.element(
                        "text",
                        congestionLabel(l.id()),
                        "class",
                        "congestion-mark",
                        "data-line",
                        l.id(),
                        "x",
                        mid[0],
                        "y",
                        mid[1] - sz.lineWidth * 2 - 5,
                        "stroke",
                        "#ffffff",
                        "stroke-width",
                        3.0,
                        "paint-order",
                        "stroke",
                        "stroke-linejoin",
                        "round");
            }
            w.end("g");
        }

        private String congestionLabel(String lineId) {
            Line l = lineById.get(lineId);
            double loading = l == null ? Double.NaN : loading(l, flows.get(lineId));
            return "⚠ "
                    + lineId
                    + (Double.isNaN(loading)
                            ? ""
                            : " " + String.format(Locale.ROOT, "%.0f%%", loading));
        }

        private static double loading(Line l, LineFlow f) {
            if (f == null) {
                return Double.NaN;
            }
            if (Double.isFinite(f.loadingPercent())) {
                return f.loadingPercent();
            }
            return l.capacity().isPresent() && Double.isFinite(f.flowKw())
                    ? 100 * Math.abs(f.flowKw()) / l.capacityKw()
                    : Double.NaN;
        }

        private String lineTooltip(Line l, LineFlow f, double loading, boolean isCongested) {
            StringBuilder s =
                    new StringBuilder("line ")
                            .append(l.id())
                            .append(": ")
                            .append(l.from())
                            .append(" – ")
                            .append(l.to())
                            .append(
                                    String.format(
                                            Locale.ROOT,
                                            ", r %.4g ohm, x %.4g ohm",
                                            l.resistanceOhm(),
                                            l.reactanceOhm()))
                            .append(
                                    l.capacity().isPresent()
                                            ? ", capacity " + kw(l.capacityKw()) + " kW"
                                            : ", no capacity limit");
            if (f != null && Double.isFinite(f.flowKw())) {
                double v = f.flowKw();
                s.append("; flow ")
                        .append(kw(Math.abs(v)))
                        .append(" kW from ")
                        .append(v >= 0 ? l.from() : l.to())
                        .append(" to ")
                        .append(v >= 0 ? l.to() : l.from());
                if (!Double.isNaN(loading)) {
                    s.append(String.format(Locale.ROOT, ", loading %.1f%%", loading));
                }
            }
            if (isCongested) {
                s.append("; CONGESTED");
            }
            if (penalized.contains(l.id())) {
                s.append("; penalized by the congestion penalty");
            }
            return s.toString();
        }

        // ---------------------------------------------------------------- buses and peers

        private void buses(SvgWriter w) {
            int root = feeder.bus(network.rootBus());
            w.start("g", "class", "buses", "stroke", INK, "stroke-width", sz.busR > 4 ? 1.5 : 1.0);
            for (int b = 0; b < n; b++) {
                List<Peer> ps = peersAt.get(b);
                StringBuilder tip =
                        new StringBuilder("bus ")
                                .append(feeder.busName(b))
                                .append(b == root ? " (root, grid connection)" : "");
                if (!ps.isEmpty()) {
                    tip.append("; peers:");
                    ps.forEach(p -> tip.append(' ').append(p.id()));
                }
                w.withTooltip(
                        "circle",
                        tip.toString(),
                        "class",
                        b == root ? "bus root" : "bus",
                        "data-bus",
                        feeder.busName(b),
                        "cx",
                        x[b],
                        "cy",
                        y[b],
                        "r",
                        sz.busR,
                        "fill",
                        b == root ? INK : "#ffffff");
            }
            w.end("g");
            if (!sz.busLabels) {
                return;
            }
            w.start(
                    "g",
                    "class",
                    "bus-labels",
                    "font-size",
                    sz.busFont,
                    "fill",
                    INK,
                    "text-anchor",
                    "middle");
            for (int b = 0; b < n; b++) {
                w.element(
                        "text",
                        busLabel(b),
                        "class",
                        "bus-label",
                        "data-bus",
                        feeder.busName(b),
                        "x",
                        x[b],
                        "y",
                        y[b] - sz.busR - 4,
                        "stroke",
                        "#ffffff",
                        "stroke-width",
                        3.0,
                        "paint-order",
                        "stroke",
                        "stroke-linejoin",
                        "round");
            }
            w.end("g");
        }

        private String busLabel(int b) {
            return feeder.busName(b);
        }

        private void peers(SvgWriter w) {
            w.start("g", "class", "peers");
            int cols = peerColumns();
            for (int b = 0; b < n; b++) {
                List<Peer> ps = peersAt.get(b);
                double left = x[b] + peerOffset();
                double top = y[b] + sz.busR + 3;
                for (int i = 0; i < ps.size(); i++) {
                    Peer p = ps.get(i);
                    double px = left + (i % cols) * sz.peerStep;
                    double py = top + (i / cols + 0.5) * sz.peerStep;
                    peerShape(
                            w,
                            Kind.of(p),
                            px,
                            py,
                            sz.marker,
                            "peer " + Kind.of(p).cssClass,
                            p,
                            peerTooltip(p));
                    if (sz.peerLabels) {
                        w.element(
                                "text",
                                peerLabel(p),
                                "class",
                                "peer-label",
                                "data-peer",
                                p.id().toString(),
                                "x",
                                px + sz.marker / 2 + 3,
                                "y",
                                py + sz.peerFont * 0.35,
                                "font-size",
                                sz.peerFont,
                                "fill",
                                INK,
                                "stroke",
                                "#ffffff",
                                "stroke-width",
                                3.0,
                                "paint-order",
                                "stroke",
                                "stroke-linejoin",
                                "round");
                    }
                }
            }
            w.end("g");
        }

        private String peerLabel(Peer p) {
            PeerOutcome o = outcomeOf(p);
            return o == null || !Double.isFinite(o.power())
                    ? p.id().toString()
                    : p.id() + " " + (o.power() > 0 ? "+" : "") + kw(o.power()) + " kW";
        }

        private PeerOutcome outcomeOf(Peer p) {
            return outcomes.get(p.id());
        }

        private String peerTooltip(Peer p) {
            StringBuilder s =
                    new StringBuilder(p.id().toString())
                            .append(" (")
                            .append(p.role().caseName())
                            .append(Kind.of(p) == Kind.CHP ? ", CHP" : "")
                            .append(") at bus ")
                            .append(p.bus())
                            .append(", power ")
                            .append(kw(p.power().min()))
                            .append(" to ")
                            .append(kw(p.power().max()))
                            .append(" kW");
            PeerOutcome o = outcomeOf(p);
            if (o != null && Double.isFinite(o.power())) {
                s.append("; set-point ")
                        .append(kw(o.power()))
                        .append(" kW")
                        .append(o.power() > 0 ? " (sells)" : o.power() < 0 ? " (buys)" : "");
                if (o.hasHeat()) {
                    s.append(", heat ").append(kw(o.heat())).append(" kW");
                }
            }
            return s.toString();
        }

        /**
         * A peer marker of {@code size} px centred at ({@code cx}, {@code cy}); {@code peer} null
         * in the legend.
         */
        private static void peerShape(
                SvgWriter w,
                Kind kind,
                double cx,
                double cy,
                double size,
                String cls,
                Peer peer,
                String tooltip) {
            double h = size / 2;
            String id = peer == null ? null : peer.id().toString();
            String bus = peer == null ? null : peer.bus();
            String role = peer == null ? null : peer.role().caseName();
            Object[] common = {
                "class",
                cls,
                "data-peer",
                id,
                "data-bus",
                bus,
                "data-role",
                role,
                "fill",
                kind.colour,
                "stroke",
                "#ffffff",
                "stroke-width",
                0.8
            };
            String tag;
            Object[] geometry;
            switch (kind) {
                case CHP -> {
                    tag = "circle";
                    geometry = new Object[] {"cx", cx, "cy", cy, "r", h * 0.9};
                }
                case PRODUCER -> {
                    tag = "polygon";
                    geometry =
                            new Object[] {
                                "points",
                                pts(cx, cy - h, cx + h, cy + h * 0.8, cx - h, cy + h * 0.8)
                            };
                }
                case CONSUMER -> {
                    tag = "polygon";
                    geometry =
                            new Object[] {
                                "points",
                                pts(cx - h, cy - h * 0.8, cx + h, cy - h * 0.8, cx, cy + h)
                            };
                }
                default -> {
                    tag = "polygon";
                    geometry =
                            new Object[] {
                                "points", pts(cx, cy - h, cx + h, cy, cx, cy + h, cx - h, cy)
                            };
                }
            }
            Object[] attributes = new Object[common.length + geometry.length];
            System.arraycopy(common, 0, attributes, 0, common.length);
            System.arraycopy(geometry, 0, attributes, common.length, geometry.length);
            if (tooltip == null) {
                w.empty(tag, attributes);
            } else {
                w.withTooltip(tag, tooltip, attributes);
            }
        }

        private static String pts(double[][] points) {
            StringBuilder s = new StringBuilder();
            for (double[] p : points) {
                s.append(s.length() == 0 ? "" : " ")
                        .append(SvgWriter.num(p[0]))
                        .append(',')
                        .append(SvgWriter.num(p[1]));
            }
            return s.toString();
        }

        private static String pts(double... xy) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < xy.length; i += 2) {
                s.append(i == 0 ? "" : " ")
                        .append(SvgWriter.num(xy[i]))
                        .append(',')
                        .append(SvgWriter.num(xy[i + 1]));
            }
            return s.toString();
        }
    }

    /**
     * The rows of a laid-out subtree, each the hull {@code [lo, hi]} (px) of everything drawn in
     * it, row 0 being the subtree root's row.
     */
    private static final class Block {
        private double[] lo = new double[4];
        private double[] hi = new double[4];
        private int size;

        int size() {
            return size;
        }

        /** Extends row {@code r} to cover {@code [from, to]}. */
        void cover(int r, double from, double to) {
            while (size <= r) {
                if (size == lo.length) {
                    lo = Arrays.copyOf(lo, size * 2);
                    hi = Arrays.copyOf(hi, size * 2);
                }
                lo[size] = Double.POSITIVE_INFINITY;
                hi[size] = Double.NEGATIVE_INFINITY;
                size++;
            }
            lo[r] = Math.min(lo[r], from);
            hi[r] = Math.max(hi[r], to);
        }

        private boolean free(int r, double from, double to) {
            return r >= size || to < lo[r] || from > hi[r];
        }

        /**
         * The first row offset {@code >= 1} at which {@code lateral} fits: its rows overlap nothing
         * and the drop {@code [dropLo, dropHi]} is free in the rows it crosses. Below everything
         * when the drop is blocked before a fit is found.
         */
        int place(Block lateral, double dropLo, double dropHi) {
            for (int at = 1; at < size; at++) {
                boolean fits = true;
                for (int i = 0; i < lateral.size && fits; i++) {
                    fits = free(at + i, lateral.lo[i], lateral.hi[i]);
                }
                if (fits) {
                    return at;
                }
                if (!free(at, dropLo, dropHi)) {
                    break;
                }
            }
            return Math.max(size, 1);
        }

        /** Covers this block's rows from {@code at} with {@code lateral}'s rows. */
        void merge(Block lateral, int at) {
            for (int i = 0; i < lateral.size; i++) {
                if (lateral.lo[i] <= lateral.hi[i]) {
                    cover(at + i, lateral.lo[i], lateral.hi[i]);
                } else {
                    cover(at + i, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
                }
            }
        }
    }

    // -------------------------------------------------------------------- helpers

    /**
     * The colour of a line at {@code percent} loading: pale grey-blue at 0, amber at 50, red at 100
     * and above.
     */
    static String loadingColour(double percent) {
        double t = Math.max(0, Math.min(1, percent / 100));
        int[] c0 = {176, 190, 204}, c1 = {240, 173, 40}, c2 = {214, 39, 40};
        int[] lo = t < 0.5 ? c0 : c1, hi = t < 0.5 ? c1 : c2;
        double s = t < 0.5 ? t / 0.5 : (t - 0.5) / 0.5;
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                mix(lo[0], hi[0], s),
                mix(lo[1], hi[1], s),
                mix(lo[2], hi[2], s));
    }

    private static int mix(int a, int b, double s) {
        return (int) Math.round(a + (b - a) * s);
    }

    /** Approximate width in px of {@code text} at {@code fontSize} px in a sans-serif font. */
    static double textWidth(String text, double fontSize) {
        return text.length() * fontSize * 0.6;
    }

    /** kW with a precision that suits the magnitude. */
    static String kw(double v) {
        double a = Math.abs(v);
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (a < 0.005) {
            return "0";
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }
}
