package io.github.aktenlift.adapters.s3;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds and aborts the incomplete multipart uploads under the content prefix: those whose upload
 * failed and whose abort failed too (the store was unreachable), which S3 keeps, invisible, until
 * they are aborted or a lifecycle rule removes them. Memory: the uploads found, one small record
 * each.
 */
final class S3Uploads {

    private final S3Storage storage;

    S3Uploads(S3Storage storage) {
        this.storage = storage;
    }

    List<IncompleteUpload> list(Instant initiatedBefore) {
        Objects.requireNonNull(initiatedBefore, "initiatedBefore");
        String bucket = storage.settings().bucket();
        String prefix = storage.names().contentRoot();
        List<IncompleteUpload> found = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            ListMultipartUploadsRequest.Builder req = ListMultipartUploadsRequest.builder().bucket(bucket).prefix(prefix);
            if (keyMarker != null) {
                req.keyMarker(keyMarker);
                if (uploadIdMarker != null) {
                    req.uploadIdMarker(uploadIdMarker);
                }
            }
            ListMultipartUploadsResponse r;
            try {
                r = storage.client().listMultipartUploads(req.build());
            } catch (SdkException e) {
                throw Failures.map(e, "list multipart uploads", prefix);
            }
            for (MultipartUpload u : r.uploads()) {
                if (u.initiated() != null && u.initiated().isBefore(initiatedBefore) && u.key().startsWith(prefix)) {
                    found.add(new IncompleteUpload(u.key(), u.uploadId(), u.initiated()));
                }
            }
            if (!Boolean.TRUE.equals(r.isTruncated()) || r.nextKeyMarker() == null) {
                return found;
            }
            keyMarker = r.nextKeyMarker();
            uploadIdMarker = r.nextUploadIdMarker();
        }
    }

    List<IncompleteUpload> abort(Instant initiatedBefore) {
        String bucket = storage.settings().bucket();
        List<IncompleteUpload> aborted = new ArrayList<>();
        for (IncompleteUpload u : list(initiatedBefore)) {
            try {
                storage.client().abortMultipartUpload(b -> b.bucket(bucket).key(u.objectName()).uploadId(u.uploadId()));
                aborted.add(u);
            } catch (SdkException e) {
                if (!Failures.isNotFound(e)) {    // 404 NoSuchUpload: completed or aborted meanwhile
                    throw Failures.map(e, "abort multipart upload", u.objectName());
                }
            }
        }
        return aborted;
    }
}
