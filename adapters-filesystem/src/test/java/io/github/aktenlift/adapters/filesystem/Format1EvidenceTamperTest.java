package io.github.aktenlift.adapters.filesystem;

import java.util.Map;

/** {@link FilesystemEvidenceTamperTest} on roots of format 1: content with a binary header under escaped names. */
class Format1EvidenceTamperTest extends FilesystemEvidenceTamperTest {

    @Override
    Map<String, String> settings() {
        return Map.of(FilesystemSettings.FSYNC, "false", FilesystemSettings.FORMAT, "1");
    }
}
