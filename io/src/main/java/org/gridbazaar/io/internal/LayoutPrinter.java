package org.gridbazaar.io.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.util.BitSet;

/**
 * Jackson's {@link DefaultPrettyPrinter} with the writers' layout: {@code "key": value}, two-space
 * indentation and {@code \n} line ends on every platform, {@code []} and {@code {}} for empty
 * containers, and each container either on one line ({@code {"a": 1, "b": 2}}) or one member per
 * line. Which of the two is decided per container by {@link JsonOut} (which knows whether it fits)
 * through {@link #nextInline(boolean)} just before the container starts; a container inside a
 * one-line container is on one line too.
 */
final class LayoutPrinter extends DefaultPrettyPrinter {

    private static final long serialVersionUID = 1L;

    /** For each open container, by nesting level from 0: whether it is on one line. */
    private final BitSet inline = new BitSet();

    /** Open containers. */
    private int level;

    private boolean nextInline;

    LayoutPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        indentObjectsWith(indenter);
        indentArraysWith(indenter);
    }

    /** Whether the next container starts on one line. */
    void nextInline(boolean value) {
        nextInline = value;
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
        return new LayoutPrinter();
    }

    private void open(JsonGenerator g, char c) throws IOException {
        inline.set(level, nextInline || (level > 0 && inline.get(level - 1)));
        level++;
        nextInline = false;
        g.writeRaw(c);
    }

    private void first(JsonGenerator g) throws IOException {
        if (!inline.get(level - 1)) {
            _objectIndenter.writeIndentation(g, level);
        }
    }

    private void separator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        if (inline.get(level - 1)) {
            g.writeRaw(' ');
        } else {
            _objectIndenter.writeIndentation(g, level);
        }
    }

    private void close(JsonGenerator g, char c, int members) throws IOException {
        level--;
        if (!inline.get(level) && members > 0) {
            _objectIndenter.writeIndentation(g, level);
        }
        g.writeRaw(c);
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        open(g, '{');
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        first(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        separator(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int members) throws IOException {
        close(g, '}', members);
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        open(g, '[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        first(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        separator(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int members) throws IOException {
        close(g, ']', members);
    }
}
