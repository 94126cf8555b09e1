package org.gridbazaar.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** A parsed SVG document and the queries the plot tests need. Parsing fails on any XML error. */
final class Svg {

    static final String NS = "http://www.w3.org/2000/svg";

    final Document doc;

    /**
     * Elements by class token, in document order (indexed once: DOM node lists are slow to walk).
     */
    private final Map<String, List<Element>> byClass = new HashMap<>();

    private final Map<String, Map<String, List<Element>>> indexes = new HashMap<>();

    private Svg(Document doc) {
        this.doc = doc;
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(doc.getDocumentElement());
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            if (node instanceof Element e) {
                for (String cls : e.getAttribute("class").trim().split("\\s+")) {
                    if (!cls.isEmpty()) {
                        byClass.computeIfAbsent(cls, k -> new ArrayList<>()).add(e);
                    }
                }
                for (Node c = node.getLastChild(); c != null; c = c.getPreviousSibling()) {
                    stack.push(c);
                }
            }
        }
    }

    /**
     * Parses {@code text} with the JDK's namespace-aware parser; any error (not just fatal ones)
     * fails.
     */
    static Svg parse(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(
                new DefaultHandler() {
                    @Override
                    public void error(SAXParseException e) throws SAXParseException {
                        throw e;
                    }

                    @Override
                    public void warning(SAXParseException e) throws SAXParseException {
                        throw e;
                    }
                });
        Document doc = b.parse(new InputSource(new StringReader(text)));
        Element root = doc.getDocumentElement();
        assertEquals(NS, root.getNamespaceURI(), "root namespace");
        assertEquals("svg", root.getLocalName(), "root element");
        return new Svg(doc);
    }

    Element root() {
        return doc.getDocumentElement();
    }

    /** Every element whose class attribute contains the token {@code cls}, in document order. */
    List<Element> byClass(String cls) {
        return byClass.getOrDefault(cls, List.of());
    }

    /** The single element of class {@code cls} whose {@code attribute} equals {@code value}. */
    Element one(String cls, String attribute, String value) {
        List<Element> hits = index(cls, attribute).getOrDefault(value, List.of());
        assertEquals(
                1, hits.size(), "elements of class " + cls + " with " + attribute + "=" + value);
        return hits.get(0);
    }

    /** The elements of class {@code cls} grouped by the value of {@code attribute}. */
    Map<String, List<Element>> index(String cls, String attribute) {
        return indexes.computeIfAbsent(
                cls + "\u0000" + attribute,
                k -> {
                    Map<String, List<Element>> m = new HashMap<>();
                    byClass(cls)
                            .forEach(
                                    e ->
                                            m.computeIfAbsent(
                                                            e.getAttribute(attribute),
                                                            v -> new ArrayList<>())
                                                    .add(e));
                    return m;
                });
    }

    static boolean hasClass(Element e, String cls) {
        return Arrays.asList(e.getAttribute("class").trim().split("\\s+")).contains(cls);
    }

    static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** The points of a {@code polyline} or {@code polygon}, as {x, y} pairs. */
    static double[][] points(Element e) {
        String text = e.getAttribute("points").trim();
        if (text.isEmpty()) {
            return new double[0][];
        }
        String[] pairs = text.split("\\s+");
        double[][] out = new double[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = pairs[i].split(",");
            assertEquals(2, xy.length, "point " + pairs[i]);
            out[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
        }
        return out;
    }
}
