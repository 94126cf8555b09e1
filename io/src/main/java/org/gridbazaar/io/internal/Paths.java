package org.gridbazaar.io.internal;

/** Builds JSON paths in the {@code $.peers[3].power.min} notation used by every message. */
public final class Paths {

    private Paths() {
    }

    /** The path of member {@code name} of the object at {@code parent}. */
    public static String field(String parent, String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** The path of element {@code index} of the array at {@code parent}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
