package org.gridbazaar.cli.plot;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes SVG as text, one element at a time, with every text and attribute value escaped and every
 * element closed in order. Why not a DOM: no dependency, and a 1,000-bus feeder stays a linear
 * string build. Numbers are written in plain decimal with at most two fraction digits (coordinates
 * in px); a non-finite coordinate is a layout bug and throws.
 */
final class SvgWriter {

    static final String SVG_NS = "http://www.w3.org/2000/svg";

    private final StringBuilder out = new StringBuilder(1 << 14);
    private final Deque<String> open = new ArrayDeque<>();

    /**
     * Starts the document with the root {@code <svg>} element of {@code width} x {@code height} px.
     */
    SvgWriter(double width, double height, Object... attributes) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<svg xmlns=\"").append(SVG_NS).append('"');
        attributes(
                new Object[] {
                    "width",
                    width,
                    "height",
                    height,
                    "viewBox",
                    "0 0 " + num(width) + " " + num(height)
                });
        attributes(attributes);
        out.append(">\n");
        open.push("svg");
    }

    /**
     * A plot's document: {@code width} x {@code height} px in a sans-serif font, a white
     * background, the title (16 px, {@code class="plot-title"}) and the subtitle (12 px, grey,
     * {@code class="plot-summary"}) at x = {@code left} px.
     */
    static SvgWriter plot(double width, double height, double left, String title, String subtitle) {
        SvgWriter w = new SvgWriter(width, height, "font-family", "sans-serif");
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
        w.element(
                "text",
                title,
                "class",
                "plot-title",
                "x",
                left,
                "y",
                24.0,
                "font-size",
                16,
                "fill",
                "#222222");
        w.element(
                "text",
                subtitle,
                "class",
                "plot-summary",
                "x",
                left,
                "y",
                42.0,
                "font-size",
                12,
                "fill",
                "#444444");
        return w;
    }

    /**
     * A plot area of {@code width} x {@code height} px at ({@code left}, {@code top}) framed in
     * grey, with a value axis from {@code min} at the bottom to {@code max} at the top: a grid line
     * and a label ({@code format}, e.g. {@code "%,.0f"}) every {@code step}, in a {@code <g
     * class="y-axis">}, and {@code unit} above the axis.
     */
    void valueAxis(
            double left,
            double top,
            double width,
            double height,
            double min,
            double max,
            double step,
            String format,
            String unit) {
        empty(
                "rect",
                "class",
                "plot-area",
                "x",
                left,
                "y",
                top,
                "width",
                width,
                "height",
                height,
                "fill",
                "none",
                "stroke",
                "#cccccc");
        start("g", "class", "y-axis", "font-size", 11, "fill", "#222222");
        for (double v = min; v <= max + step / 2; v += step) {
            double y = top + height * (max - v) / (max - min),
                    shown = Math.abs(v) < step / 1e6 ? 0 : v;
            empty("line", "x1", left, "y1", y, "x2", left + width, "y2", y, "stroke", "#eeeeee");
            element(
                    "text",
                    String.format(java.util.Locale.ROOT, format, shown),
                    "x",
                    left - 6,
                    "y",
                    y + 4,
                    "text-anchor",
                    "end");
        }
        element("text", unit, "x", 16.0, "y", top - 8, "font-size", 12);
        end("g");
    }

    /**
     * The period axis under a plot area of {@code width} x {@code height} px at ({@code left},
     * {@code top}): in a {@code <g class="x-axis">}, the number of every {@code every}-th of {@code
     * periods} columns at the middle of its column, and {@code title} centred below them.
     */
    void periodAxis(
            double left,
            double top,
            double width,
            double height,
            int periods,
            int every,
            String title) {
        start("g", "class", "x-axis", "font-size", 11, "fill", "#222222");
        for (int t = 0; t < periods; t += every) {
            element(
                    "text",
                    Integer.toString(t),
                    "x",
                    left + width * (t + 0.5) / periods,
                    "y",
                    top + height + 16,
                    "text-anchor",
                    "middle");
        }
        element(
                "text",
                title,
                "x",
                left + width / 2,
                "y",
                top + height + 36,
                "text-anchor",
                "middle",
                "font-size",
                12);
        end("g");
    }

    /**
     * Opens {@code <tag ...>}; attributes come as name, value pairs (a {@code null} value omits the
     * attribute).
     */
    SvgWriter start(String tag, Object... attributes) {
        tag(tag, attributes);
        out.append(">\n");
        open.push(tag);
        return this;
    }

    /** Closes the innermost open element, which must be {@code tag}. */
    SvgWriter end(String tag) {
        String top = open.peek();
        if (!tag.equals(top)) {
            throw new IllegalStateException("closing <" + tag + "> while <" + top + "> is open");
        }
        open.pop();
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** Writes {@code <tag .../>}. */
    SvgWriter empty(String tag, Object... attributes) {
        tag(tag, attributes);
        out.append("/>\n");
        return this;
    }

    /** Writes {@code <tag ...>text</tag>} with the text escaped. */
    SvgWriter element(String tag, String text, Object... attributes) {
        tag(tag, attributes);
        out.append('>');
        escape(text, false);
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /**
     * Writes {@code <tag ...><title>tooltip</title></tag>}: a shape with a hover tooltip (shown by
     * browsers), so data that the drawing leaves out stays in the file.
     */
    SvgWriter withTooltip(String tag, String tooltip, Object... attributes) {
        tag(tag, attributes);
        out.append("><title>");
        escape(tooltip, false);
        out.append("</title></").append(tag).append(">\n");
        return this;
    }

    /** Writes escaped character data inside the open element. */
    SvgWriter text(String text) {
        escape(text, false);
        return this;
    }

    /**
     * The finished document; every element must have been closed except the root, which this
     * closes.
     */
    String finish() {
        end("svg");
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements " + open);
        }
        return out.toString();
    }

    private void tag(String tag, Object[] attributes) {
        if (open.isEmpty()) {
            throw new IllegalStateException("the document is finished");
        }
        checkName(tag);
        out.append('<').append(tag);
        attributes(attributes);
    }

    private void attributes(Object[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            String name = (String) attributes[i];
            checkName(name);
            out.append(' ').append(name).append("=\"");
            if (value instanceof Double d) {
                out.append(num(d));
            } else if (value instanceof Integer || value instanceof Long) {
                out.append(value);
            } else {
                escape(value.toString(), true);
            }
            out.append('"');
        }
    }

    /**
     * Checks that {@code name} is a plain XML name (ASCII letters, digits, {@code _ . : -}; not
     * starting with a digit, dot or dash).
     */
    private static void checkName(String name) {
        boolean ok = !name.isEmpty();
        for (int i = 0; i < name.length() && ok; i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            ok = letter || (i > 0 && ((c >= '0' && c <= '9') || c == '.' || c == ':' || c == '-'));
        }
        if (!ok) {
            throw new IllegalArgumentException("not an XML name: " + name);
        }
    }

    /**
     * Appends {@code s} escaped for character data or a double-quoted attribute. Characters that
     * XML 1.0 forbids (most control characters, unpaired surrogates) become U+FFFD; in attributes
     * tabs and line breaks become character references so that parsers keep them.
     */
    private void escape(String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '\t', '\n', '\r' -> {
                    if (attribute) {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /**
     * {@code v} in plain decimal with at most two fraction digits, no exponent, no {@code -0}.
     *
     * @throws IllegalArgumentException when {@code v} is not finite (a layout bug)
     */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("non-finite coordinate " + v);
        }
        long hundredths = Math.round(v * 100);
        if (hundredths == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(12);
        if (hundredths < 0) {
            sb.append('-');
            hundredths = -hundredths;
        }
        sb.append(hundredths / 100);
        long frac = hundredths % 100;
        if (frac != 0) {
            sb.append('.').append(frac / 10);
            if (frac % 10 != 0) {
                sb.append(frac % 10);
            }
        }
        return sb.toString();
    }
}
