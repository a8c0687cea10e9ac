package io.github.aktenlift;

import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.journal.EventCodec;
import io.github.aktenlift.journal.EventCodec.Checkpoint;
import io.github.aktenlift.journal.EventHasher;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.JournalViolation;
import io.github.aktenlift.tracking.JournalViolation.Kind;
import io.github.aktenlift.tracking.VerificationReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Damages the stored journal behind Aktenlift's back, the way someone with write access to the
 * storage could, and checks that verification names the first bad event and that no instance
 * builds state on the damaged journal.
 */
@DisplayName("A tampered journal")
class JournalTamperTest {

    private static final Key EVENTS = Key.of("journal/events");
    private static final Key CHECKPOINTS = Key.of("journal/checkpoints");
    private static final Key SUBJECTS = Key.of("subjects/entries");
    private static final byte[] JOURNAL_KEY =
            "journal key of the records office, 32+ bytes long".getBytes(StandardCharsets.US_ASCII);

    /** Built once: every test works on its own copy of the stored logs. */
    private static final Stored PLAIN = Stored.build(null);

    /** What a manipulation must be reported as. */
    record Expected(Kind kind, long position, String stream) {
    }

    /** Changes the stored logs of a copy and says how the change must be reported. */
    @FunctionalInterface
    interface Manipulation {
        Expected apply(Stored s);
    }

    @Nested
    @DisplayName("without a journal key")
    class WithoutKey {

        @Test
        @DisplayName("an untouched journal verifies intact, with every event and checkpoint checked")
        void untouchedJournalIsIntact() {
            Stored s = PLAIN.copy();
            InMemoryStorage storage = s.toStorage();
            try (Aktenlift lift = Aktenlift.builder().storage(storage).build()) {
                VerificationReport report = lift.tracking().verify();

                assertThat(report.firstViolation()).isEmpty();
                assertThat(report.isIntact()).isTrue();
                assertThat(report.eventsChecked()).isEqualTo(storage.logs().length(EVENTS))
                        .isEqualTo(s.events.size());
                assertThat(report.streams()).isEqualTo((int) s.decoded.stream().map(JournalEvent::stream).distinct().count());
                assertThat(report.checkpointsChecked()).isEqualTo(s.checkpoints.size()).isEqualTo(2);
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.aktenlift.JournalTamperTest#manipulations")
        @DisplayName("is reported by verify() at the first bad event, and refused when opened")
        void isReportedAndRefused(Manipulation manipulation) {
            assertDetected(PLAIN, manipulation);
        }

        @Test
        @DisplayName("catches a rewritten newest event after the last checkpoint by the journal's head record")
        void rewrittenNewestEventIsCaughtByTheHead() {
            Stored s = PLAIN.copy();
            InMemoryStorage storage = s.toStorage();
            try (Aktenlift lift = Aktenlift.builder().storage(storage).build()) {
                int p = appendRegistration(lift, s, storage);
                s.events.set(p, s.rehashed(s.withEditedPayload(s.decoded.get(p))));
                s.writeBack(storage);

                assertThat(lift.tracking().verify().firstViolation()).hasValueSatisfying(v -> {
                    assertThat(v.kind()).isEqualTo(JournalViolation.Kind.ALTERED);
                    assertThat(v.position()).isEqualTo(p);
                });
            }
        }

        @Test
        @DisplayName("catches the newest events cut off after the last checkpoint, and refuses to open")
        void newestEventsCutAreTruncated() {
            Stored s = PLAIN.copy();
            InMemoryStorage storage = s.toStorage();
            try (Aktenlift lift = Aktenlift.builder().storage(storage).build()) {
                int p = appendRegistration(lift, s, storage);
                s.events = new ArrayList<>(s.events.subList(0, p));
                s.writeBack(storage);

                assertThat(lift.tracking().verify().firstViolation()).hasValueSatisfying(v -> {
                    assertThat(v.kind()).isEqualTo(JournalViolation.Kind.TRUNCATED);
                    assertThat(v.position()).isEqualTo(p);
                });
            }
            assertThatThrownBy(() -> Aktenlift.builder().storage(storage).build())
                    .isInstanceOf(JournalIntegrityException.class).hasMessageContaining("TRUNCATED");
        }

        @Test
        @DisplayName("cannot tell a rewritten newest event from a genuine one if the head is rewritten too: "
                + "without a key anyone can recompute a plain SHA-256 chain and seal")
        void rewrittenNewestEventAndHeadAreUndetectableWithoutKey() {
            Stored s = PLAIN.copy();
            InMemoryStorage storage = s.toStorage();
            try (Aktenlift lift = Aktenlift.builder().storage(storage).build()) {
                int p = appendRegistration(lift, s, storage);
                s.events.set(p, s.rehashed(s.withEditedPayload(s.decoded.get(p))));
                s.writeBack(storage);
                s.reload(storage);
                forgeHead(storage, s, null);

                // the limit the journal key exists for; see WithKey for the same forgery caught
                assertThat(lift.tracking().verify().isIntact()).isTrue();
            }
        }
    }

    @Nested
    @DisplayName("with a journal key (HMAC-SHA-256)")
    class WithKey {

        private final Stored keyed = Keyed.STORED;

        @Test
        @DisplayName("an untouched journal verifies intact")
        void untouchedJournalIsIntact() {
            InMemoryStorage storage = keyed.copy().toStorage();
            try (Aktenlift lift = Aktenlift.builder().storage(storage).journalKey(JOURNAL_KEY).build()) {
                VerificationReport report = lift.tracking().verify();

                assertThat(report.isIntact()).isTrue();
                assertThat(report.eventsChecked()).isEqualTo(storage.logs().length(EVENTS));
                assertThat(report.checkpointsChecked()).isEqualTo(2);
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.aktenlift.JournalTamperTest#manipulationsKeepingHashes")
        @DisplayName("reports a manipulation that recomputes no hash exactly as without a key")
        void isReportedAndRefused(Manipulation manipulation) {
            assertDetected(keyed, manipulation);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.aktenlift.JournalTamperTest#forgeriesCaughtByKey")
        @DisplayName("catches a forger who recomputes hashes without the key at the forged entry itself")
        void forgeryIsCaughtAtItsOwnPosition(Manipulation manipulation) {
            assertDetected(keyed, manipulation);
        }

        @Test
        @DisplayName("a head record rewritten without the key is HEAD_MISMATCH")
        void headForgedWithoutKey() {
            Stored s = keyed.copy();
            InMemoryStorage storage = s.toStorage();
            try (Aktenlift lift = s.open(storage)) {
                appendRegistration(lift, s, storage);
                forgeHead(storage, s, null);

                assertThat(lift.tracking().verify().firstViolation()).hasValueSatisfying(
                        v -> assertThat(v.kind()).isEqualTo(JournalViolation.Kind.HEAD_MISMATCH));
            }
        }

        @Test
        @DisplayName("a rewritten newest event after the last checkpoint is ALTERED")
        void rewrittenNewestEventIsAltered() {
            Stored s = keyed.copy();
            InMemoryStorage storage = s.toStorage();
            try (Aktenlift lift = Aktenlift.builder().storage(storage).journalKey(JOURNAL_KEY).build()) {
                int p = appendRegistration(lift, s, storage);
                s.events.set(p, s.rehashed(s.withEditedPayload(s.decoded.get(p))));
                s.writeBack(storage);

                JournalViolation v = lift.tracking().verify().firstViolation().orElseThrow();
                assertThat(v).extracting(JournalViolation::kind, JournalViolation::position, JournalViolation::stream)
                        .containsExactly(Kind.ALTERED, (long) p, s.decoded.get(p).stream());
            }
        }
    }

    // positions chosen inside the bulk registrations and second lifecycle round, between the two checkpoints
    private static final int EDITED_AT = 200;
    private static final int DELETED_AT = 210;
    private static final int INSERTED_AT = 220;
    private static final int SWAPPED_AT = 230;
    private static final int GARBLED_AT = 240;
    private static final int FORGED_AT = 250;
    private static final int EDITED_AND_REHASHED_FROM = 300;
    private static final int TRUNCATED_BY = 5;

    /** Every manipulation, as reported on a journal without a key. */
    static Stream<Arguments> manipulations() {
        return Stream.concat(manipulationsKeepingHashes(), manipulationsRecomputingHashes());
    }

    /** Manipulations that move, drop, copy or damage entries but recompute no hash. */
    static Stream<Arguments> manipulationsKeepingHashes() {
        return Stream.of(
                row("(a) an event's payload edited, its hash kept: ALTERED there", s -> {
                    int p = s.withPayloadFrom(EDITED_AT);
                    s.events.set(p, EventCodec.encode(s.withEditedPayload(s.decoded.get(p))));
                    return new Expected(Kind.ALTERED, p, s.decoded.get(p).stream());
                }),
                row("(b) an event deleted in the middle: MISSING where it was", s -> {
                    s.events.remove(DELETED_AT);
                    return new Expected(Kind.MISSING, DELETED_AT, s.decoded.get(DELETED_AT + 1).stream());
                }),
                row("(c) a copy of an earlier event inserted: INSERTED where it sits", s -> {
                    s.events.add(INSERTED_AT, s.events.get(10));
                    return new Expected(Kind.INSERTED, INSERTED_AT, s.decoded.get(10).stream());
                }),
                row("(d) two adjacent events swapped: REORDERED at the first", s -> {
                    Collections.swap(s.events, SWAPPED_AT, SWAPPED_AT + 1);
                    return new Expected(Kind.REORDERED, SWAPPED_AT, s.decoded.get(SWAPPED_AT + 1).stream());
                }),
                row("(g) events cut off the end after a checkpoint: TRUNCATED at the new end", s -> {
                    int keep = s.events.size() - TRUNCATED_BY;
                    assertThat(s.checkpoint(1).covers()).isEqualTo(s.events.size());
                    s.events.subList(keep, s.events.size()).clear();
                    return new Expected(Kind.TRUNCATED, keep, "");
                }),
                row("(h) an entry's bytes garbled: MALFORMED there", s -> {
                    byte[] e = s.events.get(GARBLED_AT);
                    s.events.set(GARBLED_AT, Arrays.copyOf(e, e.length / 2));
                    return new Expected(Kind.MALFORMED, GARBLED_AT, "");
                }),
                row("(h') the very first entry garbled: MALFORMED at 0", s -> {
                    byte[] e = s.events.get(0).clone();
                    e[0] = '[';
                    s.events.set(0, e);
                    return new Expected(Kind.MALFORMED, 0, "");
                }),
                row("(h'') an entry naming an unknown event kind: MALFORMED there", s -> {
                    String json = new String(s.events.get(GARBLED_AT), StandardCharsets.UTF_8);
                    String kind = "\"kind\":\"" + s.decoded.get(GARBLED_AT).kind().name() + "\"";
                    assertThat(json).contains(kind);
                    s.events.set(GARBLED_AT, json.replace(kind, "\"kind\":\"SHREDDED\"").getBytes(StandardCharsets.UTF_8));
                    return new Expected(Kind.MALFORMED, GARBLED_AT, "");
                }),
                row("(i) a checkpoint's heads digest edited, its hash kept: CHECKPOINT_MISMATCH at its last event", s -> {
                    Checkpoint c = s.checkpoint(0);
                    s.checkpoints.set(0, EventCodec.encode(new Checkpoint(c.covers(), c.streams(),
                            flipFirstHexDigit(c.headsDigest()), c.time(), c.previousHash(), c.hash())));
                    return new Expected(Kind.CHECKPOINT_MISMATCH, c.covers() - 1, "");
                }));
    }

    /**
     * Manipulations by a forger who recomputes hashes with plain SHA-256, as reported on a journal
     * without a key; {@link #forgeriesCaughtByKey()} has the same forgeries on a keyed journal.
     */
    static Stream<Arguments> manipulationsRecomputingHashes() {
        return Stream.of(
                row("(e) a forged event with a correct hash inserted: the displaced event is INSERTED", s -> {
                    int p = forgeAt(s, FORGED_AT);
                    // The forged event is consistent in itself (sequence, hash and chain link are right), so
                    // without a key the first thing wrong is the genuine event it pushed back: it now sits one
                    // place late, claiming a sequence already seen. With a key it is ALTERED itself (WithKey).
                    return new Expected(Kind.INSERTED, p + 1, s.decoded.get(p).stream());
                }),
                row("(f) an event edited and rehashed: CHAIN_BROKEN at its stream's next event", s -> {
                    int p = s.withPayloadAndSuccessorFrom(EDITED_AND_REHASHED_FROM);
                    int next = s.nextInStream(p);
                    s.events.set(p, s.rehashed(s.withEditedPayload(s.decoded.get(p))));
                    // The edited event matches its own new hash, so it passes; the stream's next event still
                    // names the old hash as its previous one. No checkpoint lies between the two (the last one
                    // covers the whole journal and is compared only after its last event), so the chain
                    // breaks before any checkpoint can disagree.
                    return new Expected(Kind.CHAIN_BROKEN, next, s.decoded.get(next).stream());
                }),
                row("(f') an event edited and rehashed, its stream idle until a checkpoint: CHECKPOINT_MISMATCH", s -> {
                    // event 0 registers the file left in REGISTERED: its stream never has a next event, so
                    // only the first checkpoint, which hashed that stream's head, can notice
                    assertThat(s.nextInStream(0)).isEqualTo(-1);
                    s.events.set(0, s.rehashed(s.withEditedPayload(s.decoded.get(0))));
                    return new Expected(Kind.CHECKPOINT_MISMATCH, s.checkpoint(0).covers() - 1, "");
                }),
                row("(i') the newest checkpoint edited and rehashed: CHECKPOINT_MISMATCH at its last event", s -> {
                    Checkpoint c = s.checkpoint(1);
                    String digest = flipFirstHexDigit(c.headsDigest());
                    s.checkpoints.set(1, rehashedCheckpoint(c, digest));
                    // it passes as a checkpoint, but the stream heads after its last event do not match it
                    return new Expected(Kind.CHECKPOINT_MISMATCH, c.covers() - 1, "");
                }));
    }

    /** The forgeries of {@link #manipulationsRecomputingHashes()}, on a journal kept with a key. */
    static Stream<Arguments> forgeriesCaughtByKey() {
        return Stream.of(
                row("(e) a forged event with a plain hash inserted: ALTERED at its own position", s -> {
                    int p = forgeAt(s, FORGED_AT);
                    return new Expected(Kind.ALTERED, p, s.decoded.get(p - 1).stream());
                }),
                row("(f) an event edited and rehashed: ALTERED there, before its stream's chain could break", s -> {
                    int p = s.withPayloadAndSuccessorFrom(EDITED_AND_REHASHED_FROM);
                    s.events.set(p, s.rehashed(s.withEditedPayload(s.decoded.get(p))));
                    return new Expected(Kind.ALTERED, p, s.decoded.get(p).stream());
                }),
                row("(f') an event edited and rehashed, its stream idle until a checkpoint: ALTERED there", s -> {
                    s.events.set(0, s.rehashed(s.withEditedPayload(s.decoded.get(0))));
                    return new Expected(Kind.ALTERED, 0, s.decoded.get(0).stream());
                }),
                row("(i') the newest checkpoint edited and rehashed: CHECKPOINT_MISMATCH at its last event", s -> {
                    // refused when the checkpoints are loaded (its hash is no HMAC), before any event is read
                    Checkpoint c = s.checkpoint(1);
                    s.checkpoints.set(1, rehashedCheckpoint(c, flipFirstHexDigit(c.headsDigest())));
                    return new Expected(Kind.CHECKPOINT_MISMATCH, c.covers() - 1, "");
                }));
    }

    /** The checkpoint with another heads digest and its hash recomputed with plain SHA-256. */
    private static byte[] rehashedCheckpoint(Checkpoint c, String digest) {
        String hash = new EventHasher(null).hashCheckpoint(c.covers(), c.streams(), digest, c.time(),
                c.previousHash());
        return EventCodec.encode(new Checkpoint(c.covers(), c.streams(), digest, c.time(), c.previousHash(), hash));
    }

    private static Arguments row(String name, Manipulation m) {
        return arguments(Named.of(name, m));
    }

    /**
     * Applies the manipulation under a running instance, then checks that its verify() and a fresh
     * instance opened on the storage both name the expected first violation.
     */
    private static void assertDetected(Stored original, Manipulation manipulation) {
        Stored s = original.copy();
        InMemoryStorage storage = s.toStorage();
        try (Aktenlift lift = s.open(storage)) {
            Expected expected = manipulation.apply(s);
            s.writeBack(storage);

            VerificationReport report = lift.tracking().verify();

            assertThat(report.isIntact()).isFalse();
            JournalViolation v = report.firstViolation().orElseThrow();
            assertThat(v).as(v.toString())
                    .extracting(JournalViolation::kind, JournalViolation::position, JournalViolation::stream)
                    .containsExactly(expected.kind(), expected.position(), expected.stream());

            JournalIntegrityException refused = catchThrowableOfType(JournalIntegrityException.class,
                    () -> s.open(storage));
            assertThat(refused).as("opening a new instance on the tampered journal").isNotNull();
            assertThat(refused.violation()).isEqualTo(v);
        }
    }

    /**
     * Inserts at {@code p} an event that claims the stream of the event before it was destroyed,
     * numbered {@code p}, chained onto that stream's head and hashed with plain SHA-256, as a forger
     * without the journal key would.
     *
     * @return {@code p}
     */
    private static int forgeAt(Stored s, int p) {
        JournalEvent head = s.decoded.get(p - 1);
        Map<String, String> payload = Map.of("certificate", "CERT-FORGED");
        String hash = new EventHasher(null).hashEvent(p, head.stream(), head.streamSequence() + 1, head.time(),
                head.actor(), head.location(), EventKind.DESTROYED, payload, head.hash());
        s.events.add(p, EventCodec.encode(new JournalEvent(p, head.stream(), head.streamSequence() + 1, head.time(),
                head.actor(), head.location(), EventKind.DESTROYED, payload, head.hash(), hash)));
        return p;
    }

    /** Registers one more case file, after the last checkpoint; returns its event's position. */
    private static int appendRegistration(Aktenlift lift, Stored s, InMemoryStorage storage) {
        var office = Actor.of("clerk-1", "office");
        var barcode = lift.policies().caseFileBarcodes().generate(9_999);
        lift.execute(office, new RegisterCaseFile(barcode, FileReference.of("AZ-LATE"), Office.subject(9_999),
                ProtectionLevel.NORMAL));
        s.reload(storage);
        int p = s.events.size() - 1;
        assertThat(s.checkpoint(s.checkpoints.size() - 1).covers()).isLessThanOrEqualTo(p);
        return p;
    }

    /** Writes a head record that names the stored journal's end, sealed as Aktenlift seals it with this key. */
    private static void forgeHead(InMemoryStorage storage, Stored s, byte[] key) {
        JournalEvent last = s.decoded.get(s.decoded.size() - 1);
        Checkpoint cp = s.checkpoint(s.checkpoints.size() - 1);
        String seal = new EventHasher(key).hashHead(s.events.size(), last.hash(),
                s.checkpoints.size(), cp.hash());
        byte[] value = ("aktenlift-journal-head/1\n" + s.events.size() + "\n" + last.hash() + "\n"
                + s.checkpoints.size() + "\n" + cp.hash() + "\n" + seal).getBytes(StandardCharsets.UTF_8);
        long version = storage.records().get(io.github.aktenlift.lifecycle.StorageKeys.HEAD).orElseThrow().version();
        storage.records().compareAndSet(io.github.aktenlift.lifecycle.StorageKeys.HEAD, version, value);
    }

    private static String flipFirstHexDigit(String hex) {
        return (hex.charAt(0) == '0' ? '1' : '0') + hex.substring(1);
    }

    /** Holder, so the keyed journal is only built when a keyed test runs. */
    private static final class Keyed {
        static final Stored STORED = Stored.build(JOURNAL_KEY);
    }

    /** A mutable copy of the stored logs, with the pristine events and checkpoints decoded. */
    static final class Stored {
        final byte[] key;
        List<byte[]> events;
        List<byte[]> checkpoints;
        List<byte[]> subjects;
        List<JournalEvent> decoded;
        List<Checkpoint> decodedCheckpoints;

        private Stored(byte[] key) {
            this.key = key;
        }

        /**
         * Every lifecycle state, a first checkpoint, 100 bulk registrations, every state again, and a
         * second checkpoint over the whole journal: a little over 400 events.
         */
        static Stored build(byte[] key) {
            try (Office o = new Office(new InMemoryStorage(), new MutableClock(Office.START), Policies.defaults(),
                    key)) {
                o.oneFileInEachState();
                o.lift.tracking().checkpoint();
                o.registerMany(100);
                o.oneFileInEachState();
                o.lift.tracking().checkpoint();
                Stored s = new Stored(key);
                s.reload(o.storage);
                assertThat(s.events).hasSizeGreaterThan(400);
                assertThat(s.checkpoints).hasSize(2);
                return s;
            }
        }

        void reload(InMemoryStorage storage) {
            events = readAll(storage, EVENTS);
            checkpoints = readAll(storage, CHECKPOINTS);
            subjects = readAll(storage, SUBJECTS);
            decoded = new ArrayList<>();
            decodedCheckpoints = new ArrayList<>();
            try {
                for (byte[] e : events) {
                    decoded.add(EventCodec.decode(e));
                }
                for (byte[] c : checkpoints) {
                    decodedCheckpoints.add(EventCodec.decodeCheckpoint(c));
                }
            } catch (EventCodec.MalformedEntryException e) {
                throw new AssertionError("the pristine journal is unreadable", e);
            }
        }

        Stored copy() {
            Stored c = new Stored(key);
            c.events = new ArrayList<>(events);
            c.checkpoints = new ArrayList<>(checkpoints);
            c.subjects = new ArrayList<>(subjects);
            c.decoded = List.copyOf(decoded);
            c.decodedCheckpoints = List.copyOf(decodedCheckpoints);
            return c;
        }

        InMemoryStorage toStorage() {
            InMemoryStorage storage = new InMemoryStorage();
            writeBack(storage);
            return storage;
        }

        void writeBack(InMemoryStorage storage) {
            storage.tamper().rewriteLog(EVENTS, events);
            storage.tamper().rewriteLog(CHECKPOINTS, checkpoints);
            storage.tamper().rewriteLog(SUBJECTS, subjects);
        }

        Aktenlift open(InMemoryStorage storage) {
            Aktenlift.Builder b = Aktenlift.builder().storage(storage);
            if (key != null) {
                b.journalKey(key);
            }
            return b.build();
        }

        Checkpoint checkpoint(int i) {
            return decodedCheckpoints.get(i);
        }

        /** @return the position of the next event of the same stream as the one at {@code p}, or -1 */
        int nextInStream(int p) {
            String stream = decoded.get(p).stream();
            for (int i = p + 1; i < decoded.size(); i++) {
                if (decoded.get(i).stream().equals(stream)) {
                    return i;
                }
            }
            return -1;
        }

        int withPayloadFrom(int from) {
            for (int i = from; i < decoded.size(); i++) {
                if (!decoded.get(i).payload().isEmpty()) {
                    return i;
                }
            }
            throw new AssertionError("no event with a payload from " + from);
        }

        int withPayloadAndSuccessorFrom(int from) {
            for (int i = from; i < decoded.size(); i++) {
                if (!decoded.get(i).payload().isEmpty() && nextInStream(i) >= 0) {
                    return i;
                }
            }
            throw new AssertionError("no event with a payload and a successor from " + from);
        }

        /** The event with its first payload value changed; sequence, chain link and hash untouched. */
        JournalEvent withEditedPayload(JournalEvent e) {
            var edited = new TreeMap<>(e.payload());
            String k = edited.firstKey();
            edited.put(k, edited.get(k) + "X");
            return new JournalEvent(e.sequence(), e.stream(), e.streamSequence(), e.time(), e.actor(), e.location(),
                    e.kind(), edited, e.previousHash(), e.hash());
        }

        /** The event's stored bytes with its own hash recomputed, as a forger without the key can. */
        byte[] rehashed(JournalEvent e) {
            String hash = new EventHasher(null).hashEvent(e.sequence(), e.stream(), e.streamSequence(), e.time(),
                    e.actor(), e.location(), e.kind(), e.payload(), e.previousHash());
            return EventCodec.encode(new JournalEvent(e.sequence(), e.stream(), e.streamSequence(), e.time(),
                    e.actor(), e.location(), e.kind(), e.payload(), e.previousHash(), hash));
        }

        private static List<byte[]> readAll(InMemoryStorage storage, Key log) {
            List<byte[]> out = new ArrayList<>();
            long n = storage.logs().length(log);
            if (n > 0) {
                for (LogEntry e : storage.logs().read(log, 0, (int) n)) {
                    out.add(e.data());
                }
            }
            return out;
        }
    }
}
