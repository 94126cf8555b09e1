package org.gridbazaar.model;

/**
 * Checks on identifier text shared by peer, line and bus ids and the market name: a lone UTF-16
 * surrogate (a high surrogate not followed by a low one, or a low one not preceded by a high one)
 * is not a Unicode character, cannot be written as UTF-8 JSON and would not read back, so no id may
 * contain one.
 */
final class Ids {

    private Ids() {}

    /** The index of the first lone surrogate in {@code s}, or -1 when there is none. */
    static int loneSurrogate(String s) {
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (Character.isHighSurrogate(ch)) {
                if (k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
                    k++;
                } else {
                    return k;
                }
            } else if (Character.isLowSurrogate(ch)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * {@code s} with every lone surrogate written as {@code \\uXXXX}, so that a message can show
     * it.
     */
    static String escaped(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            boolean pair =
                    Character.isHighSurrogate(ch)
                            && k + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(k + 1));
            if (pair) {
                out.append(ch).append(s.charAt(++k));
            } else if (Character.isSurrogate(ch)) {
                out.append(String.format("\\u%04X", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /**
     * The violation for {@code what} (for example {@code "line id"}) when {@code s} holds a lone
     * surrogate, or {@code null}.
     */
    static String surrogateProblem(String what, String s) {
        int k = s == null ? -1 : loneSurrogate(s);
        if (k < 0) {
            return null;
        }
        return what
                + " \""
                + escaped(s)
                + "\" contains a lone UTF-16 surrogate (\\u"
                + String.format("%04X", (int) s.charAt(k))
                + " at index "
                + k
                + "), which is not a character; Maybe the text was cut in the middle of a character (an emoji, for example)";
    }
}
