package io.github.aktenlift.testkit;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.contract.StorageContract;

import java.util.Optional;

class InMemoryStorageContractTest extends StorageContract {

    @Override
    protected Storage createStorage() {
        return new InMemoryStorage();
    }

    @Override
    protected void corruptContent(Storage storage, Key key) {
        ((InMemoryStorage) storage).tamper().flipContentBit(key, 0);
    }

    @Override
    protected Optional<String> plantForeignContent(Storage storage, Key near) {
        ((InMemoryStorage) storage).tamper().plantForeignContent(near, new byte[] {1, 2, 3});
        return Optional.of(near.value());
    }

    @Override
    protected boolean damageContentRecord(Storage storage, Key key) {
        ((InMemoryStorage) storage).tamper().damageContentRecord(key);
        return true;
    }
}
