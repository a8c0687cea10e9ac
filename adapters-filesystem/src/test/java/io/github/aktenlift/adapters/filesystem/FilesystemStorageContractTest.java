package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.contract.StorageContract;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The filesystem storage passes the storage contract as it stands, with fsync on. */
class FilesystemStorageContractTest extends StorageContract {

    @TempDir
    Path dir;

    @Override
    protected Storage createStorage() {
        return FilesystemStorage.open(dir.resolve("root"));
    }

    @Override
    protected void corruptContent(Storage storage, Key key) throws Exception {
        Path file = ((FilesystemStorage) storage).layout.file(((FilesystemStorage) storage).layout.content, key,
                Layout.OBJECT);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = FileContentStore.HEADER + 1000;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
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
        try (RandomAccessFile f = new RandomAccessFile(layout.file(layout.content, key, Layout.OBJECT).toFile(), "rw")) {
            f.seek(20);
            int b = f.read();
            f.seek(20);
            f.write(b ^ 1);
        }
        return true;
    }
}
