package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.VersionedRecord;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records under {@code r/<key>/}, one immutable object per write ("slot"), numbered 0, 1, 2, … in
 * 19 digits; the record is its highest slot. A write creates the next slot with
 * {@code If-None-Match: *}, so of concurrent writers that read the same slot exactly one can
 * create its successor, and the others get 412 (or 409), which becomes {@link ConflictException}.
 * Old slots are deleted ("reclaimed"), so that a record rewritten any number of times keeps a
 * bounded number of objects and a process that has never seen it finds its highest slot with one
 * short LIST.
 *
 * <p>Why not one object per record with {@code If-Match} on its ETag: a store must then evaluate
 * If-Match atomically with the write, and not every S3-compatible store does (S3Proxy 4.0.0 checks
 * it before writing, so two writers with the same ETag can both win), while create-if-absent is
 * what stores implement first and atomically (S3Proxy hard-links the new file). The adapter thus
 * needs one conditional primitive only, the one its logs use anyway.
 *
 * <p>Slot body: magic {@code AKR2}, a state byte (1 live, 2 deleted), the record's version
 * (8 bytes; 0 for a deletion, so that a re-created record starts again at 1), a random write id
 * (16 bytes) by which a write retried after a lost answer recognises that it landed, the parent id
 * (16 bytes: the write id of the slot this one was computed from, zeros for a first slot), then
 * the value. Slots written before reclamation existed ({@code AKR1}, without parent id) are read
 * as well.
 *
 * <h2>Reclamation</h2>
 *
 * <p>The writer of slot {@code n}, when {@code n} is a multiple of {@link Reclamation#every()},
 * lists the record's slots and deletes those numbered {@code n − keep} and below (one LIST, one
 * DeleteObjects). So at most {@code keep + every} slots exist (16 with the defaults), plus
 * leftovers of the rare cases below, and reading a record costs the same after ten writes as
 * after ten million. Reclamation is housekeeping: if it fails, the write has still succeeded, and
 * the next reclamation, which lists from the first name, deletes what was left.
 *
 * <p><b>The hazard.</b> If-None-Match only asks whether a name exists <em>now</em>; a deleted
 * name can be created again. A writer W reads slot k, then stalls (a long GC pause, a retried
 * request); meanwhile others write slots k+1 … k+1+keep, and k+1 is reclaimed. W now creates
 * k+1 and the store accepts it. Readers are not misled (they take the highest slot, and k+1 is
 * far below it), but W would report success for a write that never became the record's value — a
 * lost update. Likewise a reader that listed slot h could, before its GET, see h reclaimed and
 * even created again by such a stale writer with an older value.
 *
 * <p><b>The rules.</b> Write H for the highest slot number created so far.
 * <ol>
 * <li><b>R1</b> slot j is deleted only by a party that knows a slot numbered j + keep or higher
 *     was created (the reclaiming writer created it; a refuted writer, below, listed it).</li>
 * <li><b>R2</b> slot j + 1 is created only by a writer that read slot j, so j existed before.</li>
 * </ol>
 * They imply: <b>C1</b> the object at H is never deleted (R1: a higher slot would have to exist),
 * so H is the highest existing name and never decreases, and no stale object is ever the highest;
 * <b>C2</b> a name is created again only after its deletion, that is once H ≥ name + keep (R1), so
 * every name above H − keep still holds its first object and a name re-created at a moment had
 * H ≥ name + keep then and ever after.
 *
 * <p><b>Reads.</b> A LIST gives the highest slot h and its ETag (a LIST after the highest slot this
 * process has seen that finds nothing gives that slot and the ETag seen then, which by C2 it still
 * holds), a GET the slot; the GET's ETag must equal the listed one, otherwise (h was reclaimed, or
 * created again with other bytes) the read starts over. An ETag is fixed by the object's bytes
 * (the MD5 of the body on plain S3; stores that encrypt derive it per object), and every body
 * holds a random write id, so equal ETags mean the bytes that were the highest slot when the LIST
 * returned it: the read is linearizable at that LIST. Nothing is read from any other slot.
 *
 * <p><b>Writes.</b> A writer reads (as above) slot h, checks the version, and creates
 * n = h + 1 with its parent id. Once its object is known to have landed (the create succeeded,
 * or a retried create got 412 and found its own write id at n), it decides:
 * <ol>
 * <li>No slot n + keep or higher exists (a LIST that starts there, normally empty). By C2 name n
 *     was not a re-created name when the object landed, so it is n's first object; then no name
 *     above h existed (any needs n first, R2), h was the highest and held the state read: the
 *     compare-and-set took effect atomically when the object landed. <b>Success.</b></li>
 * <li>Otherwise slot n + 1 exists or existed (R2) and is read. If its parent id is this write's
 *     id, another writer read this object as the highest slot; a re-created name is never the
 *     highest (C2), so step 1's conclusion holds. <b>Success.</b></li>
 * <li>If its parent is another write and still (LIST after the GET) no slot n + 1 + keep or
 *     higher exists, that object is n + 1's first (C2), made from the object that was at n when n
 *     was the highest — not this one. This write landed on a re-created name (or, after a lost
 *     race, not at all): <b>ConflictException</b>. Nothing a reader can see was written (the object
 *     is below H); it is deleted (R1 holds: a slot ≥ n + keep was listed). The version differed
 *     from the expected one right after the first successor of the slot read was created, a moment
 *     within the call, so the conflict is linearizable there.</li>
 * <li>Otherwise more than keep writes landed between this write and its check, and the outcome
 *     cannot be told: <b>UnavailableException</b>, which the SPI defines as "may or may not have
 *     taken effect"; the caller reads the record again. The object, far below the highest slot
 *     whatever became of it, is deleted (R1 holds as in step 3).</li>
 * </ol>
 * A writer whose only attempt got 412 has lost the race: its object never landed, and slot n
 * existed, so the record had moved on from the slot read (ConflictException). A writer that got
 * 412 after the SDK retried its create and found another's write id at n goes through the same
 * steps without knowing whether its own object ever landed; in the usual case step 1 shows that n
 * holds its first object, another's, and the result is ConflictException.
 *
 * <p><b>Costs.</b> A read: one LIST (after the highest slot this process knows, or of the whole
 * record, at most {@code keep + every} names) and one GET. A write: a read, one PUT and one LIST
 * of at most one name; every {@code every}-th write one more LIST and one DeleteObjects. A losing
 * writer: a read and one PUT (one GET and one LIST more if its create was retried).
 *
 * <p><b>Limits.</b> Every process sharing the store must run an adapter with these checks: an
 * older one neither verifies its reads nor its writes and can be misled by reclaimed names. keep
 * is part of the protocol, not a setting: step 1 of a writer with keep k is sound only if no
 * reclaimer uses a smaller keep, so a change of it must reach all workers at once. A
 * refuted writer that dies before deleting its object leaves it until the next reclamation. On a
 * bucket with versioning, deleted slots stay as noncurrent versions and delete markers; a
 * lifecycle rule on {@code <prefix>/r/} that expires them keeps storage and LIST time flat. The
 * store must return ETags in LIST and GET answers (the S3 API always does); one that does not
 * makes every read fail with UnavailableException.
 */
final class S3Records implements RecordStore {

    /**
     * When slots are reclaimed.
     *
     * @param keep how many of the newest slots are never deleted, at least 2; also how many
     *     concurrent writes a writer's check tolerates before it cannot tell its outcome
     * @param every reclaim when the new slot's number is a multiple of this, at least 1
     */
    record Reclamation(int keep, int every) {

        /** Keeps 8, reclaims every 8th write: at most 16 slots, one DeleteObjects per 8 writes. */
        static final Reclamation DEFAULT = new Reclamation(8, 8);

        Reclamation {
            if (keep < 2 || every < 1) {
                throw new IllegalArgumentException("keep must be >= 2 and every >= 1: " + keep + ", " + every);
            }
        }
    }

    private static final System.Logger LOG = System.getLogger(S3Records.class.getName());
    private static final byte[] MAGIC_V1 = {'A', 'K', 'R', '1'};
    private static final byte[] MAGIC = {'A', 'K', 'R', '2'};
    private static final byte LIVE = 1;
    private static final byte DELETED = 2;
    private static final int ID_BYTES = 16;
    private static final int HEADER_V1 = MAGIC.length + 1 + 8 + ID_BYTES;
    private static final int HEADER = HEADER_V1 + ID_BYTES;
    private static final byte[] NO_PARENT = new byte[ID_BYTES];
    /** Rounds of "list, get, find the slot replaced" before a read gives up. */
    private static final int READ_ATTEMPTS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Storage storage;
    private final Reclamation reclamation;
    /** Per record, the highest slot this process has seen and its ETag; listing starts after it. */
    private final Map<Key, Top> tops = new ConcurrentHashMap<>();

    S3Records(S3Storage storage, Reclamation reclamation) {
        this.storage = storage;
        this.reclamation = reclamation;
    }

    private record Top(long slot, String etag) {
    }

    /** One slot as read; {@code parentId} is {@code null} for a slot written before parent ids existed. */
    private record Stored(long slot, String etag, boolean live, long version, byte[] writeId, byte[] parentId,
                          byte[] value) {

        long liveVersion() {
            return live ? version : 0;
        }
    }

    /** What became of a write; see steps 1 to 4 of the class comment. */
    private enum Verdict {
        /** It is the record's value as of the moment its object landed. */
        TOOK_EFFECT,
        /** Another write holds the slot, as its first object: the usual lost race. */
        LOST_RACE,
        /** Its object landed on a re-created name, or not at all; either way no reader ever sees it. */
        DID_NOT,
        /** More than keep writes landed before it could be told. */
        UNKNOWN
    }

    @Override
    public Optional<VersionedRecord> get(Key key) {
        storage.checkOpen();
        return read(key).filter(Stored::live).map(s -> new VersionedRecord(key, s.version(), s.value()));
    }

    @Override
    public long compareAndSet(Key key, long expectedVersion, byte[] value) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be >= 0: " + expectedVersion);
        }
        if (value.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("record value of " + value.length + " bytes exceeds " + MAX_RECORD_BYTES);
        }
        storage.checkOpen();
        Optional<Stored> current = read(key);
        long actual = current.map(Stored::liveVersion).orElse(0L);
        if (actual != expectedVersion) {
            throw new ConflictException(key.value(), expectedVersion, actual);
        }
        write(key, current, LIVE, expectedVersion + 1, value, expectedVersion);
        return expectedVersion + 1;
    }

    @Override
    public void delete(Key key, long expectedVersion) {
        storage.checkOpen();
        Optional<Stored> current = read(key);
        long actual = current.map(Stored::liveVersion).orElse(0L);
        if (actual == 0 || actual != expectedVersion) {
            throw new ConflictException(key.value(), expectedVersion, actual);
        }
        write(key, current, DELETED, 0, new byte[0], expectedVersion);
    }

    private void write(Key key, Optional<Stored> current, byte state, long version, byte[] value, long expected) {
        long slot = current.map(s -> s.slot() + 1).orElse(0L);
        byte[] parentId = current.map(Stored::writeId).orElse(NO_PARENT);
        byte[] writeId = new byte[ID_BYTES];
        RANDOM.nextBytes(writeId);
        byte[] body = ByteBuffer.allocate(HEADER + value.length).put(MAGIC).put(state).putLong(version).put(writeId)
                .put(parentId).put(value).array();
        S3Settings s = storage.settings();
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(s.bucket()).key(storage.names().recordSlot(key, slot))
                .ifNoneMatch("*").contentLength((long) body.length).contentType("application/octet-stream")
                .checksumSHA256(Hashing.base64(Hashing.sha256(body, 0, body.length)));
        storage.encryption(put);
        String etag;
        boolean landed;
        Optional<Stored> there = Optional.empty();
        try {
            etag = storage.client().putObject(put.build(), RequestBody.fromBytes(body)).eTag();
            landed = true;
        } catch (SdkException e) {
            // 412/409: the slot is taken, by another writer or by this very write on an earlier
            // attempt whose answer was lost and which the SDK retried; only the write id tells.
            if (!Failures.isPreconditionFailed(e)) {
                throw Failures.map(e, "compare-and-set", key.value());
            }
            if (Integer.valueOf(1).equals(e.numAttempts())) {
                // refused on the only attempt: this write's object never landed anywhere
                throw new ConflictException(key.value(), expected, -1);
            }
            there = readSlot(key, slot);
            landed = there.isPresent() && Arrays.equals(there.get().writeId(), writeId);
            etag = there.map(Stored::etag).orElse(null);
        }
        switch (judge(key, slot, writeId, landed)) {
            case TOOK_EFFECT -> {
                if (landed && etag != null) {
                    remember(key, new Top(slot, etag));
                }
                if (slot >= reclamation.keep() && slot % reclamation.every() == 0) {
                    reclaim(key, slot - reclamation.keep());
                }
            }
            case LOST_RACE -> throw new ConflictException(key.value(), expected,
                    there.map(Stored::liveVersion).orElse(-1L));
            case DID_NOT -> {
                if (landed) {
                    // below the highest slot and never read as the record; R1 holds (judge listed a slot >= slot + keep)
                    deleteQuietly(List.of(storage.names().recordSlot(key, slot)));
                }
                throw new ConflictException(key.value(), expected, -1);
            }
            case UNKNOWN -> {
                if (landed) {
                    // whatever became of it, it is far below the highest slot now; R1 holds as for DID_NOT
                    deleteQuietly(List.of(storage.names().recordSlot(key, slot)));
                }
                throw new UnavailableException("compare-and-set of record '" + key.value()
                        + "': more than " + reclamation.keep() + " other writes landed before this one could be"
                        + " confirmed, so it may or may not have taken effect; read the record again", null);
            }
        }
    }

    /**
     * Whether this write's object at {@code slot} is the record's value as of the moment it landed;
     * steps 1 to 4 of the class comment.
     *
     * @param landed whether this write's object is known to have landed at {@code slot}; if not, a
     *     GET of {@code slot} that found another's object or none came before this call
     */
    private Verdict judge(Key key, long slot, byte[] writeId, boolean landed) {
        int keep = reclamation.keep();
        if (!slotAtOrAbove(key, slot + keep)) {
            return landed ? Verdict.TOOK_EFFECT : Verdict.LOST_RACE;
        }
        Optional<Stored> next = readSlot(key, slot + 1);
        if (next.isEmpty() || next.get().parentId() == null) {
            return Verdict.UNKNOWN;
        }
        if (Arrays.equals(next.get().parentId(), writeId)) {
            return Verdict.TOOK_EFFECT;
        }
        return slotAtOrAbove(key, slot + 1 + keep) ? Verdict.UNKNOWN : Verdict.DID_NOT;
    }

    /** @return the record's highest slot, read so that it is the one a LIST showed as the highest; empty if none */
    private Optional<Stored> read(Key key) {
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            Optional<Top> top = highest(key);
            if (top.isEmpty()) {
                return Optional.empty();
            }
            Optional<Stored> slot = readSlot(key, top.get().slot());
            if (slot.isPresent() && sameObject(slot.get().etag(), top.get().etag())) {
                return slot;
            }
            // reclaimed (and perhaps created again by a stale writer) since the LIST: the record has moved on
            tops.remove(key);
        }
        throw new UnavailableException("read of record '" + key.value() + "': its newest slot was replaced "
                + READ_ATTEMPTS + " times while being read", null);
    }

    private static boolean sameObject(String a, String b) {
        return a != null && b != null && unquoted(a).equalsIgnoreCase(unquoted(b));
    }

    private static String unquoted(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    /**
     * Lists the record's slots after the highest this process has seen, or all of them.
     *
     * @return the highest slot and its ETag, or empty if the record has none
     */
    private Optional<Top> highest(Key key) {
        String prefix = storage.names().recordPrefix(key);
        Top known = tops.get(key);
        Top best = null;
        String token = null;
        do {
            ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(storage.settings().bucket())
                    .prefix(prefix).delimiter("/").maxKeys(1000);
            if (token != null) {
                req.continuationToken(token);
            } else if (known != null) {
                req.startAfter(storage.names().recordSlot(key, known.slot()));
            }
            ListObjectsV2Response r = list(req, key);
            for (S3Object o : r.contents()) {
                long slot = ObjectNames.batchStart(prefix, o.key());
                if (slot >= 0 && (best == null || slot > best.slot())) {
                    best = new Top(slot, o.eTag());
                }
            }
            token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
        } while (token != null);
        // nothing after the known slot: it is still the highest (the highest is never deleted, C1)
        Top top = best != null ? best : known;
        if (top != null) {
            remember(key, top);
        }
        return Optional.ofNullable(top);
    }

    private void remember(Key key, Top top) {
        tops.merge(key, top, (a, b) -> b.slot() > a.slot() ? b : a);
    }

    /** @return whether a slot numbered {@code slot} or higher exists */
    private boolean slotAtOrAbove(Key key, long slot) {
        String prefix = storage.names().recordPrefix(key);
        String token = null;
        do {
            ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(storage.settings().bucket())
                    .prefix(prefix).delimiter("/").maxKeys(8);
            if (token != null) {
                req.continuationToken(token);
            } else {
                req.startAfter(storage.names().recordSlot(key, slot - 1));
            }
            ListObjectsV2Response r = list(req, key);
            for (S3Object o : r.contents()) {
                if (ObjectNames.batchStart(prefix, o.key()) >= slot) {
                    return true;
                }
            }
            token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
        } while (token != null);
        return false;
    }

    /** Deletes the record's slots numbered {@code upTo} and below; failures are left to the next reclamation. */
    private void reclaim(Key key, long upTo) {
        String prefix = storage.names().recordPrefix(key);
        List<String> names = new ArrayList<>();
        try {
            String token = null;
            do {
                ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(storage.settings().bucket())
                        .prefix(prefix).delimiter("/").maxKeys(1000);
                if (token != null) {
                    req.continuationToken(token);
                }
                ListObjectsV2Response r = list(req, key);
                for (S3Object o : r.contents()) {
                    long slot = ObjectNames.batchStart(prefix, o.key());
                    if (slot >= 0 && slot <= upTo) {
                        names.add(o.key());
                    }
                }
                token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
            } while (token != null);
        } catch (ProviderException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not list a record's old slots; the next reclamation will");
            return;
        }
        deleteQuietly(names);
    }

    private void deleteQuietly(List<String> names) {
        String bucket = storage.settings().bucket();
        for (int from = 0; from < names.size(); from += 1000) {
            List<ObjectIdentifier> batch = names.subList(from, Math.min(names.size(), from + 1000)).stream()
                    .map(n -> ObjectIdentifier.builder().key(n).build()).toList();
            try {
                if (batch.size() == 1) {
                    storage.client().deleteObject(b -> b.bucket(bucket).key(batch.get(0).key()));
                    continue;
                }
                DeleteObjectsResponse r = storage.client().deleteObjects(b -> b.bucket(bucket)
                        .delete(d -> d.objects(batch).quiet(true)));
                if (r.hasErrors() && !r.errors().isEmpty()) {
                    LOG.log(System.Logger.Level.DEBUG, r.errors().size() + " old record slots were not deleted ("
                            + r.errors().get(0).code() + "); the next reclamation will");
                }
            } catch (S3Exception e) {
                if (e.statusCode() == 501) {
                    // a store without multi-object delete: one by one
                    batch.forEach(o -> deleteOneQuietly(bucket, o.key()));
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "could not delete old record slots (" + Failures.code(e)
                            + "); the next reclamation will");
                }
            } catch (SdkException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not delete old record slots (" + Failures.code(e)
                        + "); the next reclamation will");
            }
        }
    }

    private void deleteOneQuietly(String bucket, String name) {
        try {
            storage.client().deleteObject(b -> b.bucket(bucket).key(name));
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete an old record slot (" + Failures.code(e) + ")");
        }
    }

    private ListObjectsV2Response list(ListObjectsV2Request.Builder req, Key key) {
        try {
            return storage.client().listObjectsV2(req.build());
        } catch (SdkException e) {
            throw Failures.map(e, "read record", key.value());
        }
    }

    private Optional<Stored> readSlot(Key key, long slot) {
        String name = storage.names().recordSlot(key, slot);
        ResponseBytes<GetObjectResponse> got;
        try {
            got = storage.client().getObjectAsBytes(b -> b.bucket(storage.settings().bucket()).key(name));
        } catch (SdkException e) {
            if (Failures.isNotFound(e)) {
                return Optional.empty();
            }
            throw Failures.map(e, "read record", key.value());
        }
        byte[] body = got.asByteArray();
        boolean v1 = body.length >= HEADER_V1 && Arrays.equals(body, 0, MAGIC_V1.length, MAGIC_V1, 0, MAGIC_V1.length);
        boolean v2 = body.length >= HEADER && Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
        if (!v1 && !v2) {
            throw new IntegrityException(key.value(), "record slot " + slot + " is not a record (" + body.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length);
        byte state = b.get();
        long version = b.getLong();
        byte[] writeId = new byte[ID_BYTES];
        b.get(writeId);
        byte[] parentId = null;
        if (v2) {
            parentId = new byte[ID_BYTES];
            b.get(parentId);
        }
        if ((state != LIVE && state != DELETED) || (state == LIVE && version < 1)) {
            throw new IntegrityException(key.value(), "record slot " + slot + " has a malformed header");
        }
        return Optional.of(new Stored(slot, got.response().eTag(), state == LIVE, version, writeId, parentId,
                Arrays.copyOfRange(body, v2 ? HEADER : HEADER_V1, body.length)));
    }
}
