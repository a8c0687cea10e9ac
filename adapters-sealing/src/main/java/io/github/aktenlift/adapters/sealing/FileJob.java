package io.github.aktenlift.adapters.sealing;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One object to seal: read from {@code source}, write the sealed copy to {@code target}, which
 * must not exist yet. The source is never changed.
 *
 * @param source the existing file
 * @param target the new file
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FileJob(Path source, Path target) {

    /**
     * Validates.
     *
     * @param source the existing file
     * @param target the new file
     */
    public FileJob {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("a seal is written beside its source, never over it: " + target.getFileName());
        }
    }
}
