package org.gridbazaar.io.internal;

/** Builds JSON paths in the {@code $.peers[3].power.min} notation used by every message. */
public final class Paths {

    private Paths() {}

    /** The path of member {@code name} of the object at {@code parent}. */
    public static String field(String parent, String name) {
        if (isIdentifier(name)) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /**
     * Whether {@code name} matches {@code [A-Za-z_][A-Za-z0-9_]*} (a loop: this runs for every
     * field read).
     */
    static boolean isIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!(letter || (i > 0 && c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** The path of element {@code index} of the array at {@code parent}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
