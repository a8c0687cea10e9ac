package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.contract.StorageContract;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;

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
}
