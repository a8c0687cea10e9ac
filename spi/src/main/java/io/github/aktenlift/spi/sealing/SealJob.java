package io.github.aktenlift.spi.sealing;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One PDF to seal or renew: read from {@code source}, written to {@code target}, which must not
 * exist. A seal is always a new file beside its source, never written over it.
 *
 * @param source the existing file
 * @param target the new file
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SealJob(Path source, Path target) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if source and target are the same path
     * @param source the existing file
     * @param target the new file
     */
    public SealJob {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("a seal is written beside its source, never over it");
        }
    }
}
