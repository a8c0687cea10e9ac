package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.storage.Key;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The settings of the S3 adapter, all named {@code aktenlift.s3.<name>}, and their parsed values.
 *
 * <p>The location is {@code s3://bucket/prefix}; the prefix is optional and must be a legal
 * {@link Key} text. Every object the adapter writes lies under it. Credentials are taken from
 * {@value #ACCESS_KEY}/{@value #SECRET_KEY} when both are given, otherwise from the AWS SDK's
 * default provider chain (environment, system properties, profile, container or instance role).
 * Neither credentials nor content ever appear in log lines or exception messages.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class S3Settings {

    /** Endpoint URI of an S3-compatible store, for example {@code https://s3.example.org}; default AWS. */
    public static final String ENDPOINT = "aktenlift.s3.endpoint";
    /** Region name; default the SDK's region provider chain, or {@code us-east-1} with an endpoint. */
    public static final String REGION = "aktenlift.s3.region";
    /** {@code true} for path-style requests ({@code host/bucket/key}), which most non-AWS stores need. */
    public static final String PATH_STYLE = "aktenlift.s3.pathStyle";
    /** Access key id; with {@value #SECRET_KEY}, replaces the default credentials chain. */
    public static final String ACCESS_KEY = "aktenlift.s3.accessKey";
    /** Secret access key; never logged. */
    public static final String SECRET_KEY = "aktenlift.s3.secretKey";
    /** Server-side encryption: {@code none} (default), {@code AES256} or {@code aws:kms}. */
    public static final String SSE = "aktenlift.s3.sse";
    /** KMS key id for {@code aws:kms}; default the bucket's or account's default key. */
    public static final String SSE_KMS_KEY_ID = "aktenlift.s3.sseKmsKeyId";
    /** Content above this many bytes is uploaded in parts; at least 5 MiB, default 8 MiB (as the SDK's transfer manager). */
    public static final String MULTIPART_THRESHOLD = "aktenlift.s3.multipartThreshold";
    /** Part size of multipart uploads in bytes; 5 MiB to 1 GiB, default 8 MiB (as the SDK's transfer manager). One part is held in heap per upload. */
    public static final String PART_SIZE = "aktenlift.s3.partSize";
    /** Connect timeout, an ISO-8601 duration; default {@code PT10S}. */
    public static final String CONNECT_TIMEOUT = "aktenlift.s3.connectTimeout";
    /** Longest wait for data on an open connection, an ISO-8601 duration; default {@code PT60S}. */
    public static final String SOCKET_TIMEOUT = "aktenlift.s3.socketTimeout";
    /** Longest time for one attempt of one request, an ISO-8601 duration; default {@code PT5M}. */
    public static final String ATTEMPT_TIMEOUT = "aktenlift.s3.attemptTimeout";
    /** Attempts per request including the first, 1 to 10; default 4. */
    public static final String MAX_ATTEMPTS = "aktenlift.s3.maxAttempts";
    /** Most open connections; default 50. */
    public static final String MAX_CONNECTIONS = "aktenlift.s3.maxConnections";
    /**
     * {@code true} to allow {@code aws-chunked} uploads. Default {@code false}: some S3-compatible
     * servers accept chunked uploads and store the chunk framing inside the object.
     */
    public static final String CHUNKED_ENCODING = "aktenlift.s3.chunkedEncoding";

    static final long MIN_PART = 5L << 20;
    static final long MAX_PART = 1L << 30;

    private final String bucket;
    private final String prefix;
    private final Optional<URI> endpoint;
    private final Optional<String> region;
    private final boolean pathStyle;
    private final Optional<String> accessKey;
    private final Optional<String> secretKey;
    private final String sse;
    private final Optional<String> sseKmsKeyId;
    private final long multipartThreshold;
    private final int partSize;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final Duration attemptTimeout;
    private final int maxAttempts;
    private final int maxConnections;
    private final boolean chunkedEncoding;

    private S3Settings(URI location, Map<String, String> s) {
        if (location == null || !"s3".equalsIgnoreCase(location.getScheme())) {
            throw new IllegalArgumentException("S3 location must look like s3://bucket/prefix");
        }
        String authority = location.getRawAuthority();
        if (authority == null || authority.isBlank() || location.getRawQuery() != null || location.getRawFragment() != null) {
            throw new IllegalArgumentException("S3 location must look like s3://bucket/prefix (no query, no fragment)");
        }
        bucket = authority;
        String path = location.getPath() == null ? "" : location.getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Key.validatePrefix(path);
        prefix = path;
        endpoint = opt(s, ENDPOINT).map(e -> {
            try {
                URI u = URI.create(e);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new IllegalArgumentException(ENDPOINT + " must be an absolute http(s) URI");
                }
                return u;
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(ENDPOINT + " must be an absolute http(s) URI");
            }
        });
        region = opt(s, REGION).or(() -> endpoint.map(e -> "us-east-1"));
        pathStyle = bool(s, PATH_STYLE, false);
        accessKey = opt(s, ACCESS_KEY);
        secretKey = opt(s, SECRET_KEY);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException(ACCESS_KEY + " and " + SECRET_KEY + " must be given together");
        }
        sse = opt(s, SSE).orElse("none");
        if (!sse.equals("none") && !sse.equals("AES256") && !sse.equals("aws:kms")) {
            throw new IllegalArgumentException(SSE + " must be none, AES256 or aws:kms");
        }
        sseKmsKeyId = opt(s, SSE_KMS_KEY_ID);
        if (sseKmsKeyId.isPresent() && !sse.equals("aws:kms")) {
            throw new IllegalArgumentException(SSE_KMS_KEY_ID + " needs " + SSE + "=aws:kms");
        }
        multipartThreshold = size(s, MULTIPART_THRESHOLD, 8L << 20, MIN_PART, MAX_PART);
        partSize = (int) size(s, PART_SIZE, 8L << 20, MIN_PART, MAX_PART);
        connectTimeout = duration(s, CONNECT_TIMEOUT, "PT10S");
        socketTimeout = duration(s, SOCKET_TIMEOUT, "PT60S");
        attemptTimeout = duration(s, ATTEMPT_TIMEOUT, "PT5M");
        maxAttempts = (int) size(s, MAX_ATTEMPTS, 4, 1, 10);
        maxConnections = (int) size(s, MAX_CONNECTIONS, 50, 1, 10_000);
        chunkedEncoding = bool(s, CHUNKED_ENCODING, false);
    }

    /**
     * Parses and checks a location and its settings, before any I/O.
     *
     * @param location {@code s3://bucket/prefix}
     * @param settings the {@code aktenlift.s3.*} settings; others are ignored
     * @return the parsed settings
     * @throws IllegalArgumentException naming the first unusable setting
     */
    public static S3Settings of(URI location, Map<String, String> settings) {
        return new S3Settings(location, Map.copyOf(settings));
    }

    private static Optional<String> opt(Map<String, String> s, String name) {
        String v = s.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static boolean bool(Map<String, String> s, String name, boolean dflt) {
        return opt(s, name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false");
        }).orElse(dflt);
    }

    private static long size(Map<String, String> s, String name, long dflt, long min, long max) {
        long v;
        try {
            v = opt(s, name).map(Long::parseLong).orElse(dflt);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must lie between " + min + " and " + max);
        }
        return v;
    }

    private static Duration duration(Map<String, String> s, String name, String dflt) {
        try {
            Duration d = Duration.parse(opt(s, name).orElse(dflt));
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT30S");
        }
    }

    /** @return the bucket name */
    public String bucket() {
        return bucket;
    }

    /** @return the key prefix, {@code ""} for the bucket's root */
    public String prefix() {
        return prefix;
    }

    Optional<URI> endpoint() {
        return endpoint;
    }

    Optional<String> region() {
        return region;
    }

    boolean pathStyle() {
        return pathStyle;
    }

    Optional<String> accessKey() {
        return accessKey;
    }

    Optional<String> secretKey() {
        return secretKey;
    }

    String sse() {
        return sse;
    }

    Optional<String> sseKmsKeyId() {
        return sseKmsKeyId;
    }

    long multipartThreshold() {
        return multipartThreshold;
    }

    int partSize() {
        return partSize;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration socketTimeout() {
        return socketTimeout;
    }

    Duration attemptTimeout() {
        return attemptTimeout;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    int maxConnections() {
        return maxConnections;
    }

    boolean chunkedEncoding() {
        return chunkedEncoding;
    }

    /** Never shows credentials. */
    @Override
    public String toString() {
        return "S3Settings[s3://" + bucket + "/" + prefix + ", endpoint=" + endpoint.map(URI::toString).orElse("AWS")
                + ", credentials=" + (accessKey.isPresent() ? "static" : "default chain") + "]";
    }
}
