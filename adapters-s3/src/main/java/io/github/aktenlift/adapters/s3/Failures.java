package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.UnsupportedCapabilityException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns SDK failures into the SPI's typed exceptions. Messages name the operation, the key and
 * the S3 status and error code only: never credentials, never content, never request bodies.
 */
final class Failures {

    private Failures() {
    }

    static boolean isPreconditionFailed(SdkException e) {
        // 412 PreconditionFailed; 409 ConditionalRequestConflict when a concurrent conditional write is in flight
        return e instanceof S3Exception s && (s.statusCode() == 412 || s.statusCode() == 409);
    }

    static boolean isNotFound(SdkException e) {
        return e instanceof S3Exception s && s.statusCode() == 404;
    }

    static String code(SdkException e) {
        if (e instanceof S3Exception s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            return s.statusCode() + (code == null ? "" : " " + code);
        }
        return e.getClass().getSimpleName();
    }

    /**
     * @param e the SDK's failure, after the SDK's own retries
     * @param operation what was attempted, such as {@code put}
     * @param key the key concerned
     * @return the typed exception to throw
     */
    static ProviderException map(SdkException e, String operation, String key) {
        if (e instanceof S3Exception s) {
            int status = s.statusCode();
            String code = s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
            if (status == 501 || "NotImplemented".equals(code)) {
                return new UnsupportedCapabilityException(operation.toUpperCase(java.util.Locale.ROOT).replace(' ', '_'),
                        "the S3 store does not implement " + operation + " (501 " + code + ") for '" + key + "'");
            }
            if ("BadDigest".equals(code) || "XAmzContentSHA256Mismatch".equals(code) || "InvalidDigest".equals(code)) {
                return new IntegrityException(key, "the S3 store rejected the upload's checksum (" + status + " " + code + ")");
            }
            return new UnavailableException(operation + " of '" + key + "' failed: S3 answered " + status + " " + code, e);
        }
        if (e instanceof SdkClientException) {
            return new UnavailableException(operation + " of '" + key + "' failed: " + e.getClass().getSimpleName()
                    + " (" + safeMessage(e) + ")", e);
        }
        return new UnavailableException(operation + " of '" + key + "' failed: " + e.getClass().getSimpleName(), e);
    }

    private static String safeMessage(SdkException e) {
        // SDK client messages describe the transport (timeouts, refused connections); cut them short
        String m = String.valueOf(e.getMessage());
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
