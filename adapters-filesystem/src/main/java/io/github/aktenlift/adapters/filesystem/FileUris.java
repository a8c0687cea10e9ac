package io.github.aktenlift.adapters.filesystem;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Turns {@code file:} URIs into paths, refusing relative and remote ones. */
final class FileUris {

    private FileUris() {
    }

    static Path path(URI location) {
        Objects.requireNonNull(location, "location");
        if (location.getScheme() == null || !location.getScheme().toLowerCase(Locale.ROOT).equals("file")) {
            throw new IllegalArgumentException("expected a file: URI, got scheme " + location.getScheme());
        }
        if (location.isOpaque() || location.getPath() == null || location.getPath().isEmpty()) {
            throw new IllegalArgumentException("file: URI must name an absolute path, as in file:/var/lib/aktenlift");
        }
        if (location.getAuthority() != null && !location.getAuthority().isEmpty()) {
            throw new IllegalArgumentException("file: URI must not name a host; mount the share and use its path");
        }
        if (location.getQuery() != null || location.getFragment() != null) {
            throw new IllegalArgumentException("file: URI must not have a query or fragment; use settings instead");
        }
        try {
            return Path.of(URI.create("file://" + location.getRawPath()));
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new IllegalArgumentException("file: URI is not a usable path: " + e.getMessage(), e);
        }
    }
}
