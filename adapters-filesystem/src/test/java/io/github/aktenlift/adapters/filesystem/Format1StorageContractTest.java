package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.contract.StorageContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A root of storage format 1 (content with a binary header under escaped names) still passes the storage contract. */
class Format1StorageContractTest extends StorageContract {

    @TempDir
    Path dir;

    @Override
    protected Storage createStorage() {
        FilesystemStorage s = FilesystemStorage.open(dir.resolve("root"), Map.of(FilesystemSettings.FORMAT, "1"));
        if (s.format() != 1) {
            throw new IllegalStateException("asked for format 1, found " + s.format());
        }
        return s;
    }

    @Override
    protected void corruptContent(Storage storage, Key key) throws Exception {
        Layout layout = ((FilesystemStorage) storage).layout;
        FilesystemStorageContractTest.flip(layout.file(layout.content, key, Layout.OBJECT), FileContentStore.HEADER + 1000);
    }

    /** A file another program left in the content tree: its name lacks the object suffix. */
    @Override
    protected Optional<String> plantForeignContent(Storage storage, Key near) throws Exception {
        Layout layout = ((FilesystemStorage) storage).layout;
        Path file = layout.file(layout.content, near, ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not written by the adapter");
        return Optional.of(near.value() + ".txt");
    }

    /** Flips a bit of the recorded SHA-256 in the object file's header, which its CRC32C then rejects. */
    @Override
    protected boolean damageContentRecord(Storage storage, Key key) throws Exception {
        Layout layout = ((FilesystemStorage) storage).layout;
        FilesystemStorageContractTest.flip(layout.file(layout.content, key, Layout.OBJECT), 20);
        return true;
    }
}
