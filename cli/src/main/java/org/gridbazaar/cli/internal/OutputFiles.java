package org.gridbazaar.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.io.internal.AtomicFiles;

/**
 * The files a command will write, checked before it does any work, so that a bad path is invalid
 * input (exit 2, naming the option) and never an error after a long solve; and the one way the
 * command line writes a file: all at once, through a temporary file renamed over the target.
 *
 * <p>Rules, the same for every output option: the parent directory must exist and be writable
 * (missing directories are not created: a misspelt directory should not silently become a new one);
 * the path must not be a directory, must not be the case file being read (also through another
 * spelling or a symbolic link), and two outputs of one run must not be the same file.
 */
public final class OutputFiles {

    /** Longest file name, in UTF-8 bytes, that common file systems (ext4, APFS, NTFS) accept. */
    public static final int MAX_NAME_BYTES = 255;

    private record Output(String option, Path path) {}

    private final List<Output> outputs = new ArrayList<>();

    /**
     * Adds the output {@code path} given through {@code option} (a {@code null} path is ignored).
     */
    public OutputFiles add(String option, Path path) {
        if (path != null) {
            outputs.add(new Output(option, path));
        }
        return this;
    }

    /**
     * Every problem with the outputs, one line each and naming the option; empty when all can be
     * written.
     *
     * @param input the case file the command reads, or {@code null} for a built-in case
     */
    public List<String> problems(Path input) {
        List<String> problems = new ArrayList<>();
        List<Path> keys = new ArrayList<>();
        for (Output o : outputs) {
            String problem = problem(o, input);
            Path key = problem == null ? key(o.path()) : null;
            if (problem == null && key != null) {
                int earlier = keys.indexOf(key);
                if (earlier >= 0) {
                    Output first = outputs.get(earlier);
                    problem =
                            "is the same file as "
                                    + first.option()
                                    + " "
                                    + first.path()
                                    + "; Maybe give each output its own name";
                }
            }
            keys.add(key);
            if (problem != null) {
                problems.add(o.option() + " " + o.path() + ": " + problem);
            }
        }
        return problems;
    }

    private static String problem(Output o, Path input) {
        Path path = o.path();
        if (path.toString().isEmpty() || path.getFileName() == null) {
            return "not a file name";
        }
        int bytes = path.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            return "the file name is "
                    + bytes
                    + " bytes long; file systems allow "
                    + MAX_NAME_BYTES
                    + "; Maybe give a shorter name";
        }
        if (Files.isDirectory(path)) {
            return "is a directory; give a file name";
        }
        Path parent = path.toAbsolutePath().getParent();
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            return parent + " is a file, not a directory";
        }
        if (!Files.isDirectory(parent)) {
            return "directory "
                    + parent
                    + " does not exist; Maybe create it first (mkdir -p "
                    + parent
                    + ")";
        }
        if (!Files.isWritable(parent)) {
            return "directory " + parent + " is not writable";
        }
        if (input != null && Files.exists(path) && Files.exists(input)) {
            try {
                if (Files.isSameFile(path, input)) {
                    return "is the case file "
                            + input
                            + " itself; writing there would destroy the case; Maybe write to another file";
                }
            } catch (IOException e) {
                return "cannot compare with the case file " + input + ": " + e.getMessage();
            }
        }
        return null;
    }

    /**
     * The file {@code path} names, after resolving links and {@code ..}, for comparing outputs;
     * {@code null} when unknown.
     */
    private static Path key(Path path) {
        try {
            if (Files.exists(path)) {
                return path.toRealPath();
            }
            Path absolute = path.toAbsolutePath();
            return absolute.getParent().toRealPath().resolve(absolute.getFileName());
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }

    /**
     * Writes {@code text} (UTF-8) to {@code file} all at once, replacing it: a run stopped while
     * writing leaves the previous file as it was.
     *
     * @throws IOException when the file cannot be written
     */
    public static void writeText(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
