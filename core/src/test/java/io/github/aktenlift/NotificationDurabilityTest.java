package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogStore;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageCapability;
import io.github.aktenlift.spi.storage.VersionedRecord;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Undelivered notifications live in the storage: they survive a restart, go out in order under
 * their ids, and a crash at any of the outbox's steps — simulated here in-process by an
 * {@link Error} that abandons the instance, at every write the outbox makes, before and after
 * it — loses no notification of a recorded event. (The same with a real SIGKILL on the filesystem
 * is {@code NotificationCrashTest} in the examples module.)
 */
@DisplayName("Durable notifications")
class NotificationDurabilityTest {

    private static final Key MARK = Key.of("notifications/outbox");
    private static final String QUEUE = "notifications/undelivered";
    private static final Actor CLERK = Actor.of("clerk-1", "office");
    private static final Actor SCANNER = Actor.of("scan-op-3", "scan-center");

    /** What a crash does to the running instance: it stops, and nothing of it runs on. */
    static final class Crash extends Error {
        Crash(String where) {
            super("crash " + where);
        }
    }

    private final MutableClock clock = new MutableClock(Office.START);
    private int serial;

    private Aktenlift open(Storage storage, Notifier notifier) {
        return Aktenlift.builder().storage(storage).clock(clock).ids(IdSource.sequential("n")).notifier(notifier)
                .build();
    }

    private Barcode transfer(Aktenlift lift) {
        Barcode b = lift.policies().caseFileBarcodes().generate(++serial);
        lift.execute(CLERK, new RegisterTransfer(b, FileReference.of("TR-" + serial), Office.subject(serial),
                ProtectionLevel.NORMAL, "Stadt Musterstadt, Ausländerbehörde", LocalDate.of(2026, 2, 27)));
        return b;
    }

    private Barcode registered(Aktenlift lift) {
        Barcode b = lift.policies().caseFileBarcodes().generate(++serial);
        lift.execute(CLERK, new RegisterCaseFile(b, FileReference.of("AZ-" + serial), Office.subject(serial),
                ProtectionLevel.NORMAL));
        return b;
    }

    /** @return the ids of the notifications the recorded events of these files call for, written apart from the outbox's table */
    private static List<String> expectedIds(Aktenlift lift, List<Barcode> files) {
        List<String> ids = new ArrayList<>();
        for (Barcode b : files) {
            List<JournalEvent> history;
            try {
                history = lift.tracking().history(b);
            } catch (UnknownIdentifierException notRecorded) {
                continue;
            }
            for (JournalEvent e : history) {
                if (e.kind() == EventKind.TRANSFER_REGISTERED || e.kind() == EventKind.QA_FAILED) {
                    ids.add("event-" + e.sequence());
                }
            }
        }
        return ids.stream().sorted((a, c) -> Long.compare(seq(a), seq(c))).toList();
    }

    private static long seq(String eventId) {
        return Long.parseLong(eventId.substring("event-".length()));
    }

    private static List<Key> queued(Storage storage) {
        List<Key> keys = new ArrayList<>();
        Optional<Key> after = Optional.empty();
        do {
            ContentPage page = storage.content().list(QUEUE, after, 100);
            page.items().stream().map(ContentInfo::key).forEach(keys::add);
            after = page.next();
        } while (after.isPresent());
        return keys;
    }

    private static String mark(Storage storage) {
        return storage.records().get(MARK).map(r -> new String(r.value(), StandardCharsets.UTF_8)).orElse("none");
    }

    @Nested
    @DisplayName("an undelivered notification")
    class Undelivered {

        @Test
        @DisplayName("survives a restart in the storage, goes out on redeliver under the same id, and leaves nothing stored")
        void survivesRestart() {
            InMemoryStorage storage = new InMemoryStorage();
            InMemoryNotifier down = new InMemoryNotifier();
            down.failNext(Integer.MAX_VALUE);
            List<Barcode> files = new ArrayList<>();
            List<Notification> waiting;
            try (Aktenlift lift = open(storage, down)) {
                files.add(transfer(lift));
                files.add(registered(lift));
                files.add(transfer(lift));
                waiting = lift.notifications().undelivered();
                assertThat(waiting).extracting(Notification::id).containsExactlyElementsOf(expectedIds(lift, files));
            }
            assertThat(queued(storage)).hasSize(2);
            assertThat(mark(storage)).isEqualTo("{\"format\":\"aktenlift-outbox/1\",\"notified\":3,\"queued\":2}");

            InMemoryNotifier up = new InMemoryNotifier();
            try (Aktenlift lift = open(storage, up)) {
                assertThat(lift.notifications().undelivered()).as("after the restart").isEqualTo(waiting);
                assertThat(lift.notifications().redeliver()).isZero();
                assertThat(up.delivered()).isEqualTo(waiting);
                assertThat(lift.notifications().undelivered()).isEmpty();
            }
            assertThat(queued(storage)).as("storage keeps only what is undelivered").isEmpty();
        }

        @Test
        @DisplayName("holds back the later notifications of its recipient, not those of another recipient; redeliver keeps the order")
        void orderPerRecipient() {
            InMemoryStorage storage = new InMemoryStorage();
            InMemoryNotifier behind = new InMemoryNotifier();
            boolean[] officeDown = {true};
            Notifier notifier = n -> {
                if (officeDown[0] && n.recipient().equals(Recipient.role("office"))) {
                    throw new UnavailableException("office mail down", null);
                }
                behind.deliver(n);
            };
            try (Office office = new Office(storage, clock, Policies.defaults(), notifier)) {
                office.fileIn(CaseFileState.REGISTERED);
                office.lift.execute(CLERK, new RegisterTransfer(office.nextFileBarcode(), FileReference.of("TR-1"),
                        Office.subject(900), ProtectionLevel.NORMAL, "Kreis Beispiel", LocalDate.of(2026, 2, 27)));
                Barcode captured = office.fileIn(CaseFileState.CAPTURED);
                officeDown[0] = false; // the office is back, but its notification waits for redelivery
                office.lift.execute(CLERK, new RegisterTransfer(office.nextFileBarcode(), FileReference.of("TR-2"),
                        Office.subject(901), ProtectionLevel.NORMAL, "Kreis Beispiel", LocalDate.of(2026, 2, 28)));
                office.lift.execute(SCANNER, new FailQualityCheck(captured, List.of("PAGE_MISSING")));

                assertThat(behind.delivered()).as("only the scan service's went out").extracting(Notification::type)
                        .containsExactly(NotificationType.QA_FAILED);
                assertThat(office.lift.notifications().undelivered()).extracting(Notification::type)
                        .containsExactly(NotificationType.TRANSFER_REGISTERED, NotificationType.TRANSFER_REGISTERED);
                assertThat(office.lift.notifications().redeliver()).isZero();
                List<String> office2 = behind.delivered().stream()
                        .filter(n -> n.type() == NotificationType.TRANSFER_REGISTERED).map(Notification::id).toList();
                assertThat(office2).hasSize(2);
                assertThat(seq(office2.get(0))).isLessThan(seq(office2.get(1)));
            }
        }

        @Test
        @DisplayName("that is damaged in storage is kept, counted and reported, and does not stop the others")
        void damaged() {
            InMemoryStorage storage = new InMemoryStorage();
            InMemoryNotifier n = new InMemoryNotifier();
            n.failNext(1);
            try (Aktenlift lift = open(storage, n)) {
                transfer(lift);
                transfer(lift); // queued behind the first, not tried
                Key bad = queued(storage).get(0);
                storage.tamper().flipContentBit(bad, 10);
                assertThat(lift.notifications().undelivered()).as("the damaged one is not listed").hasSize(1);
                assertThat(lift.notifications().redeliver()).isEqualTo(1);
                assertThat(n.delivered()).hasSize(1);
                assertThat(queued(storage)).containsExactly(bad);
            }
        }

        @Test
        @DisplayName("whose recorded hash is damaged, so that listing reports it as a problem, is kept and counted, and does not stop the others")
        void damagedRecord() {
            InMemoryStorage storage = new InMemoryStorage();
            InMemoryNotifier n = new InMemoryNotifier();
            n.failNext(1);
            try (Aktenlift lift = open(storage, n)) {
                transfer(lift);
                transfer(lift); // queued behind the first, not tried
                Key bad = queued(storage).get(0);
                storage.tamper().damageContentRecord(bad);
                assertThat(storage.content().list(QUEUE, Optional.empty(), 100).problems())
                        .extracting(ContentProblem::key).containsExactly(bad.value());
                assertThat(lift.notifications().undelivered()).as("the damaged one is not listed").hasSize(1);
                assertThat(lift.notifications().redeliver()).isEqualTo(1);
                assertThat(n.delivered()).hasSize(1);
                assertThat(storage.content().list(QUEUE, Optional.empty(), 100).problems())
                        .as("kept for an operator").extracting(ContentProblem::key).containsExactly(bad.value());
                assertThat(queued(storage)).isEmpty();
            }
        }
    }

    @Nested
    @DisplayName("the mark in storage")
    class Mark {

        @Test
        @DisplayName("is not written by an instance that only reads, nor by its close")
        void readOnly() {
            InMemoryStorage storage = new InMemoryStorage();
            List<Barcode> files = new ArrayList<>();
            try (Aktenlift lift = open(storage, Notifier.none())) {
                files.add(transfer(lift));
            }
            Optional<VersionedRecord> before = storage.records().get(MARK);
            try (Aktenlift lift = open(storage, Notifier.none())) {
                lift.tracking().whereIs(files.get(0));
                assertThat(lift.notifications().undelivered()).isEmpty();
            }
            assertThat(storage.records().get(MARK)).isEqualTo(before);
            assertThat(queued(storage)).isEmpty();
        }

        @Test
        @DisplayName("is stored once before the first append, then moves over commits that call for no notification only"
                + " every 1,024 events, not on close")
        void lazy() {
            InMemoryStorage storage = new InMemoryStorage();
            try (Aktenlift lift = open(storage, Notifier.none())) {
                for (int i = 0; i < 10; i++) {
                    registered(lift);
                }
            }
            assertThat(mark(storage)).contains("\"notified\":0,");
            try (Aktenlift lift = open(storage, Notifier.none())) {
                for (int i = 0; i < 1024; i++) {
                    registered(lift);
                }
                assertThat(mark(storage)).contains("\"notified\":1034");
            }
        }

        @Test
        @DisplayName("missing on a storage written before it existed: its history is not sent again, what follows is")
        void upgraded() {
            InMemoryStorage storage = new InMemoryStorage();
            List<Barcode> files = new ArrayList<>();
            try (Aktenlift lift = open(storage, Notifier.none())) {
                files.add(transfer(lift));
                files.add(transfer(lift));
            }
            VersionedRecord r = storage.records().get(MARK).orElseThrow();
            storage.records().delete(MARK, r.version());
            InMemoryNotifier n = new InMemoryNotifier();
            try (Aktenlift lift = open(storage, n)) {
                assertThat(lift.notifications().undelivered()).isEmpty();
                assertThat(lift.notifications().redeliver()).isZero();
                Barcode later = transfer(lift);
                assertThat(n.delivered()).extracting(Notification::id)
                        .containsExactlyElementsOf(expectedIds(lift, List.of(later)));
            }
        }
    }

    @Nested
    @DisplayName("several instances on one storage")
    class Instances {

        @Test
        @DisplayName("each send the notifications of their own events, and none sends the other's again")
        void noRepeats() {
            InMemoryStorage storage = new InMemoryStorage();
            InMemoryNotifier toA = new InMemoryNotifier();
            InMemoryNotifier toB = new InMemoryNotifier();
            try (Aktenlift a = open(storage, toA); Aktenlift b = open(storage, toB)) {
                Barcode first = transfer(a);
                Barcode second = transfer(b);
                Barcode third = transfer(a);
                assertThat(toA.delivered()).extracting(Notification::id)
                        .containsExactlyElementsOf(expectedIds(a, List.of(first, third)));
                assertThat(toB.delivered()).extracting(Notification::id)
                        .containsExactlyElementsOf(expectedIds(b, List.of(second)));
            }
        }

        @Test
        @DisplayName("move the mark over another instance's events only after their notifications are settled, oldest first")
        void otherInstanceDied() {
            InMemoryStorage storage = new InMemoryStorage();
            InMemoryNotifier n = new InMemoryNotifier();
            Notifier dies = x -> {
                throw new Crash("while notifying");
            };
            List<Barcode> files = new ArrayList<>();
            try (Aktenlift survivor = open(storage, n)) {
                Aktenlift victim = open(storage, dies);
                assertThatThrownBy(() -> files.add(transfer(victim))).isInstanceOf(Crash.class);
                files.add(victim.policies().caseFileBarcodes().generate(serial));
                files.add(transfer(survivor));
                assertThat(n.delivered()).extracting(Notification::id).containsExactlyElementsOf(expectedIds(survivor, files));
            }
        }
    }

    @Nested
    @DisplayName("a crash")
    class Crashes {

        @Test
        @DisplayName("right after the journal's commit, before notifying, loses nothing: the next instance derives it from the journal")
        void afterCommit() {
            InMemoryStorage storage = new InMemoryStorage();
            Aktenlift dying = open(storage, x -> {
                throw new Crash("after the commit");
            });
            assertThatThrownBy(() -> transfer(dying)).isInstanceOf(Crash.class);
            Barcode b = dying.policies().caseFileBarcodes().generate(serial);

            InMemoryNotifier n = new InMemoryNotifier();
            try (Aktenlift lift = open(storage, n)) {
                assertThat(lift.notifications().undelivered()).extracting(Notification::id)
                        .containsExactlyElementsOf(expectedIds(lift, List.of(b)));
                assertThat(lift.notifications().redeliver()).isZero();
                assertThat(n.delivered()).extracting(Notification::id).containsExactlyElementsOf(expectedIds(lift, List.of(b)));
            }
        }

        @Test
        @DisplayName("before or after any write of the outbox loses no notification of a recorded event; a repeat keeps its id")
        void atEveryWrite() {
            int writes = run(null).writes();
            assertThat(writes).as("the outbox writes in this workload").isGreaterThanOrEqualTo(12);
            Map<String, Integer> kinds = new HashMap<>();
            for (int at = 1; at <= writes; at++) {
                for (boolean after : new boolean[] {false, true}) {
                    Outcome o = run(new CrashingStorage.Plan(at, after));
                    assertThat(o.crashed()).as("crash at write %d", at).isNotNull();
                    kinds.merge(o.crashed(), 1, Integer::sum);
                    assertThat(o.received()).as("after a crash %s write %d (%s)", after ? "after" : "before", at, o.crashed())
                            .containsAll(o.expected());
                    assertThat(o.afterRestart()).as("nothing left undelivered").isZero();
                }
            }
            assertThat(kinds.keySet()).as("kinds of writes interrupted")
                    .containsExactlyInAnyOrder("compareAndSet notifications/outbox", "put", "delete");
        }

        record Outcome(int writes, String crashed, Set<String> received, List<String> expected, int afterRestart) {
        }

        /**
         * Transfers (each calls for a notification) and registrations (none) with a notifier that fails
         * every third call, redelivering now and then; crashed where the plan says, then reopened with
         * a notifier that works, and redelivered.
         */
        private Outcome run(CrashingStorage.Plan plan) {
            InMemoryStorage memory = new InMemoryStorage();
            CrashingStorage storage = new CrashingStorage(memory, plan);
            Set<String> received = new LinkedHashSet<>();
            AtomicInteger calls = new AtomicInteger();
            Notifier flaky = n -> {
                if (calls.incrementAndGet() % 3 == 0) {
                    throw new UnavailableException("flaky", null);
                }
                received.add(n.id());
            };
            List<Barcode> files = new ArrayList<>();
            Aktenlift lift = open(storage, flaky);
            String crashed = null;
            try {
                for (int i = 0; i < 12; i++) {
                    files.add(lift.policies().caseFileBarcodes().generate(serial + 1));
                    if (i % 3 == 1) {
                        registered(lift);
                    } else {
                        transfer(lift);
                    }
                    if (i % 4 == 3) {
                        lift.notifications().redeliver();
                    }
                }
                lift.close();
            } catch (Crash c) {
                crashed = storage.crashedAt;
            }
            InMemoryNotifier up = new InMemoryNotifier();
            try (Aktenlift again = open(memory, up)) {
                int left = again.notifications().redeliver();
                up.delivered().forEach(n -> received.add(n.id()));
                return new Outcome(storage.writes, crashed, received, expectedIds(again, files), left);
            }
        }
    }

    /** Storage that crashes (throws {@link Crash}) before or after the n-th write under {@code notifications/}. */
    static final class CrashingStorage extends ForwardingStorage {

        /** @param write the 1-based write to crash at; @param after after it was made, or instead of it */
        record Plan(int write, boolean after) {
        }

        private final Plan plan;
        int writes;
        String crashedAt;

        CrashingStorage(InMemoryStorage delegate, Plan plan) {
            super(delegate);
            this.plan = plan;
        }

        private <T> T write(String what, Key key, java.util.function.Supplier<T> op) {
            if (!key.isUnder("notifications")) {
                return op.get();
            }
            writes++;
            boolean here = plan != null && plan.write() == writes;
            if (here && !plan.after()) {
                crashedAt = what;
                throw new Crash("before " + what + " " + key);
            }
            T t = op.get();
            if (here) {
                crashedAt = what;
                throw new Crash("after " + what + " " + key);
            }
            return t;
        }

        @Override
        public ContentStore content() {
            return new Content(target.content()) {
                @Override
                public ContentInfo put(Key key, InputStream data) {
                    return write("put", key, () -> super.put(key, data));
                }

                @Override
                public ContentInfo create(Key key, InputStream data) {
                    return write("create", key, () -> super.create(key, data));
                }

                @Override
                public void delete(Key key) {
                    write("delete", key, () -> {
                        super.delete(key);
                        return null;
                    });
                }
            };
        }

        @Override
        public RecordStore records() {
            return new Records(target.records()) {
                @Override
                public long compareAndSet(Key key, long expectedVersion, byte[] value) {
                    return write("compareAndSet " + key, key, () -> super.compareAndSet(key, expectedVersion, value));
                }

                @Override
                public void delete(Key key, long expectedVersion) {
                    write("delete " + key, key, () -> {
                        super.delete(key, expectedVersion);
                        return null;
                    });
                }
            };
        }
    }
}
