package io.github.aktenlift.adapters.s3;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A multipart upload of a content object that was started and neither completed nor aborted: its
 * parts are invisible but take space until it is aborted (see
 * {@link S3Storage#abortIncompleteUploads(Instant)} and the bucket lifecycle rule in
 * {@code docs/s3-adapter.md}).
 *
 * @param objectName the S3 name the upload would have created, under the store's {@code c/} prefix
 * @param uploadId S3's id of the upload
 * @param initiated when the store says the upload started
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.1")
public record IncompleteUpload(String objectName, String uploadId, Instant initiated) {

    /**
     * Checks for {@code null}.
     *
     * @param objectName the S3 name the upload would have created, under the store's {@code c/} prefix
     * @param uploadId S3's id of the upload
     * @param initiated when the store says the upload started
     */
    public IncompleteUpload {
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(initiated, "initiated");
    }
}
