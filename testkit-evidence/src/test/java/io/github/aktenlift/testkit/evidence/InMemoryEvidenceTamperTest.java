package io.github.aktenlift.testkit.evidence;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.InMemoryStorage;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The testkit's in-memory storage passes the evidence tamper contract. Its raw objects are the
 * entries of its maps; the fingerprint adds what is kept beside the bytes (an object's recorded
 * size and SHA-256, a record's version), read through the SPI.
 */
class InMemoryEvidenceTamperTest extends EvidenceTamperContract {

    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }

    @Override
    protected RawView raw(Storage storage) {
        InMemoryStorage memory = (InMemoryStorage) storage;
        return new RawView() {
            @Override
            public SortedMap<String, String> fingerprint() {
                SortedMap<String, String> out = new TreeMap<>();
                memory.tamper().raw().forEach((name, bytes) -> out.put(name, Forgery.sha256(bytes) + beside(name)));
                return out;
            }

            private String beside(String name) {
                if (name.startsWith("content/")) {
                    return memory.content().head(Key.of(name.substring("content/".length())))
                            .map(i -> " " + i.size() + " " + i.sha256()).orElse("");
                }
                if (name.startsWith("records/")) {
                    return memory.records().get(Key.of(name.substring("records/".length())))
                            .map(r -> " v" + r.version()).orElse("");
                }
                return "";
            }

            @Override
            public byte[] read(String name) {
                return memory.tamper().readRaw(name);
            }

            @Override
            public void write(String name, byte[] bytes) {
                memory.tamper().writeRaw(name, bytes);
            }
        };
    }

    /**
     * A fixed sample of event positions per manipulation (about 150 instead of over 1,000): the filesystem adapter
     * runs every position in the default build through the same verification.
     * {@code -Daktenlift.tamper.exhaustive=true} tries every position.
     */
    @Override
    protected boolean everyEventPosition() {
        return false;
    }
}
