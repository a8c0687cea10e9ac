package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.KeyConflictException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Content objects under {@code c/}, named by their key as it is. Every object is self-contained:
 * its user metadata holds its size and SHA-256, so a copy of the content prefix alone (a
 * replication rule, a migration, {@code aws s3 cp}) stays verifiable. Up to the multipart
 * threshold an object is one PUT with that metadata and an {@code x-amz-checksum-sha256} header
 * that lets the server verify the bytes. Above it the object is a multipart upload streamed part
 * by part (one part in heap), each part sent with its own SHA-256; size and whole-object SHA-256
 * are only known at the end, when S3 no longer accepts metadata for the upload, so they go first
 * into a small object {@code s/<upload id>} written <em>before</em> the upload is completed and
 * named in the object's metadata (the object is readable from the moment it is visible), and then
 * the object is copied onto itself with the size and SHA-256 in its metadata, after which the
 * side object is deleted. Either way the object becomes visible whole or not at all, with its hash
 * already in place.
 *
 * <p>Keys never nest: {@link #put} refuses a key above or below a stored one with
 * {@link KeyConflictException}, so that every name can be copied onto a filesystem. Objects
 * written before issue 20 (names ending in TAB, multipart sums only in {@code s/}) are read,
 * listed and deleted as before; a new put stores the plain name, which is read first.
 */
final class S3Content implements ContentStore {

    static final String META_SHA256 = "aktenlift-sha256";
    static final String META_SIZE = "aktenlift-size";
    static final String META_SUMS = "aktenlift-sums";
    /** The random id of a create-if-absent, by which a retried create recognises its own object. */
    static final String META_WRITE = "aktenlift-write";
    /** CopyObject copies at most 5 GiB in one request; larger objects keep their sums in {@code s/}. */
    static final long MAX_COPY_BYTES = 5L << 30;
    private static final Pattern SUMS = Pattern.compile("(\\d{1,19}) ([0-9a-f]{64})");
    private static final System.Logger LOG = System.getLogger(S3Content.class.getName());

    private final S3Storage storage;

    S3Content(S3Storage storage) {
        this.storage = storage;
    }

    @Override
    public ContentInfo put(Key key, InputStream data) {
        return store(key, data, null);
    }

    /**
     * Create-if-absent: the PUT (or the completion of the multipart upload) carries
     * {@code If-None-Match: *}, so that the store itself refuses it if the name is taken. The
     * object's metadata carries a random write id: a retried request whose first attempt landed
     * gets 412 too, and is told apart from a lost race by finding its own id on the object.
     */
    @Override
    public ContentInfo create(Key key, InputStream data) {
        storage.checkOpen();
        if (exists(key)) {
            throw ConflictException.exists(key.value());
        }
        return store(key, data, UUID.randomUUID().toString());
    }

    /** A create-if-absent refused with 412 (or 409): this write's own earlier attempt, or another's object. */
    private void conflictUnlessOwn(Key key, String name, String writeId, SdkException e) {
        try {
            HeadObjectResponse h = storage.client().headObject(b -> b.bucket(storage.settings().bucket()).key(name));
            if (writeId.equals(h.metadata().get(META_WRITE))) {
                return;
            }
        } catch (SdkException again) {
            e.addSuppressed(again);
            if (!Failures.isNotFound(again)) {
                throw Failures.map(e, "create", key.value());
            }
        }
        throw ConflictException.exists(key.value());
    }

    /** @param writeId {@code null} to replace, or the random id of a create-if-absent */
    private ContentInfo store(Key key, InputStream data, String writeId) {
        storage.checkOpen();
        String name = storage.names().content(key);
        refuseNested(key, name);
        S3Settings s = storage.settings();
        byte[] buffer = new byte[(int) Math.max(s.multipartThreshold(), s.partSize())];
        MessageDigest whole = Hashing.sha256();
        int first = fill(key, data, buffer, (int) s.multipartThreshold());
        whole.update(buffer, 0, first);
        if (first < s.multipartThreshold()) {
            byte[] digest = whole.digest();
            String hex = Hashing.hex(digest);
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(s.bucket()).key(name)
                    .contentLength((long) first).contentType("application/octet-stream")
                    .checksumSHA256(Hashing.base64(digest))
                    .metadata(writeId == null ? Map.of(META_SHA256, hex, META_SIZE, Long.toString(first))
                            : Map.of(META_SHA256, hex, META_SIZE, Long.toString(first), META_WRITE, writeId));
            if (writeId != null) {
                put.ifNoneMatch("*");
            }
            storage.encryption(put);
            try {
                storage.client().putObject(put.build(), body(buffer, first));
            } catch (SdkException e) {
                if (writeId != null && Failures.isPreconditionFailed(e)) {
                    conflictUnlessOwn(key, name, writeId, e);
                    return new ContentInfo(key, first, hex);
                }
                throw Failures.map(e, "put", key.value());
            }
            return new ContentInfo(key, first, hex);
        }
        return putMultipart(key, name, data, buffer, first, whole, writeId);
    }

    private ContentInfo putMultipart(Key key, String name, InputStream data, byte[] buffer, int first, MessageDigest whole,
            String writeId) {
        S3Settings s = storage.settings();
        String sumsId = UUID.randomUUID().toString();
        String sumsName = storage.names().sums(sumsId);
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(s.bucket()).key(name)
                .contentType("application/octet-stream").checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .metadata(writeId == null ? Map.of(META_SUMS, sumsId) : Map.of(META_SUMS, sumsId, META_WRITE, writeId));
        storage.encryption(create);
        String uploadId;
        try {
            uploadId = storage.client().createMultipartUpload(create.build()).uploadId();
        } catch (SdkException e) {
            throw Failures.map(e, "put", key.value());
        }
        boolean completed = false;
        boolean sumsWritten = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            int n = first;
            int partNumber = 1;
            while (true) {
                byte[] partDigest = Hashing.sha256(buffer, 0, n);
                String partSha = Hashing.base64(partDigest);
                UploadPartResponse r = storage.client().uploadPart(UploadPartRequest.builder().bucket(s.bucket()).key(name)
                        .uploadId(uploadId).partNumber(partNumber).contentLength((long) n).checksumSHA256(partSha)
                        .build(), body(buffer, n));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(r.eTag()).checksumSHA256(partSha).build());
                size += n;
                n = fill(key, data, buffer, s.partSize());
                if (n == 0) {
                    break;
                }
                whole.update(buffer, 0, n);
                partNumber++;
            }
            String hex = Hashing.hex(whole.digest());
            byte[] sums = (size + " " + hex).getBytes(StandardCharsets.US_ASCII);
            PutObjectRequest.Builder putSums = PutObjectRequest.builder().bucket(s.bucket()).key(sumsName)
                    .contentLength((long) sums.length).checksumSHA256(Hashing.base64(Hashing.sha256(sums, 0, sums.length)));
            storage.encryption(putSums);
            storage.client().putObject(putSums.build(), RequestBody.fromBytes(sums));
            sumsWritten = true;
            try {
                complete(key, name, uploadId, parts, sumsId, writeId != null);
            } catch (SdkException e) {
                if (writeId != null && Failures.isPreconditionFailed(e)) {
                    conflictUnlessOwn(key, name, writeId, e);
                    completed = true;
                    return new ContentInfo(key, size, hex);
                }
                throw e;
            }
            completed = true;
            selfContain(key, name, size, hex, sumsName, writeId);
            return new ContentInfo(key, size, hex);
        } catch (SdkException e) {
            throw Failures.map(e, "put", key.value());
        } finally {
            if (!completed) {
                abort(name, uploadId, sumsWritten ? sumsName : null);
            }
        }
    }

    private void complete(Key key, String name, String uploadId, List<CompletedPart> parts, String sumsId,
            boolean ifAbsent) {
        S3Settings s = storage.settings();
        try {
            CompleteMultipartUploadRequest.Builder req = CompleteMultipartUploadRequest.builder().bucket(s.bucket())
                    .key(name).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build());
            if (ifAbsent) {
                req.ifNoneMatch("*");
            }
            storage.client().completeMultipartUpload(req.build());
        } catch (SdkException e) {
            // A retried complete whose first attempt landed finds the upload gone (404 NoSuchUpload):
            // it succeeded if the object now carries this upload's sums id.
            if (Failures.isNotFound(e)) {
                try {
                    HeadObjectResponse h = storage.client().headObject(b -> b.bucket(s.bucket()).key(name));
                    if (sumsId.equals(h.metadata().get(META_SUMS))) {
                        return;
                    }
                } catch (SdkException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    /**
     * Refuses a key above or below a stored one: on stores that keep objects as files (and on a
     * filesystem an operator copies the bucket to) one name cannot be a file and a directory. Not
     * atomic with the put: two workers storing {@code a} and {@code a/b} at the same moment can
     * both pass, which S3 itself accepts.
     */
    private void refuseNested(Key key, String name) {
        String bucket = storage.settings().bucket();
        List<String> segments = key.segments();
        List<Key> above = new ArrayList<>(segments.size());
        for (int i = 1; i < segments.size(); i++) {
            above.add(Key.of(String.join("/", segments.subList(0, i))));
        }
        for (Optional<Key> conflict : storage.inParallel(above, a -> plainExists(a) ? Optional.of(a) : Optional.<Key>empty())) {
            if (conflict.isPresent()) {
                throw new KeyConflictException(key.value(), conflict.get().value());
            }
        }
        ListObjectsV2Response below;
        try {
            below = storage.client().listObjectsV2(b -> b.bucket(bucket).prefix(name + "/").maxKeys(1));
        } catch (SdkException e) {
            throw Failures.map(e, "put", key.value());
        }
        if (!below.contents().isEmpty()) {
            String other = below.contents().get(0).key();
            Key k = storage.names().contentKey(other);
            throw new KeyConflictException(key.value(), k != null ? k.value()
                    : other.substring(storage.names().contentRoot().length()));
        }
    }

    private boolean plainExists(Key key) {
        try {
            storage.client().headObject(b -> b.bucket(storage.settings().bucket()).key(storage.names().content(key)));
            return true;
        } catch (SdkException e) {
            if (Failures.isNotFound(e)) {
                return false;
            }
            throw Failures.map(e, "put", key.value());
        }
    }

    /**
     * Copies a completed multipart object onto itself with its size and SHA-256 in its metadata,
     * then deletes the side object. If that fails, the object stays readable through the side
     * object its metadata names, only not self-contained; the failure is logged, not thrown: the
     * content is stored. A create-if-absent keeps its write id on the copy, so that a retried
     * create still recognises its own object.
     */
    private void selfContain(Key key, String name, long size, String hex, String sumsName, String writeId) {
        if (size > MAX_COPY_BYTES) {
            LOG.log(System.Logger.Level.INFO, "an object of " + size + " bytes is larger than one copy request"
                    + " allows; its size and SHA-256 stay in its side object under s/");
            return;
        }
        S3Settings s = storage.settings();
        try {
            CopyObjectRequest.Builder copy = CopyObjectRequest.builder().sourceBucket(s.bucket()).sourceKey(name)
                    .destinationBucket(s.bucket()).destinationKey(name).metadataDirective(MetadataDirective.REPLACE)
                    .contentType("application/octet-stream")
                    .metadata(writeId == null ? Map.of(META_SHA256, hex, META_SIZE, Long.toString(size))
                            : Map.of(META_SHA256, hex, META_SIZE, Long.toString(size), META_WRITE, writeId));
            storage.encryption(copy);
            storage.client().copyObject(copy.build());
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the size and SHA-256 into the metadata of a"
                    + " multipart object (" + Failures.code(e) + "); it stays readable through its side object under s/");
            return;
        }
        try {
            storage.client().deleteObject(b -> b.bucket(s.bucket()).key(sumsName));
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete the side object of a multipart object ("
                    + Failures.code(e) + ")");
        }
    }

    private void abort(String name, String uploadId, String sumsName) {
        S3Settings s = storage.settings();
        try {
            storage.client().abortMultipartUpload(b -> b.bucket(s.bucket()).key(name).uploadId(uploadId));
        } catch (SdkException e) {
            // The parts stay invisible (an upload that is never completed is no object); a bucket
            // lifecycle rule AbortIncompleteMultipartUpload reclaims their space.
            LOG.log(System.Logger.Level.WARNING, "could not abort the failed multipart upload " + uploadId + " ("
                    + Failures.code(e) + "); its parts are invisible but take space until S3Storage.abortIncompleteUploads"
                    + " or the bucket's AbortIncompleteMultipartUpload lifecycle rule (docs/s3-adapter.md) removes them");
        }
        if (sumsName != null) {
            try {
                storage.client().deleteObject(b -> b.bucket(s.bucket()).key(sumsName));
            } catch (SdkException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not delete the sums of a failed upload (" + Failures.code(e) + ")");
            }
        }
    }

    private static RequestBody body(byte[] buffer, int n) {
        // re-readable for signing and retries, without copying the buffer
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, n), n, "application/octet-stream");
    }

    private static int fill(Key key, InputStream in, byte[] buffer, int limit) {
        int n = 0;
        try {
            while (n < limit) {
                int r = in.read(buffer, n, limit - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new UnavailableException("reading the stream for '" + key.value() + "' failed", e);
        }
        return n;
    }

    @Override
    public InputStream get(Key key) {
        storage.checkOpen();
        ResponseInputStream<GetObjectResponse> in = null;
        for (String name : names(key)) {
            try {
                in = storage.client().getObject(b -> b.bucket(storage.settings().bucket()).key(name));
                break;
            } catch (SdkException e) {
                if (!Failures.isNotFound(e)) {
                    throw Failures.map(e, "get", key.value());
                }
            }
        }
        if (in == null) {
            throw new NotFoundException(key.value());
        }
        try {
            Sums sums = sums(key, in.response().metadata());
            ResponseInputStream<GetObjectResponse> response = in;
            return new io.github.aktenlift.spi.storage.VerifyingInputStream(response, key.value(), sums.size(), sums.sha256()) {
                @Override
                public void close() throws IOException {
                    // closed before its end: drop the connection instead of draining the rest of a large object
                    if (!reachedEnd()) {
                        response.abort();
                    }
                    super.close();
                }
            };
        } catch (RuntimeException e) {
            in.abort();
            throw e;
        }
    }

    @Override
    public Optional<ContentInfo> head(Key key) {
        storage.checkOpen();
        try {
            return recordedHead(key);
        } catch (Unverifiable e) {
            throw e.integrity;
        }
    }

    /** @throws Unverifiable if the object's recorded size and SHA-256 cannot be had */
    private Optional<ContentInfo> recordedHead(Key key) {
        Optional<HeadObjectResponse> h = headAny(key, "head");
        if (h.isEmpty()) {
            return Optional.empty();
        }
        Sums sums = recorded(key, h.get().metadata());
        return Optional.of(new ContentInfo(key, sums.size(), sums.sha256()));
    }

    /** @return the names a key may be stored under, plain first, then the one from before issue 20 */
    private List<String> names(Key key) {
        String legacy = storage.names().legacyContent(key);
        String plain = storage.names().content(key);
        return legacy == null ? List.of(plain) : List.of(plain, legacy);
    }

    /** @return the object's HEAD under its plain name, else under its old name; empty if neither exists */
    private Optional<HeadObjectResponse> headAny(Key key, String operation) {
        for (String name : names(key)) {
            try {
                return Optional.of(storage.client().headObject(b -> b.bucket(storage.settings().bucket()).key(name)));
            } catch (SdkException e) {
                if (!Failures.isNotFound(e)) {
                    throw Failures.map(e, operation, key.value());
                }
            }
        }
        return Optional.empty();
    }

    /** What a listing finds under one key: the object, a problem, or nothing (deleted meanwhile). */
    private record Found(ContentInfo info, ContentProblem problem) {
    }

    private Found inspect(Key key) {
        try {
            return recordedHead(key).map(i -> new Found(i, null)).orElse(null);
        } catch (Unverifiable e) {
            return new Found(null, new ContentProblem(key.value(), e.reason, e.detail));
        }
    }

    private record Sums(long size, String sha256) {
    }

    /**
     * The recorded size and SHA-256 cannot be had: an {@link IntegrityException} for {@code head}
     * and {@code get}, a {@link ContentProblem} for {@code list}.
     */
    private static final class Unverifiable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ContentProblem.Reason reason;
        private final String detail;
        private final IntegrityException integrity;

        Unverifiable(Key key, ContentProblem.Reason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.detail = detail;
            this.integrity = new IntegrityException(key.value(), detail);
        }
    }

    private Sums sums(Key key, Map<String, String> metadata) {
        try {
            return recorded(key, metadata);
        } catch (Unverifiable e) {
            // head and get: the SPI's exception; list catches Unverifiable before this
            throw e.integrity;
        }
    }

    private Sums recorded(Key key, Map<String, String> metadata) {
        String sha = metadata.get(META_SHA256);
        String size = metadata.get(META_SIZE);
        if (sha != null && size != null) {
            return parse(key, size + " " + sha);
        }
        String sumsId = metadata.get(META_SUMS);
        if (sumsId == null) {
            throw new Unverifiable(key, sha == null && size == null ? ContentProblem.Reason.FOREIGN : ContentProblem.Reason.DAMAGED,
                    "the object carries no recorded size and SHA-256");
        }
        String sumsName = storage.names().sums(sumsId);
        try {
            byte[] text = storage.client().getObjectAsBytes(b -> b.bucket(storage.settings().bucket()).key(sumsName))
                    .asByteArray();
            return parse(key, new String(text, StandardCharsets.US_ASCII));
        } catch (SdkException e) {
            if (Failures.isNotFound(e)) {
                // The object may have been made self-contained since its metadata was read (the side
                // object is deleted after the copy): same bytes, now with the size and SHA-256 in its metadata.
                Map<String, String> now = headAny(key, "get").map(HeadObjectResponse::metadata).orElse(Map.of());
                if (now.get(META_SHA256) != null && now.get(META_SIZE) != null) {
                    return parse(key, now.get(META_SIZE) + " " + now.get(META_SHA256));
                }
                throw new Unverifiable(key, ContentProblem.Reason.DAMAGED, "the recorded size and SHA-256 of the object are missing");
            }
            throw Failures.map(e, "get", key.value());
        }
    }

    private static Sums parse(Key key, String text) {
        var m = SUMS.matcher(text);
        if (!m.matches()) {
            throw new Unverifiable(key, ContentProblem.Reason.DAMAGED, "the recorded size and SHA-256 are malformed");
        }
        return new Sums(Long.parseLong(m.group(1)), m.group(2));
    }

    @Override
    public ContentPage list(String prefix, Optional<Key> startAfter, int limit) {
        Key.validatePrefix(prefix);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
        storage.checkOpen();
        List<Key> keys = new ArrayList<>(limit + 1);
        // names under the content root that map to no key, each with the number of keys found before it
        List<ContentProblem> foreign = new ArrayList<>();
        List<Integer> foreignAt = new ArrayList<>();
        // The key equal to the prefix sorts before every key below it: look it up on its own, then
        // list "<prefix>/" so that siblings such as "<prefix>x" or "<prefix>!" never mix in.
        if (!prefix.isEmpty() && startAfter.map(a -> Key.compareUtf8(a.value(), prefix) < 0).orElse(true)
                && exists(Key.of(prefix))) {
            keys.add(Key.of(prefix));
        }
        String root = storage.names().contentRoot();
        String s3Prefix = prefix.isEmpty() ? root : storage.names().contentPrefix(prefix + "/");
        String s3StartAfter = startAfter.filter(a -> Key.compareUtf8(a.value(), prefix) > 0)
                .map(a -> storage.names().contentAfter(a)).orElse(null);
        String token = null;
        while (keys.size() <= limit) {
            ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(storage.settings().bucket())
                    .prefix(s3Prefix).maxKeys(Math.min(1000, limit + 1 - keys.size()));
            if (token != null) {
                req.continuationToken(token);
            } else if (s3StartAfter != null) {
                req.startAfter(s3StartAfter);
            }
            ListObjectsV2Response r;
            try {
                r = storage.client().listObjectsV2(req.build());
            } catch (SdkException e) {
                throw Failures.map(e, "list", prefix);
            }
            for (S3Object o : r.contents()) {
                Key k = storage.names().contentKey(o.key());
                if (k != null) {
                    // a key stored under its plain name and its old one: the old name follows right after, and is shadowed
                    if (keys.isEmpty() || !keys.get(keys.size() - 1).equals(k)) {
                        keys.add(k);
                    }
                } else {
                    String below = o.key().substring(root.length());
                    foreign.add(ContentProblem.foreign(below.isEmpty() ? o.key() : below,
                            "an object the adapter did not write: its name maps to no key"));
                    foreignAt.add(keys.size());
                }
            }
            if (!Boolean.TRUE.equals(r.isTruncated()) || r.nextContinuationToken() == null) {
                break;
            }
            token = r.nextContinuationToken();
        }
        boolean more = keys.size() > limit;
        List<Key> page = more ? keys.subList(0, limit) : keys;
        // S3 lists names and sizes, not user metadata: each item's SHA-256 needs a HEAD, done a few at a time.
        List<ContentInfo> items = new ArrayList<>(page.size());
        List<ContentProblem> problems = new ArrayList<>();
        List<Found> found = storage.inParallel(page, this::inspect);
        int next = 0;
        for (int i = 0; i <= found.size(); i++) {
            // foreign names in listing order: those after the page's last key belong to the next page
            while (next < foreign.size() && foreignAt.get(next) == i && (i < found.size() || !more)) {
                problems.add(foreign.get(next++));
            }
            if (i == found.size()) {
                break;
            }
            Found f = found.get(i);
            if (f == null) {
                continue;          // gone since the listing: left out
            }
            if (f.info() != null) {
                items.add(f.info());
            } else {
                problems.add(f.problem());
            }
        }
        return new ContentPage(items, more ? Optional.of(page.get(page.size() - 1)) : Optional.empty(), problems);
    }

    private boolean exists(Key key) {
        return headAny(key, "list").isPresent();
    }

    /** Deletes the object under its plain name and under its old one, each with its side object if it has one. */
    @Override
    public void delete(Key key) {
        storage.checkOpen();
        String bucket = storage.settings().bucket();
        for (String name : names(key)) {
            Optional<String> sumsId;
            try {
                sumsId = Optional.ofNullable(storage.client().headObject(b -> b.bucket(bucket).key(name)).metadata().get(META_SUMS));
            } catch (SdkException e) {
                if (Failures.isNotFound(e)) {
                    continue;
                }
                throw Failures.map(e, "delete", key.value());
            }
            try {
                storage.client().deleteObject(b -> b.bucket(bucket).key(name));
                if (sumsId.isPresent()) {
                    storage.client().deleteObject(b -> b.bucket(bucket).key(storage.names().sums(sumsId.get())));
                }
            } catch (SdkException e) {
                throw Failures.map(e, "delete", key.value());
            }
        }
    }
}
