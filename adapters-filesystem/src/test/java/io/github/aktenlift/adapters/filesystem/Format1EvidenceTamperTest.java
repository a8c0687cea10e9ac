package io.github.aktenlift.adapters.filesystem;

import org.junit.jupiter.api.Tag;

import java.util.Map;

/**
 * {@link FilesystemEvidenceTamperTest} on roots of format 1: content with a binary header under
 * escaped names. Tagged {@code benchmark} and so left out of the default build, to keep it within
 * its time: it takes one minute on two idle cores and five to six on busy ones, and format 1's
 * content store, which it exercises beyond what {@link Format1StorageContractTest} and
 * {@link HostileKeysFormat1Test} do in the default build, is the one that passed it before format
 * 2 existed, unchanged. Run it as the parent pom says for benchmarks.
 */
@Tag("benchmark")
class Format1EvidenceTamperTest extends FilesystemEvidenceTamperTest {

    @Override
    Map<String, String> settings() {
        return Map.of(FilesystemSettings.FSYNC, "false", FilesystemSettings.FORMAT, "1");
    }
}
