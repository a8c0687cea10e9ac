package io.github.aktenlift.adapters.filesystem;

import java.util.Map;
import java.util.Set;

/** {@link HostileKeysTest} on a root of format 1: escaped names, in which every capital is escaped, so nothing is refused. */
class HostileKeysFormat1Test extends HostileKeysTest {

    @Override
    Map<String, String> settings() {
        return Map.of(FilesystemSettings.FSYNC, "false", FilesystemSettings.FORMAT, "1");
    }

    @Override
    Set<String> refusedContent() {
        return Set.of();
    }

    @Override
    String portableName() {
        return "[a-z0-9._%A-F~-]+";
    }
}
