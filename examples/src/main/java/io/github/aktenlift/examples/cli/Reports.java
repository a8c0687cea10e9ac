package io.github.aktenlift.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing report files: to a temporary file beside the target, then renamed, so a reader never sees half a report. */
final class Reports {

    /** What writes a report. */
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private Reports() {
    }

    static void writeAtomically(Path target, Body body) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(dir)) {
                throw new UserException("cannot write " + target + ": " + dir + " is no directory");
            }
            Path tmp = Files.createTempFile(dir, ".report-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    body.write(out);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
