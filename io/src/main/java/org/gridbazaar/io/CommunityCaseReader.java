package org.gridbazaar.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityManager;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.GridConnection;
import org.gridbazaar.io.internal.Checker;
import org.gridbazaar.io.internal.JsonText;
import org.gridbazaar.model.InvalidMarketException;
import org.gridbazaar.model.PeerId;

/**
 * Reads a case file with the optional community extension ({@code docs/architectures.md}): a
 * version-1 or version-2 case whose root may also carry {@code communities} and {@code
 * gridConnection}, into a {@link CommunityMarket}.
 *
 * <p>Everything but those two fields is read by {@link CaseReader#readCase(String, String)}, as
 * strictly; the two fields are read here as strictly (unknown keys, wrong types and values out of
 * range are problems naming their JSON path), and all problems of both are reported at once in a
 * {@link CaseFormatException}. A case without either field is read as if it had a grid connection
 * that is required: {@code gridConnection} must be present (it is what every architecture clears
 * against); {@code communities} absent means one community of every peer.
 *
 * <pre>{@code
 * "communities": [{"id": "north", "members": ["A1", "A2"],
 *                  "manager": {"id": "north-manager", "autonomyCost": 0, "margin": 0}}],
 * "gridConnection": {"importTariff": 70, "exportTariff": 40}
 * }</pre>
 *
 * Tariffs in $/kWh: a number (every period) or, in a version-2 case, an array of one number per
 * period; optional {@code importLimitKw} and {@code exportLimitKw} in kW ({@code > 0}, absent:
 * none). A manager's {@code autonomyCost} and {@code margin} ($/kWh, {@code >= 0}) default to 0.
 */
public final class CommunityCaseReader {

    /** The root fields of the extension. */
    public static final List<String> FIELDS = List.of("communities", "gridConnection");

    private final Checker check = new Checker();

    private CommunityCaseReader() {}

    /**
     * Whether {@code json} is a JSON object carrying either field of the extension (a cheap look,
     * no validation).
     */
    public static boolean hasCommunityFields(String json) {
        try {
            JsonNode root = JsonText.mapper().readTree(json);
            return root instanceof ObjectNode o && FIELDS.stream().anyMatch(o::has);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Reads the case file at {@code file} (UTF-8); see {@link #read(String, String)}. */
    public static CommunityMarket read(Path file) {
        try {
            return read(Files.readString(file), file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CaseFormatException(file.toString(), List.of("no such file"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a case with communities and a grid connection from JSON text.
     *
     * @throws CaseFormatException listing every problem of the case and of the extension
     */
    public static CommunityMarket read(String json, String sourceName) {
        JsonNode parsed = JsonText.parse(json, sourceName);
        if (!(parsed instanceof ObjectNode root)) {
            return fail(
                    sourceName, List.of("$: expected an object, got " + Checker.describe(parsed)));
        }
        ObjectNode rest = root.deepCopy();
        JsonNode communitiesNode = rest.remove("communities");
        JsonNode gridNode = rest.remove("gridConnection");
        List<String> problems = new ArrayList<>();
        MarketCase market = null;
        try {
            market = CaseReader.readCase(rest.toString(), sourceName);
        } catch (CaseFormatException e) {
            problems.addAll(e.problems());
        }
        CommunityCaseReader reader = new CommunityCaseReader();
        int periods = market instanceof MarketCase.MultiPeriod mp ? mp.market().periodCount() : 1;
        boolean version2 = "p2p-market-case/2".equals(root.path("format").textValue());
        List<Community> communities =
                communitiesNode == null ? List.of() : reader.communities(communitiesNode);
        GridConnection grid = null;
        if (gridNode == null) {
            reader.check.problem(
                    "$.gridConnection",
                    "missing: a case with communities needs its grid connection "
                            + "(import and export tariffs, $/kWh); Maybe add \"gridConnection\": {\"importTariff\": 70, \"exportTariff\": 40}");
        } else {
            grid = reader.grid(gridNode, market == null && version2 ? -1 : periods, version2);
        }
        problems.addAll(reader.check.problems());
        if (!problems.isEmpty() || market == null || grid == null) {
            return fail(sourceName, problems);
        }
        try {
            return market instanceof MarketCase.MultiPeriod mp
                    ? CommunityMarket.of(mp.market(), communities, grid)
                    : CommunityMarket.of(
                            ((MarketCase.SinglePeriod) market).market(), communities, grid);
        } catch (InvalidMarketException e) {
            return fail(sourceName, e.violations());
        }
    }

    private static CommunityMarket fail(String sourceName, List<String> problems) {
        throw new CaseFormatException(sourceName, problems);
    }

    private List<Community> communities(JsonNode node) {
        List<Community> out = new ArrayList<>();
        ArrayNode array = check.array(node, "$.communities");
        if (array == null) {
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            String path = "$.communities[" + i + "]";
            ObjectNode o = check.object(array.get(i), path);
            if (o == null) {
                continue;
            }
            check.fields(o, path, List.of("id", "members"), List.of("manager"));
            String id = check.id(o.get("id"), path + ".id");
            List<PeerId> members = new ArrayList<>();
            ArrayNode ms =
                    o.has("members") ? check.array(o.get("members"), path + ".members") : null;
            if (ms != null) {
                if (ms.isEmpty()) {
                    check.problem(path + ".members", "needs at least one member");
                }
                for (int j = 0; j < ms.size(); j++) {
                    String m = check.id(ms.get(j), path + ".members[" + j + "]");
                    if (m != null) {
                        if (members.contains(PeerId.of(m))) {
                            check.problem(
                                    path + ".members[" + j + "]", "peer " + m + " is listed twice");
                        } else {
                            members.add(PeerId.of(m));
                        }
                    }
                }
            }
            CommunityManager manager =
                    o.has("manager") ? manager(o.get("manager"), path + ".manager") : null;
            if (id != null
                    && !members.isEmpty()
                    && (manager != null || !o.has("manager"))
                    && ms != null
                    && members.size() == ms.size()) {
                out.add(new Community(id, members, manager));
            }
        }
        return out;
    }

    private CommunityManager manager(JsonNode node, String path) {
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return null;
        }
        check.fields(o, path, List.of("id"), List.of("autonomyCost", "margin"));
        String id = check.id(o.get("id"), path + ".id");
        Double autonomy =
                o.has("autonomyCost")
                        ? nonNegative(o.get("autonomyCost"), path + ".autonomyCost")
                        : Double.valueOf(0);
        Double margin =
                o.has("margin")
                        ? nonNegative(o.get("margin"), path + ".margin")
                        : Double.valueOf(0);
        return id == null || autonomy == null || margin == null
                ? null
                : new CommunityManager(PeerId.of(id), autonomy, margin);
    }

    private Double nonNegative(JsonNode node, String path) {
        Double v = check.number(node, path);
        if (v != null && !(v >= 0 && v <= org.gridbazaar.model.Market.MAX_COST_COEFFICIENT)) {
            check.problem(path, "must be >= 0 and at most 1e12 $/kWh, got " + v);
            return null;
        }
        return v;
    }

    /**
     * The grid connection; {@code periods} is -1 when the market could not be read (lengths are
     * then not checked).
     */
    private GridConnection grid(JsonNode node, int periods, boolean version2) {
        String path = "$.gridConnection";
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return null;
        }
        check.fields(
                o,
                path,
                List.of("importTariff", "exportTariff"),
                List.of("importLimitKw", "exportLimitKw"));
        double[] im = series(o.get("importTariff"), path + ".importTariff", periods, version2);
        double[] ex = series(o.get("exportTariff"), path + ".exportTariff", periods, version2);
        Double importLimit =
                o.has("importLimitKw")
                        ? positive(o.get("importLimitKw"), path + ".importLimitKw")
                        : Double.valueOf(Double.POSITIVE_INFINITY);
        Double exportLimit =
                o.has("exportLimitKw")
                        ? positive(o.get("exportLimitKw"), path + ".exportLimitKw")
                        : Double.valueOf(Double.POSITIVE_INFINITY);
        if (im == null || ex == null || importLimit == null || exportLimit == null || periods < 0) {
            return null;
        }
        try {
            return new GridConnection(im, ex, importLimit, exportLimit);
        } catch (IllegalArgumentException e) {
            check.problem(path, e.getMessage());
            return null;
        }
    }

    private Double positive(JsonNode node, String path) {
        Double v = check.number(node, path);
        if (v != null && !(v > 0 && v <= org.gridbazaar.model.Market.MAX_BOUND_KW)) {
            check.problem(path, "must be > 0 and at most 1e15 kW, got " + v);
            return null;
        }
        return v;
    }

    private double[] series(JsonNode node, String path, int periods, boolean version2) {
        if (node == null) {
            return null; // reported as a missing field
        }
        if (node.isArray()) {
            if (!version2) {
                check.problem(path, "one number in a version-1 case (one period), got an array");
                return null;
            }
            if (periods >= 0 && node.size() != periods) {
                check.problem(
                        path,
                        "has " + node.size() + " values, the horizon has " + periods + " periods");
                return null;
            }
            double[] v = new double[node.size()];
            boolean ok = true;
            for (int t = 0; t < v.length; t++) {
                Double x = check.number(node.get(t), path + "[" + t + "]");
                ok &= x != null;
                v[t] = x == null ? 0 : x;
            }
            return ok ? v : null;
        }
        Double x = check.number(node, path);
        if (x == null) {
            return null;
        }
        double[] v = new double[Math.max(periods, 1)];
        java.util.Arrays.fill(v, x);
        return v;
    }
}
