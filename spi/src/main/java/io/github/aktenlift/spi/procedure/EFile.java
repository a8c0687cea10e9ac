package io.github.aktenlift.spi.procedure;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An electronic file (<i>E-Akte</i>) in the specialist procedure.
 *
 * @param id the procedure's id of the e-file; never {@code null}
 * @param fileReference the office's file number it is kept under; never {@code null}
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record EFile(String id, String fileReference) {

    /**
     * Checks for {@code null}.
     *
     * @param id the procedure's id of the e-file; never {@code null}
     * @param fileReference the office's file number it is kept under; never {@code null}
     */
    public EFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fileReference, "fileReference");
    }
}
