package io.github.aktenlift.testkit;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.contract.StorageContract;

class InMemoryStorageContractTest extends StorageContract {

    @Override
    protected Storage createStorage() {
        return new InMemoryStorage();
    }

    @Override
    protected void corruptContent(Storage storage, Key key) {
        ((InMemoryStorage) storage).tamper().flipContentBit(key, 0);
    }
}
