package org.gridbazaar.cli.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: the leading text columns left-aligned, the others right-aligned, widths from
 * content.
 */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;
    private final int leftAligned;

    /** A table with these column headers, the first one left-aligned. */
    public TextTable(List<String> headers) {
        this(headers, 1);
    }

    /** A table with these column headers, the first {@code leftAligned} of them left-aligned. */
    public TextTable(List<String> headers, int leftAligned) {
        this.columns = headers.size();
        this.leftAligned = leftAligned;
        rows.add(headers.toArray(new String[0]));
    }

    /** Adds a row of as many cells as there are headers. */
    public TextTable row(List<String> cells) {
        if (cells.size() != columns) {
            throw new IllegalArgumentException(
                    "row of " + cells.size() + " cells in a table of " + columns + " columns");
        }
        rows.add(cells.toArray(new String[0]));
        return this;
    }

    /** The table's lines, each starting with {@code indent}. */
    public List<String> lines(String indent) {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                String cell = r[c];
                String pad = " ".repeat(width[c] - cell.length());
                sb.append(c == 0 ? "" : "  ").append(c < leftAligned ? cell + pad : pad + cell);
            }
            out.add(sb.toString().stripTrailing());
        }
        return out;
    }
}
