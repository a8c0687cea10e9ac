package io.github.aktenlift;

import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.ServeRecall;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.logistics.PickupPolicy;
import io.github.aktenlift.retention.DestructionList;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.Overdue;
import io.github.aktenlift.tracking.WorkItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ongoing operation: recalls served first wherever work is ordered, and a notification for every
 * outcome, delivered best effort after the change is recorded.
 */
@DisplayName("Ongoing operation")
class OngoingOperationTest {

    private static final String ORIGIN = "Stadt Musterstadt, Ausländerbehörde";
    private static final Subject MUELLER = new Subject("Müller", "Jürgen", LocalDate.of(1975, 4, 30), "DEU",
            "987654321012");

    private final InMemoryNotifier notifier = new InMemoryNotifier();
    private final Office o = new Office(new InMemoryStorage(), new MutableClock(Office.START),
            Policies.defaults().withPickup(new PickupPolicy(3, Duration.ofDays(10), Duration.ofDays(14), 25, 1)),
            notifier);

    @AfterEach
    void close() {
        o.close();
    }

    private Barcode transfer(Subject subject, LocalDate receivedOn) {
        Barcode b = o.nextFileBarcode();
        o.lift.execute(o.clerk, new RegisterTransfer(b, FileReference.of("TR-" + b.value()), subject,
                ProtectionLevel.NORMAL, ORIGIN, receivedOn));
        return b;
    }

    private List<Notification> sent(NotificationType type) {
        return notifier.delivered().stream().filter(n -> n.type() == type).toList();
    }

    @Nested
    @DisplayName("work lists")
    class WorkLists {

        @Test
        @DisplayName("list recalled files first by SLA deadline, an overdue one leading, then the rest oldest first")
        void recallsFirst() {
            List<Barcode> files = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                files.add(o.fileIn(CaseFileState.PREPARED));
                o.clock.advance(Duration.ofHours(1));
            }
            o.lift.execute(o.clerk, new RequestRecall(files.get(3), RecallMode.SCAN_ON_DEMAND));
            o.clock.advance(Duration.ofHours(30));
            o.lift.execute(o.clerk, new RequestRecall(files.get(2), RecallMode.PAPER_BACK));

            List<WorkItem> list = o.lift.tracking().workList(CaseFileState.PREPARED);

            assertThat(list).extracting(WorkItem::barcode)
                    .containsExactly(files.get(3), files.get(2), files.get(0), files.get(1));
            assertThat(list.get(0).recallOverdue(o.clock.instant())).isTrue();
            assertThat(list.get(1).recallOverdue(o.clock.instant())).isFalse();
            assertThat(list.get(1).recallDueAt()).contains(o.clock.instant().plus(Duration.ofHours(24)));
            assertThat(list.get(2).recall()).isEmpty();
            assertThat(o.lift.tracking().workList(CaseFileState.RETAINED)).isEmpty();
        }

        @Test
        @DisplayName("of waiting files show each transfer's origin authority and the day it arrived")
        void waitingTransfers() {
            Barcode own = o.register();
            Barcode t = transfer(MUELLER, LocalDate.of(2026, 2, 27));
            assertThat(o.lift.tracking().workList(CaseFileState.REGISTERED)).extracting(WorkItem::barcode,
                    WorkItem::originAuthority, WorkItem::receivedOn).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(own, java.util.Optional.empty(), java.util.Optional.empty()),
                    org.assertj.core.groups.Tuple.tuple(t, java.util.Optional.of(ORIGIN),
                            java.util.Optional.of(LocalDate.of(2026, 2, 27))));
        }

        @Test
        @DisplayName("capture of a delivery starts the recalled case files first, by deadline, whatever their place in the index")
        void captureOrder(@TempDir Path tmp) throws IOException {
            MutableClock clock = new MutableClock(Office.START);
            try (Aktenlift lift = Aktenlift.builder().storage(new InMemoryStorage()).clock(clock)
                    .ids(IdSource.sequential("c")).captureParallelism(1)
                    .policies(Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100))).build()) {
                List<Barcode> files = lift.inventory().issueCaseFileBarcodes(o.clerk, 4);
                for (int i = 0; i < files.size(); i++) {
                    lift.execute(o.clerk, new RegisterCaseFile(files.get(i), FileReference.of("C-" + i), Office.subject(i),
                            ProtectionLevel.NORMAL));
                }
                Office.shipAndPrepare(lift, files.stream().map(Barcode::value).toList());
                lift.execute(o.clerk, new RequestRecall(files.get(3), RecallMode.SCAN_ON_DEMAND));
                clock.advance(Duration.ofMinutes(5));
                lift.execute(o.clerk, new RequestRecall(files.get(1), RecallMode.SCAN_ON_DEMAND));
                Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), DeliverySpec.builder().deliveryId("D-R")
                        .geometry(PageGeometry.a4(100)).seed(7).barcodes(files.stream().map(Barcode::value).toList())
                        .documentsPerFile(1, 1).sheetsPerDocument(1, 1).build());

                IngestReport report = lift.capture().ingest(o.scanner, d.directory());

                assertThat(report.rejected()).isEmpty();
                assertThat(report.caseFiles()).extracting(c -> c.barcode())
                        .containsExactlyElementsOf(files.stream().map(Barcode::value).toList());
                List<Barcode> byCapture = files.stream().sorted(Comparator.comparingLong(f -> capturedAt(lift, f))).toList();
                assertThat(byCapture).containsExactly(files.get(3), files.get(1), files.get(0), files.get(2));
            }
        }

        private long capturedAt(Aktenlift lift, Barcode f) {
            return lift.tracking().history(f).stream().filter(e -> e.kind() == EventKind.CAPTURED)
                    .mapToLong(JournalEvent::sequence).findFirst().orElseThrow();
        }
    }

    @Nested
    @DisplayName("notifications")
    class Notifications {

        @Test
        @DisplayName("a transfer registered is notified to the office with its barcode and arrival day, under its event's id")
        void transferRegistered() {
            Barcode t = transfer(MUELLER, LocalDate.of(2026, 2, 27));
            JournalEvent e = o.lift.tracking().history(t).get(0);
            assertThat(sent(NotificationType.TRANSFER_REGISTERED)).singleElement().satisfies(n -> {
                assertThat(n.id()).isEqualTo("event-" + e.sequence());
                assertThat(n.recipient()).isEqualTo(Recipient.role("office"));
                assertThat(n.details()).containsExactlyInAnyOrderEntriesOf(
                        Map.of("barcode", t.value(), "receivedOn", "2026-02-27"));
                assertThat(n.createdAt()).isEqualTo(e.time());
            });
            o.register();
            assertThat(sent(NotificationType.TRANSFER_REGISTERED)).hasSize(1);
        }

        @Test
        @DisplayName("a recall served is notified, paper back on handover and scan on demand on the confirmed import")
        void recallServed() {
            Barcode paper = o.fileIn(CaseFileState.RECEIVED);
            o.lift.execute(o.clerk, new RequestRecall(paper, RecallMode.PAPER_BACK));
            Barcode scan = o.fileIn(CaseFileState.VERIFIED);
            o.lift.execute(o.clerk, new RequestRecall(scan, RecallMode.SCAN_ON_DEMAND));
            assertThat(sent(NotificationType.RECALL_SERVED)).isEmpty();

            o.lift.execute(o.scanner, new ServeRecall(paper));
            o.lift.execute(o.clerk, new ConfirmImport(scan, "E-1", "R-1"));

            assertThat(sent(NotificationType.RECALL_SERVED)).extracting(Notification::details).containsExactly(
                    Map.of("barcode", paper.value(), "mode", "PAPER_BACK"),
                    Map.of("barcode", scan.value(), "mode", "SCAN_ON_DEMAND"));
        }

        @Test
        @DisplayName("an overdue recall is reported by tracking and notified once by raiseDue, and no more once served")
        void recallOverdue() {
            Barcode f = o.fileIn(CaseFileState.RECEIVED);
            o.lift.execute(o.clerk, new RequestRecall(f, RecallMode.PAPER_BACK));
            o.clock.advance(Duration.ofHours(24));
            assertThat(o.lift.notifications().raiseDue()).isEmpty();
            o.clock.advance(Duration.ofSeconds(1));

            assertThat(o.lift.tracking().overdue()).extracting(Overdue::barcode, Overdue::reason)
                    .contains(org.assertj.core.groups.Tuple.tuple(f, Overdue.Reason.RECALL));
            List<Notification> raised = o.lift.notifications().raiseDue();

            assertThat(raised).singleElement().satisfies(n -> {
                assertThat(n.type()).isEqualTo(NotificationType.OVERDUE);
                assertThat(n.details()).containsEntry("barcode", f.value()).containsEntry("reason", "RECALL")
                        .containsEntry("mode", "PAPER_BACK")
                        .containsEntry("dueAt", Office.START.plus(Duration.ofHours(24)).toString());
            });
            assertThat(sent(NotificationType.OVERDUE)).containsExactlyElementsOf(raised);
            o.clock.advance(Duration.ofHours(1));
            assertThat(o.lift.notifications().raiseDue()).as("raised once per recall").isEmpty();
            o.lift.execute(o.scanner, new ServeRecall(f));
            assertThat(o.lift.notifications().raiseDue()).isEmpty();
            assertThat(sent(NotificationType.OVERDUE)).hasSize(1);
        }

        @Test
        @DisplayName("a due pickup is proposed once a day, with date, counts and triggers")
        void pickupProposed() {
            o.registerMany(2);
            assertThat(o.lift.notifications().raiseDue()).isEmpty();
            o.register();

            List<Notification> raised = o.lift.notifications().raiseDue();

            assertThat(raised).singleElement().satisfies(n -> {
                assertThat(n.type()).isEqualTo(NotificationType.PICKUP_PROPOSED);
                assertThat(n.details()).containsExactlyInAnyOrderEntriesOf(Map.of("date", "2026-03-03", "files", "3",
                        "boxes", "1", "recalls", "0", "triggers", "FILE_COUNT"));
            });
            assertThat(o.lift.notifications().raiseDue()).isEmpty();
            o.clock.advance(Duration.ofDays(1));
            assertThat(o.lift.notifications().raiseDue()).singleElement()
                    .satisfies(n -> assertThat(n.id()).isNotEqualTo(raised.get(0).id()));
        }

        @Test
        @DisplayName("files due for destruction are notified until a list holds them; the list and its confirmation are notified too")
        void destruction() {
            Barcode a = o.fileIn(CaseFileState.RETAINED);
            Barcode b = o.fileIn(CaseFileState.RETAINED);
            assertThat(o.lift.notifications().raiseDue()).isEmpty();
            o.clock.advance(Duration.ofDays(91));

            assertThat(o.lift.notifications().raiseDue()).singleElement().satisfies(n -> {
                assertThat(n.type()).isEqualTo(NotificationType.DESTRUCTION_DUE);
                assertThat(n.details()).containsExactlyInAnyOrderEntriesOf(Map.of("files", "2"));
            });
            DestructionList list = o.lift.destruction().prepare(o.clerk);
            assertThat(sent(NotificationType.DESTRUCTION_DUE)).last().satisfies(n -> assertThat(n.details())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("list", list.id(), "files", "2", "excluded", "0")));
            o.clock.advance(Duration.ofDays(1));
            assertThat(o.lift.notifications().raiseDue()).as("both are on an open list").isEmpty();

            o.lift.destruction().confirm(o.clerk, list.id(), "VN-3");

            assertThat(sent(NotificationType.DESTRUCTION_CONFIRMED)).singleElement().satisfies(n -> assertThat(n.details())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("list", list.id(), "certificate", "VN-3",
                            "destroyed", "2", "skipped", "0")));
            o.lift.destruction().confirm(o.clerk, list.id(), "VN-3");
            assertThat(sent(NotificationType.DESTRUCTION_CONFIRMED)).as("a repeated confirmation records and notifies nothing")
                    .hasSize(1);
            assertThat(sent(NotificationType.DESTRUCTION_DUE)).hasSize(2);
            assertThat(List.of(a, b)).allSatisfy(f -> assertThat(o.lift.tracking().whereIs(f).orElseThrow().state())
                    .isEqualTo(CaseFileState.DESTROYED));
        }

        @Test
        @DisplayName("carry barcodes, ids and counts, never the person's name, date of birth or AZR number")
        void noPersonalData() {
            Barcode t = transfer(MUELLER, LocalDate.of(2026, 2, 27));
            o.lift.execute(o.clerk, new RequestRecall(t, RecallMode.PAPER_BACK));
            o.registerMany(3);
            o.clock.advance(Duration.ofDays(2));
            o.lift.notifications().raiseDue();
            o.lift.execute(o.clerk, new ServeRecall(t));
            assertThat(notifier.delivered()).extracting(Notification::type).contains(NotificationType.TRANSFER_REGISTERED,
                    NotificationType.OVERDUE, NotificationType.PICKUP_PROPOSED, NotificationType.RECALL_SERVED);
            for (Notification n : notifier.delivered()) {
                String text = n.id() + n.details() + n.recipient();
                assertThat(text).doesNotContain("Müller", "Mueller", "Jürgen", "1975", "987654321012", "Surname", "Given");
            }
        }
    }

    @Nested
    @DisplayName("a failing notifier")
    class FailingNotifier {

        @Test
        @DisplayName("does not fail the command, nor lose or repeat its events; the notification waits for redelivery under the same id")
        void unavailable() {
            notifier.failNext(1);
            long before = o.journalLength();

            Barcode t = transfer(MUELLER, LocalDate.of(2026, 2, 27));

            assertThat(o.journalLength()).isEqualTo(before + 1);
            assertThat(o.lift.tracking().whereIs(t)).isPresent();
            assertThat(notifier.delivered()).isEmpty();
            List<Notification> waiting = o.lift.notifications().undelivered();
            assertThat(waiting).singleElement().satisfies(n -> assertThat(n.type()).isEqualTo(NotificationType.TRANSFER_REGISTERED));

            assertThat(o.lift.notifications().redeliver()).isZero();

            assertThat(notifier.delivered()).containsExactlyElementsOf(waiting);
            assertThat(o.lift.notifications().undelivered()).isEmpty();
            assertThat(o.lift.notifications().redeliver()).isZero();
            assertThat(notifier.delivered()).hasSize(1);
            assertThat(o.journalLength()).isEqualTo(before + 1);
        }

        @Test
        @DisplayName("that throws something unexpected is treated alike; raiseDue keeps what it could not deliver too,"
                + " and a recipient's later notification waits behind its undelivered one")
        void faulty() {
            AtomicInteger calls = new AtomicInteger();
            InMemoryNotifier behind = new InMemoryNotifier();
            Notifier flaky = n -> {
                if (calls.incrementAndGet() <= 2) {
                    throw new IllegalStateException("adapter bug");
                }
                behind.deliver(n);
            };
            try (Office office = new Office(new InMemoryStorage(), new MutableClock(Office.START),
                    Policies.defaults().withPickup(new PickupPolicy(1, Duration.ofDays(10), Duration.ofDays(14), 25, 1)),
                    flaky)) {
                Barcode t = office.fileIn(CaseFileState.REGISTERED);
                office.lift.execute(office.clerk, new RequestRecall(t, RecallMode.PAPER_BACK));
                office.lift.execute(office.clerk, new ServeRecall(t));            // call 1 fails
                office.register();
                List<Notification> raised = office.lift.notifications().raiseDue(); // queued behind, not tried
                assertThat(raised).extracting(Notification::type).containsExactly(NotificationType.PICKUP_PROPOSED);
                assertThat(calls).as("the office's pickup notification is not tried before its recall notification")
                        .hasValue(1);
                assertThat(office.lift.notifications().undelivered()).extracting(Notification::type)
                        .containsExactly(NotificationType.RECALL_SERVED, NotificationType.PICKUP_PROPOSED);
                assertThat(office.lift.notifications().raiseDue()).as("not raised twice").isEmpty();

                assertThat(office.lift.notifications().redeliver()).as("call 2 fails: both wait").isEqualTo(2);
                assertThat(calls).hasValue(2);
                assertThat(office.lift.notifications().redeliver()).isZero();

                assertThat(behind.delivered()).extracting(Notification::type)
                        .containsExactly(NotificationType.RECALL_SERVED, NotificationType.PICKUP_PROPOSED);
                assertThat(office.lift.tracking().whereIs(t).orElseThrow().state()).isEqualTo(CaseFileState.RETURNED);
            }
        }

        @Test
        @DisplayName("keeps the failures of a notifier that stays down, and reports how many remain")
        void staysDown() {
            Notifier down = n -> {
                throw new UnavailableException("mail server down", null);
            };
            try (Office office = new Office(new InMemoryStorage(), new MutableClock(Office.START), Policies.defaults(), down)) {
                Barcode t = office.nextFileBarcode();
                office.lift.execute(office.clerk, new RegisterTransfer(t, FileReference.of("TR-9"), MUELLER,
                        ProtectionLevel.NORMAL, ORIGIN, LocalDate.of(2026, 3, 1)));
                assertThat(office.lift.notifications().redeliver()).isEqualTo(1);
                assertThat(office.lift.notifications().undelivered()).hasSize(1);
            }
        }
    }
}
