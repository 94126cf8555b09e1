package org.gridbazaar.io.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file all at once: the content is written to a temporary file in the same directory,
 * forced to disk and renamed over the target (atomically where the file system can, else by a plain
 * replacing move). A run killed while writing leaves the previous file as it was, never half a
 * file; at worst a hidden {@code .NAME.*.tmp} file stays behind. A symbolic link as target is
 * followed: the file it points to is replaced.
 */
public final class AtomicFiles {

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        /** Writes the file's content to {@code out} (buffered; closed by the caller). */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Longest part of the target's name kept in the temporary file's name (file names are limited
     * to 255 bytes).
     */
    private static final int NAME_PART = 80;

    private AtomicFiles() {}

    /**
     * Writes {@code content} to {@code target}, replacing it if it exists.
     *
     * @throws IOException when the directory cannot take the temporary file or the move fails; the
     *     target is then unchanged and the temporary file removed
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isSymbolicLink(absolute) && Files.exists(absolute)) {
            absolute = absolute.toRealPath(); // replace the file the link points to, keep the link
        }
        Path dir = absolute.getParent();
        String name = absolute.getFileName().toString();
        String part = name.length() > NAME_PART ? name.substring(0, NAME_PART) : name;
        Path tmp = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            tmp =
                    dir.resolve(
                            "."
                                    + part
                                    + "."
                                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)
                                    + ".tmp");
            try {
                // not Files.createTempFile: that makes the file private (0600), and the result
                // would keep it
                channel =
                        FileChannel.open(
                                tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
        boolean done = false;
        try {
            try (FileChannel ch = channel;
                    OutputStream out =
                            new java.io.BufferedOutputStream(
                                    Channels.newOutputStream(ch), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
