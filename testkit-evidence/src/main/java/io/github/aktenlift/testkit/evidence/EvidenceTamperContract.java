package io.github.aktenlift.testkit.evidence;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.EvidenceProblem;
import io.github.aktenlift.tracking.JournalViolation;
import io.github.aktenlift.tracking.JournalViolation.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.apiguardian.api.API;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tamper contract every {@link Storage} adapter inherits: a real journal with renditions, scan
 * protocols, subject entries, checkpoints and a head record is damaged at every event (or at a fixed
 * sample of events, see {@link #everyEventPosition()}) and in every
 * kind of stored object, in a fresh storage of the adapter each time; verification must detect
 * each change, name the first bad event (or the object), and leave the storage byte for byte as it
 * was. Extend it with two methods:
 *
 * <pre>{@code
 * class MyStorageEvidenceTamperTest extends EvidenceTamperContract {
 *     protected Storage newStorage() { return MyStorage.open(freshPlace()); }
 *     protected RawView raw(Storage s) { return new MyRawView((MyStorage) s); }
 * }
 * }</pre>
 *
 * <p>The reference journal is built once per test class, through the adapter, with a journal key
 * (HMAC-SHA-256), checkpoints every 400 events and two small scan deliveries: over 1,000 events.
 * Its logical content is read back through the SPI; every trial writes a tampered variant of it
 * into a fresh {@link #newStorage()} through the SPI (each log in a few batches), opens an
 * instance on it and verifies, and compares {@link RawView#fingerprint()} before and after.
 * Failures are collected per kind of manipulation and reported with position and manipulation.
 *
 * <p>Where the first violation shows, with a key, for a manipulation at event position {@code p}
 * of a journal of {@code n} events whose head record names all {@code n}:
 * <ul>
 *   <li>a character of the event changed in place, the JSON still valid: {@code ALTERED} at {@code p};</li>
 *   <li>the entry broken so that it is no JSON object: {@code MALFORMED} at {@code p};</li>
 *   <li>the event deleted: {@code MISSING} at {@code p}, or {@code TRUNCATED} at {@code p} for the
 *       newest event (the head record says one more was recorded);</li>
 *   <li>the event swapped with the next one: {@code REORDERED} at {@code p};</li>
 *   <li>the log cut before the event: {@code TRUNCATED} at {@code p};</li>
 *   <li>a forged event inserted before it, chained onto its stream's head and hashed without the
 *       key: {@code ALTERED} at {@code p} (without a key it would pass itself, see docs/integrity.md);</li>
 *   <li>a copy of the previous event inserted before it: {@code INSERTED} at {@code p}.</li>
 * </ul>
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EvidenceTamperContract {

    /** The system property that makes every adapter's trials run at every event position. */
    public static final String EXHAUSTIVE_PROPERTY = "aktenlift.tamper.exhaustive";

    /** How many failures a report spells out; all are counted. */
    private static final int SHOWN = 20;
    /** Raw damage trials on the logs' raw objects. */
    private static final int RAW_TRIALS = 36;
    private static final long SEED = 0x5EED_7A3BL;
    /** How many content objects of each kind an adapter with slow storages tampers with. */
    private static final int CONTENT_SAMPLE = 6;

    private StoredEvidence reference;

    /** Creates the suite. */
    protected EvidenceTamperContract() {
    }

    /**
     * @return a new, empty storage of the adapter under test; the suite hands it to
     *     {@link #discard(Storage)} when done with it
     * @throws Exception if it cannot be created
     */
    protected abstract Storage newStorage() throws Exception;

    /**
     * @param storage a storage made by {@link #newStorage()}
     * @return a raw view of everything that storage keeps below the SPI
     */
    protected abstract RawView raw(Storage storage);

    /**
     * Closes a storage the suite is done with and frees what it holds; the default closes it.
     * Adapters whose storages take space (files, buckets) override this to remove them, since the
     * suite makes thousands.
     *
     * @param storage a storage made by {@link #newStorage()}
     * @throws Exception if it cannot be removed
     */
    protected void discard(Storage storage) throws Exception {
        storage.close();
    }

    /**
     * How many trials of one manipulation run at once: {@link #newStorage()}, {@link #raw} and
     * {@link #discard} are then called from that many threads. The default is 2; an adapter whose
     * storages are slow to make but cheap to run (a network round trip) may say more.
     *
     * @return at least 1
     */
    protected int parallelism() {
        return 2;
    }

    /**
     * Whether each event manipulation runs at every position of the reference journal (over 1,000
     * trials each). The default is {@code true}. An adapter whose storages are slow to make (a
     * network round trip per object) may return {@code false}: then each manipulation runs at a
     * fixed sample instead — the first and last 12 positions, four either side of every checkpoint
     * boundary and of every append batch boundary, and about 100 positions spread evenly over the
     * rest with a fixed seed; and the content objects are tampered with at six of each kind
     * (renditions, protocol JSON, protocol PDF) spread evenly, not at every one. Aktenlift's own
     * CI still tries every position and every object on every run, on the filesystem adapter's
     * default format, so the core's verification is exercised at each. The system property
     * {@value #EXHAUSTIVE_PROPERTY}{@code =true} makes every adapter run every position and object.
     *
     * @return {@code true} to try every position, {@code false} for the sample
     */
    protected boolean everyEventPosition() {
        return true;
    }

    /** @return whether every position and every object is tried: the adapter asks for it, or {@value #EXHAUSTIVE_PROPERTY} */
    private boolean exhaustive() {
        return everyEventPosition() || Boolean.getBoolean(EXHAUSTIVE_PROPERTY);
    }

    /** @return the positions in {@code [from, to)} a manipulation is tried at, ascending */
    private int[] positions(int from, int to) {
        if (exhaustive() || to - from <= 150) {
            return java.util.stream.IntStream.range(from, to).toArray();
        }
        TreeSet<Integer> at = new TreeSet<>();
        List<Integer> boundaries = new ArrayList<>(List.of(from, to));
        for (byte[] checkpoint : reference().checkpoints()) {
            boundaries.add((int) Forgery.covers(checkpoint));
        }
        for (int b = 0; b < to; b += StoredEvidence.BATCH) {
            boundaries.add(b);
        }
        for (int b : boundaries) {
            for (int d = -12; d <= 12; d++) {
                if (b == from && d >= 0 || b == to && d < 0 || Math.abs(d) <= 4) {
                    at.add(b + d);
                }
            }
        }
        Random random = new Random(SEED);
        int step = Math.max(1, (to - from) / 100);
        for (int p = from + random.nextInt(step); p < to; p += step) {
            at.add(p);
        }
        return at.stream().filter(p -> p >= from && p < to).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Where the reference office is built, once per test class; only its logical content (read back
     * through the SPI) is used, every trial writes it anew into a {@link #newStorage()}. The default
     * builds it through the adapter itself. An adapter whose storages are slow to fill (a network
     * round trip per write) may build it in the testkit's in-memory storage instead: its trials still
     * write and verify every tampered copy through the adapter.
     *
     * @return a new, empty storage for the reference office; {@link #discard} is called on it after
     * @throws Exception if the storage cannot be made
     */
    protected Storage referenceStorage() throws Exception {
        return newStorage();
    }

    /** @return the reference evidence, built on first use */
    private StoredEvidence reference() {
        if (reference == null) {
            Storage s;
            try {
                s = referenceStorage();
            } catch (Exception e) {
                throw new IllegalStateException("referenceStorage() failed", e);
            }
            try {
                ReferenceOffice.write(s);
                reference = StoredEvidence.read(s);
            } finally {
                dispose(s);
            }
        }
        return reference;
    }

    // what one trial is: a tampered copy, an optional raw edit, verification, fingerprints

    /** A change made through the raw view of a fresh copy, before verification. */
    @FunctionalInterface
    private interface RawEdit {
        void apply(RawView view);
    }

    /** Verification's outcome, and how the fingerprint changed ({@code null} if it did not). */
    private record Trial(Outcome outcome, String changed) {
    }

    private Trial trial(StoredEvidence evidence, boolean withContent, boolean deep, RawEdit edit) {
        Storage s = fresh();
        try {
            evidence.copyInto(s, withContent);
            RawView view = raw(s);
            if (edit != null) {
                edit.apply(view);
            }
            SortedMap<String, String> before = view.fingerprint();
            Outcome o = Outcome.of(s, deep);
            SortedMap<String, String> after = view.fingerprint();
            return new Trial(o, before.equals(after) ? null : difference(before, after));
        } finally {
            dispose(s);
        }
    }

    private Storage fresh() {
        try {
            return newStorage();
        } catch (Exception e) {
            throw new IllegalStateException("newStorage() failed", e);
        }
    }

    private void dispose(Storage s) {
        try {
            discard(s);
        } catch (Exception e) {
            throw new IllegalStateException("discard() failed", e);
        }
    }

    private static String difference(SortedMap<String, String> before, SortedMap<String, String> after) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> changed = names.stream().filter(n -> !java.util.Objects.equals(before.get(n), after.get(n)))
                .limit(5).toList();
        return "verification changed raw objects " + changed;
    }

    // the reference itself

    @Test
    @DisplayName("the reference journal has over 1,000 events, two checkpoints, a head record, subject entries, "
            + "renditions and scan protocols")
    void referenceIsComplete() {
        StoredEvidence r = reference();
        assertThat(r.events()).hasSizeGreaterThanOrEqualTo(1000);
        assertThat(r.checkpoints()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Forgery.covers(r.checkpoints().get(r.checkpoints().size() - 1)))
                .as("events after the newest checkpoint, anchored only by the head record").isLessThan(r.events().size());
        assertThat(r.records).containsKey(StoredEvidence.HEAD);
        assertThat(r.subjects()).hasSizeGreaterThanOrEqualTo(195);
        assertThat(keys("renditions/", ".pdf")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(keys("protocols/", ".json")).hasSize(6);
        assertThat(keys("protocols/", ".pdf")).hasSize(6);
    }

    @Test
    @DisplayName("an untouched copy verifies intact, plain and deep, and stays byte-identical")
    void untouchedCopyIsIntact() {
        for (boolean deep : new boolean[] {false, true}) {
            Trial t = trial(reference(), true, deep, null);
            assertThat(t.outcome().detected()).as(t.outcome().toString()).isFalse();
            assertThat(t.outcome().unexpected()).isNull();
            assertThat(t.changed()).isNull();
            if (deep) {
                assertThat(t.outcome().deep().objectsChecked()).isGreaterThanOrEqualTo(reference().subjects().size());
            }
        }
    }

    // every event position, each manipulation

    @Test
    @DisplayName("every event edited in place (JSON still valid, hash kept): ALTERED there")
    void everyEventEdited() {
        everyPosition("edited", 0, n(), p -> replaced(p, Forgery.editedInPlace(events().get(p))),
                p -> new Expected(Kind.ALTERED, p));
    }

    @Test
    @DisplayName("every event broken (no JSON object any more): MALFORMED there")
    void everyEventBroken() {
        everyPosition("broken", 0, n(), p -> replaced(p, Forgery.broken(events().get(p))),
                p -> new Expected(Kind.MALFORMED, p));
    }

    @Test
    @DisplayName("every event deleted: MISSING there, the newest TRUNCATED")
    void everyEventDeleted() {
        everyPosition("deleted", 0, n(), p -> {
            List<byte[]> e = new ArrayList<>(events());
            e.remove(p);
            return e;
        }, p -> new Expected(p == n() - 1 ? Kind.TRUNCATED : Kind.MISSING, p));
    }

    @Test
    @DisplayName("every event swapped with the next: REORDERED at the first")
    void everyEventSwapped() {
        everyPosition("swapped with the next", 0, n() - 1, p -> {
            List<byte[]> e = new ArrayList<>(events());
            Collections.swap(e, p, p + 1);
            return e;
        }, p -> new Expected(Kind.REORDERED, p));
    }

    @Test
    @DisplayName("the log truncated at every event: TRUNCATED there")
    void truncatedAtEveryEvent() {
        everyPosition("truncated", 0, n(), p -> List.copyOf(events().subList(0, p)),
                p -> new Expected(Kind.TRUNCATED, p));
    }

    @Test
    @DisplayName("a forged event inserted at every position, hashed without the key: ALTERED there")
    void forgedAtEveryPosition() {
        everyPosition("forged and inserted", 0, n() + 1, p -> inserted(p, Forgery.forgedAt(events(), p)),
                p -> new Expected(Kind.ALTERED, p));
    }

    @Test
    @DisplayName("a copy of the previous event inserted at every position: INSERTED there")
    void duplicatedAtEveryPosition() {
        everyPosition("previous event copied in", 1, n() + 1, p -> inserted(p, events().get(p - 1)),
                p -> new Expected(Kind.INSERTED, p));
    }

    private record Expected(Kind kind, long position) {
    }

    private List<byte[]> events() {
        return reference().events();
    }

    private int n() {
        return events().size();
    }

    private List<byte[]> replaced(int p, byte[] entry) {
        List<byte[]> e = new ArrayList<>(events());
        e.set(p, entry);
        return e;
    }

    private List<byte[]> inserted(int p, byte[] entry) {
        List<byte[]> e = new ArrayList<>(events());
        e.add(p, entry);
        return e;
    }

    /**
     * Runs one manipulation at every position in {@code [from, to)}, each in a fresh storage, and
     * fails with every position where it was not reported as expected or verification changed a byte.
     */
    private void everyPosition(String manipulation, int from, int to, IntFunction<List<byte[]>> tamper,
            IntFunction<Expected> expected) {
        StoredEvidence r = reference();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism());
        List<Future<String>> results = new ArrayList<>();
        try {
            int[] positions = positions(from, to);
            for (int at : positions) {
                results.add(pool.submit(() -> {
                    Expected want = expected.apply(at);
                    Trial t = trial(r.withLog(StoredEvidence.EVENTS, tamper.apply(at)), false, false, null);
                    JournalViolation v = t.outcome().violation();
                    if (v == null || v.kind() != want.kind() || v.position() != want.position()) {
                        return "event " + at + " " + manipulation + ": expected " + want.kind() + " at "
                                + want.position() + ", got " + t.outcome();
                    }
                    return t.changed() == null ? null : "event " + at + " " + manipulation + ": " + t.changed();
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> f : results) {
                String failure = f.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
            assertThat(results).hasSize(positions.length)
                    .hasSizeGreaterThanOrEqualTo(exhaustive() ? to - from : 100);
            report(manipulation, results.size(), failures);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a trial of " + manipulation + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void report(String what, int cases, List<String> failures) {
        assertThat(failures).as(() -> failures.size() + " of " + cases + " cases (" + what + ") failed, first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(SHOWN, failures.size())))).isEmpty();
    }

    // raw damage to the logs

    @Test
    @DisplayName("bytes flipped at seeded offsets of the raw objects holding the logs: not intact, nothing changed")
    void rawDamageToTheLogs() {
        StoredEvidence r = reference();
        Random random = new Random(SEED);
        List<Key> logs = List.of(StoredEvidence.EVENTS, StoredEvidence.CHECKPOINTS, StoredEvidence.SUBJECTS);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RAW_TRIALS; i++) {
            Key log = logs.get(i % logs.size());
            long pick = random.nextLong();
            double where = random.nextDouble();
            int mask = 1 + random.nextInt(255);
            String[] at = new String[1];
            Trial t = trial(r, true, true, view -> {
                List<String> names = view.namesOf(log);
                assertThat(names).as("raw objects holding " + log).isNotEmpty();
                String name = names.get((int) Math.floorMod(pick, (long) names.size()));
                byte[] bytes = view.read(name);
                int offset = (int) (where * bytes.length);
                at[0] = name + " at byte " + offset + " (xor " + mask + ")";
                view.write(name, Forgery.flipped(bytes, offset, mask));
            });
            check(failures, "raw " + at[0], t, o -> o.detected());
        }
        report("raw damage", RAW_TRIALS, failures);
    }

    private static void check(List<String> failures, String what, Trial t, Predicate<Outcome> named) {
        if (t.outcome().unexpected() != null) {
            failures.add(what + ": " + t.outcome());
        } else if (!named.test(t.outcome())) {
            failures.add(what + ": not reported as expected, got " + t.outcome());
        } else if (t.changed() != null) {
            failures.add(what + ": " + t.changed());
        }
    }

    // every kind of stored object

    @Test
    @DisplayName("every rendition, scan protocol (JSON and PDF): raw bytes flipped, or replaced consistently "
            + "through the SPI: verifyDeep names it, nothing changed")
    void everyContentObject() {
        StoredEvidence r = reference();
        List<Key> objects = new ArrayList<>(sample(keys("renditions/", ".pdf")));
        objects.addAll(sample(keys("protocols/", ".json")));
        objects.addAll(sample(keys("protocols/", ".pdf")));
        List<String> failures = new ArrayList<>();
        for (Key key : objects) {
            byte[] bytes = r.content.get(key);
            Trial raw = trial(r, true, true, view -> {
                List<String> names = view.namesOf(key);
                assertThat(names).as("raw objects holding " + key).isNotEmpty();
                String name = largest(view, names);
                byte[] b = view.read(name);
                view.write(name, Forgery.flipped(b, b.length / 2, 0x20));
            });
            check(failures, key + " raw byte flipped", raw, o -> o.names(key.value()));
            Trial replaced = trial(r.withContent(key, Forgery.flipped(bytes, bytes.length / 2, 0x20)), true, true, null);
            check(failures, key + " replaced through the SPI", replaced,
                    o -> o.names(key.value(), EvidenceProblem.Kind.ALTERED));
        }
        report("stored content", objects.size() * 2, failures);
    }

    @Test
    @DisplayName("subject entries replaced consistently through the SPI, or flipped in their raw bytes: "
            + "verifyDeep names the entry, nothing changed")
    void subjectEntries() {
        StoredEvidence r = reference();
        List<byte[]> subjects = r.subjects();
        int n = subjects.size();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (int i : new TreeSet<>(List.of(0, 1, n / 7, n / 3, n / 2, 2 * n / 3, n - 2, n - 1))) {
            cases += 2;
            String object = StoredEvidence.SUBJECTS.value() + "#" + Forgery.subjectKey(subjects.get(i));
            List<byte[]> edited = new ArrayList<>(subjects);
            edited.set(i, Forgery.subjectEdited(subjects.get(i)));
            Trial replaced = trial(r.withLog(StoredEvidence.SUBJECTS, edited), true, true, null);
            check(failures, "subject entry " + i + " replaced", replaced,
                    o -> o.names(object, EvidenceProblem.Kind.ALTERED));
            byte[] entry = subjects.get(i);
            Trial raw = trial(r, true, true, view -> flipInside(view, StoredEvidence.SUBJECTS, entry,
                    "\"surname\":\"".length() + Forgery.indexOf(entry, "\"surname\":\"".getBytes(
                            java.nio.charset.StandardCharsets.US_ASCII), 0)));
            check(failures, "subject entry " + i + " raw byte flipped", raw,
                    o -> o.names(object) || o.names(StoredEvidence.SUBJECTS.value()));
        }
        report("subject entries", cases, failures);
    }

    @Test
    @DisplayName("every checkpoint edited (hash kept) or flipped in its raw bytes: CHECKPOINT_MISMATCH at its "
            + "last event, nothing changed")
    void everyCheckpoint() {
        StoredEvidence r = reference();
        List<byte[]> checkpoints = r.checkpoints();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < checkpoints.size(); i++) {
            long last = Forgery.covers(checkpoints.get(i)) - 1;
            List<byte[]> edited = new ArrayList<>(checkpoints);
            edited.set(i, Forgery.checkpointEdited(checkpoints.get(i)));
            Trial replaced = trial(r.withLog(StoredEvidence.CHECKPOINTS, edited), true, true, null);
            check(failures, "checkpoint " + i + " edited", replaced, o -> o.violation() != null
                    && o.violation().kind() == Kind.CHECKPOINT_MISMATCH && o.violation().position() == last);
            byte[] entry = checkpoints.get(i);
            Trial raw = trial(r, true, true, view -> flipInside(view, StoredEvidence.CHECKPOINTS, entry,
                    "\"heads\":\"".length() + Forgery.indexOf(entry, "\"heads\":\"".getBytes(
                            java.nio.charset.StandardCharsets.US_ASCII), 0)));
            check(failures, "checkpoint " + i + " raw byte flipped", raw, o -> o.violation() != null
                    && o.violation().kind() == Kind.CHECKPOINT_MISMATCH || o.names(StoredEvidence.CHECKPOINTS.value()));
        }
        report("checkpoints", checkpoints.size() * 2, failures);
    }

    @Test
    @DisplayName("the head record resealed wrongly through the SPI, or flipped in its raw bytes: HEAD_MISMATCH, "
            + "nothing changed")
    void headRecord() {
        StoredEvidence r = reference();
        byte[] head = r.records.get(StoredEvidence.HEAD);
        List<String> failures = new ArrayList<>();
        Trial replaced = trial(r.withRecord(StoredEvidence.HEAD, Forgery.headResealed(head)), true, true, null);
        check(failures, "head record resealed", replaced,
                o -> o.violation() != null && o.violation().kind() == Kind.HEAD_MISMATCH);
        Trial raw = trial(r, true, true, view -> flipInside(view, StoredEvidence.HEAD, head, head.length - 1));
        check(failures, "head record raw byte flipped", raw, o -> o.violation() != null
                && o.violation().kind() == Kind.HEAD_MISMATCH || o.names(StoredEvidence.HEAD.value()));
        report("head record", 2, failures);
    }

    /**
     * Flips one byte of a stored entry in the raw object that holds it: found by the entry's bytes
     * among the raw objects of its key, at {@code offset} into the entry. An adapter that does not
     * store entries verbatim gets the flip in the middle of its largest raw object of the key.
     */
    private static void flipInside(RawView view, Key key, byte[] entry, int offset) {
        List<String> names = view.namesOf(key);
        assertThat(names).as("raw objects holding " + key).isNotEmpty();
        for (String name : names) {
            byte[] bytes = view.read(name);
            int at = Forgery.indexOf(bytes, entry, 0);
            if (at >= 0) {
                view.write(name, Forgery.flipped(bytes, at + offset, 0x01));
                return;
            }
        }
        String name = largest(view, names);
        byte[] bytes = view.read(name);
        view.write(name, Forgery.flipped(bytes, bytes.length / 2, 0x01));
    }

    private static String largest(RawView view, List<String> names) {
        String best = names.get(0);
        int size = -1;
        for (String n : names) {
            int len = view.read(n).length;
            if (len > size) {
                size = len;
                best = n;
            }
        }
        return best;
    }

    /**
     * Every object of a kind, or, where {@link #everyEventPosition()} says the adapter's storages are
     * slow to make, {@value #CONTENT_SAMPLE} of them spread evenly (the first and the last among
     * them): each trial copies the whole reference with its content into a fresh storage.
     */
    private List<Key> sample(List<Key> objects) {
        if (exhaustive() || objects.size() <= CONTENT_SAMPLE) {
            return objects;
        }
        TreeSet<Integer> at = new TreeSet<>();
        for (int i = 0; i < CONTENT_SAMPLE; i++) {
            at.add((int) ((long) i * (objects.size() - 1) / (CONTENT_SAMPLE - 1)));
        }
        return at.stream().map(objects::get).toList();
    }

    private List<Key> keys(String prefix, String suffix) {
        return reference().content.keySet().stream()
                .filter(k -> k.value().startsWith(prefix) && k.value().endsWith(suffix)).toList();
    }
}
