package org.gridbazaar.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir Path dir;

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("result.json");
        Files.writeString(target, "previous");
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                AtomicFiles.write(
                                        target,
                                        out -> {
                                            out.write("half a fi".getBytes(StandardCharsets.UTF_8));
                                            throw new IllegalStateException("killed");
                                        }));
        assertEquals("killed", e.getMessage());
        assertEquals("previous", Files.readString(target));
        assertEquals(1, filesIn(dir), "the temporary file is removed");
    }

    @Test
    void aSuccessfulWriteReplacesTheFileWholly() throws IOException {
        Path target = dir.resolve("result.json");
        Files.writeString(target, "previous, and longer than the new content");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target));
        assertEquals(1, filesIn(dir));
    }

    @Test
    void theNewFileIsNotMadePrivate() throws IOException {
        Path target = dir.resolve("fresh.json");
        AtomicFiles.write(target, out -> out.write('x'));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
            assertEquals(
                    expected,
                    Files.getPosixFilePermissions(target),
                    "same permissions as any new file (umask), not 0600");
        }
    }

    @Test
    void aSymbolicLinkIsFollowed() throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symbolic links here
        }
        AtomicFiles.write(link, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aVeryLongTargetNameStillGetsATemporaryFile() throws IOException {
        Path target = dir.resolve("r".repeat(250));
        AtomicFiles.write(target, out -> out.write('x'));
        assertEquals("x", Files.readString(target));
    }
}
