package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.contract.StorageContract;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The filesystem storage passes the storage contract as it stands, with fsync on, in the format of
 * new roots (2: plain files with a sidecar each); {@link Format1StorageContractTest} runs it on
 * format 1.
 */
class FilesystemStorageContractTest extends StorageContract {

    @TempDir
    Path dir;

    @Override
    protected Storage createStorage() {
        FilesystemStorage s = FilesystemStorage.open(dir.resolve("root"));
        if (s.format() != 2) {
            throw new IllegalStateException("a new root is format 2 by default, found " + s.format());
        }
        return s;
    }

    /** Flips a bit of the object file, which holds the bytes as they are. */
    @Override
    protected void corruptContent(Storage storage, Key key) throws Exception {
        flip(((FilesystemStorage) storage).layout.plainFile(key), 1000);
    }

    /** A file another program left in the content tree: a plain name, but no sidecar beside it. */
    @Override
    protected Optional<String> plantForeignContent(Storage storage, Key near) throws Exception {
        Path file = ((FilesystemStorage) storage).layout.plainFile(near);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not written by the adapter");
        return Optional.of(near.value());
    }

    /** Flips a bit of the SHA-256 recorded in the sidecar, which its CRC32C then rejects. */
    @Override
    protected boolean damageContentRecord(Storage storage, Key key) throws Exception {
        Path sidecar = Layout.sidecarOf(((FilesystemStorage) storage).layout.plainFile(key));
        String text = Files.readString(sidecar);
        flip(sidecar, text.indexOf("sha256 ") + 7);
        return true;
    }

    /**
     * Format 2 keeps names as they are, so two keys whose names differ only in case cannot lie side
     * by side ({@code CaseSensitive} and {@code casesensitive}): the second is refused, as
     * {@link CaseCollisionTest} shows. The suite's other unusual keys stay.
     */
    @Override
    protected List<String> unusualKeys() {
        return super.unusualKeys().stream().filter(k -> !k.equals("casesensitive/abc")).toList();
    }

    static void flip(Path file, long at) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
    }
}
