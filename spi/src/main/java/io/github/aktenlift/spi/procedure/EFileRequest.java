package io.github.aktenlift.spi.procedure;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A request to create an e-file.
 *
 * @param idempotencyKey the same key always yields the same e-file, however often it is sent
 * @param fileReference the office's file number for the new e-file
 * @param subject the person it concerns (personal data)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record EFileRequest(String idempotencyKey, String fileReference, SubjectQuery subject) {

    /**
     * Checks for {@code null}.
     *
     * @param idempotencyKey the same key always yields the same e-file, however often it is sent
     * @param fileReference the office's file number for the new e-file
     * @param subject the person it concerns (personal data)
     */
    public EFileRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(fileReference, "fileReference");
        Objects.requireNonNull(subject, "subject");
    }
}
