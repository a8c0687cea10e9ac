package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.logistics.BoxSuggestion;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PickupPolicy;
import io.github.aktenlift.logistics.PickupProposal;
import io.github.aktenlift.logistics.PickupProposal.Trigger;
import io.github.aktenlift.logistics.PickupState;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.WorkItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pickup planner against its policy: five files (N) or ten days' wait (D) or fourteen days
 * since the last pickup, three files per box, one day's lead.
 */
@DisplayName("The pickup planner")
class PickupPlannerTest {

    private static final PickupPolicy POLICY = new PickupPolicy(5, Duration.ofDays(10), Duration.ofDays(14), 3, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    private final Office o = new Office(new InMemoryStorage(), new MutableClock(Office.START),
            Policies.defaults().withPickup(POLICY));

    @AfterEach
    void close() {
        o.close();
    }

    private PickupProposal propose() {
        return o.lift.pickupPlanner().propose();
    }

    private PickupProposal.Due due() {
        PickupProposal p = propose();
        assertThat(p).isInstanceOf(PickupProposal.Due.class);
        return (PickupProposal.Due) p;
    }

    private PickupProposal.NotDue notDue() {
        PickupProposal p = propose();
        assertThat(p).isInstanceOf(PickupProposal.NotDue.class);
        return (PickupProposal.NotDue) p;
    }

    private static List<Barcode> barcodes(List<WorkItem> items) {
        return items.stream().map(WorkItem::barcode).toList();
    }

    @Nested
    @DisplayName("thresholds")
    class Thresholds {

        @Test
        @DisplayName("with nothing waiting, no pickup is due, and it says so")
        void nothingWaiting() {
            o.fileIn(CaseFileState.IN_TRANSIT);
            PickupProposal.NotDue p = notDue();
            assertThat(p.reason()).isEqualTo(PickupProposal.NotDue.Reason.NOTHING_WAITING);
            assertThat(p.waiting()).isEmpty();
            assertThat(p.dueBy()).isEmpty();
            assertThat(p.lastPickup()).contains(LocalDate.of(2026, 3, 3));
        }

        @Test
        @DisplayName("below N files and D days, none is due; it names the oldest waiting file's time and when time alone makes one due")
        void belowThresholds() {
            o.registerMany(4);
            o.clock.advance(Duration.ofDays(10).minusSeconds(1));
            PickupProposal.NotDue p = notDue();
            assertThat(p.reason()).isEqualTo(PickupProposal.NotDue.Reason.BELOW_THRESHOLDS);
            assertThat(p.waiting()).hasSize(4);
            assertThat(p.oldestWaitingSince()).contains(Office.START);
            assertThat(p.dueBy()).contains(Office.START.plus(Duration.ofDays(10)));
            assertThat(p.lastPickup()).isEmpty();
        }

        @Test
        @DisplayName("N waiting files make a pickup due, on the day after (the lead time)")
        void fileCount() {
            o.registerMany(5);
            PickupProposal.Due p = due();
            assertThat(p.triggers()).containsExactly(Trigger.FILE_COUNT);
            assertThat(p.date()).isEqualTo(TODAY.plusDays(1));
            assertThat(p.waiting()).hasSize(5);
        }

        @Test
        @DisplayName("D days' wait of the oldest file makes a pickup due, to the second")
        void oldestWaiting() {
            List<Barcode> files = o.registerMany(1);
            o.clock.advance(Duration.ofDays(3));
            files = new ArrayList<>(files);
            files.addAll(o.registerMany(1));
            o.clock.advance(Duration.ofDays(7).minusSeconds(1));
            assertThat(notDue().dueBy()).contains(Office.START.plus(Duration.ofDays(10)));
            o.clock.advance(Duration.ofSeconds(1));
            PickupProposal.Due p = due();
            assertThat(p.triggers()).containsExactly(Trigger.OLDEST_WAITING);
            assertThat(barcodes(p.waiting())).containsExactlyElementsOf(files);
            assertThat(p.date()).isEqualTo(TODAY.plusDays(11));
        }

        @Test
        @DisplayName("N files and D days together name both triggers")
        void both() {
            o.registerMany(5);
            o.clock.advance(Duration.ofDays(10));
            assertThat(due().triggers()).containsExactly(Trigger.FILE_COUNT, Trigger.OLDEST_WAITING);
        }

        @Test
        @DisplayName("the interval since the last pickup makes one due while even a single file waits")
        void interval() {
            o.fileIn(CaseFileState.IN_TRANSIT);                      // pickup scheduled for 2026-03-03
            o.clock.advanceTo(Instant.parse("2026-03-16T09:00:00Z"));
            o.register();
            PickupProposal.NotDue waitForIt = notDue();
            assertThat(waitForIt.dueBy()).contains(Instant.parse("2026-03-17T00:00:00Z"));
            o.clock.advanceTo(Instant.parse("2026-03-17T00:00:00Z"));
            assertThat(due().triggers()).containsExactly(Trigger.INTERVAL);
        }

        @Test
        @DisplayName("a transfer waits from the day its paper arrived, not from its registration")
        void transferWaitsFromArrival() {
            Barcode t = o.nextFileBarcode();
            LocalDate arrived = TODAY.minusDays(10);
            o.lift.execute(o.clerk, new RegisterTransfer(t, FileReference.of("TR-1"), Office.subject(99),
                    ProtectionLevel.NORMAL, "Stadt Musterstadt, Ausländerbehörde", arrived));
            PickupProposal.Due p = due();
            assertThat(p.triggers()).containsExactly(Trigger.OLDEST_WAITING);
            assertThat(p.waiting()).singleElement().satisfies(w -> {
                assertThat(w.originAuthority()).contains("Stadt Musterstadt, Ausländerbehörde");
                assertThat(w.receivedOn()).contains(arrived);
            });
        }

        @Test
        @DisplayName("proposing records nothing")
        void recordsNothing() {
            o.registerMany(7);
            long before = o.journalLength();
            assertThat(due()).isEqualTo(due());
            assertThat(o.journalLength()).isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("recalls")
    class Recalls {

        @Test
        @DisplayName("a waiting scan-on-demand recall makes a pickup due at once, today, and leads the list by SLA deadline")
        void recallFirst() {
            List<Barcode> files = o.registerMany(4);
            o.lift.execute(o.clerk, new RequestRecall(files.get(2), RecallMode.SCAN_ON_DEMAND));
            o.clock.advance(Duration.ofHours(1));
            o.lift.execute(o.clerk, new RequestRecall(files.get(3), RecallMode.SCAN_ON_DEMAND));

            PickupProposal.Due p = due();

            assertThat(p.triggers()).containsExactly(Trigger.RECALL);
            assertThat(p.date()).isEqualTo(TODAY);
            assertThat(barcodes(p.waiting())).containsExactly(files.get(2), files.get(3), files.get(0), files.get(1));
            assertThat(p.waiting().get(0).recallDueAt()).contains(Office.START.plus(Duration.ofHours(24)));
            assertThat(p.boxes().get(0).toPack()).containsExactly(files.get(2), files.get(3), files.get(0));
        }

        @Test
        @DisplayName("a file whose paper is recalled back stays at the office: it does not wait for pickup")
        void paperBackStays() {
            List<Barcode> files = o.registerMany(2);
            o.lift.execute(o.clerk, new RequestRecall(files.get(0), RecallMode.PAPER_BACK));
            assertThat(barcodes(notDue().waiting())).containsExactly(files.get(1));
        }
    }

    @Nested
    @DisplayName("packing")
    class Packing {

        @Test
        @DisplayName("puts every waiting file into exactly one new box of at most the box capacity, most urgent first")
        void capacity() {
            List<Barcode> files = o.registerMany(7);
            PickupProposal.Due p = due();
            assertThat(p.boxes()).extracting(BoxSuggestion::isNew).containsOnly(true);
            assertThat(p.boxes()).extracting(BoxSuggestion::size).containsExactly(3, 3, 1);
            assertThat(p.boxes().stream().flatMap(b -> b.toPack().stream()).toList()).containsExactlyElementsOf(files);
            assertThat(p.newBoxes()).isEqualTo(3);
        }

        @Test
        @DisplayName("tops up an open box, takes a sealed box as it is, and leaves a box of a planned pickup alone")
        void existingBoxes() {
            List<Barcode> files = o.registerMany(8);
            Barcode open = o.openBox();
            o.lift.execute(o.clerk, new PackCaseFile(files.get(0), open));
            Barcode sealed = o.openBox();
            o.lift.execute(o.clerk, new PackCaseFile(files.get(1), sealed));
            o.lift.execute(o.clerk, new SealBox(sealed, Office.sealOf(sealed)));
            Barcode planned = o.openBox();
            o.lift.execute(o.clerk, new PackCaseFile(files.get(2), planned));
            o.lift.execute(o.clerk, new SealBox(planned, Office.sealOf(planned)));
            o.lift.execute(o.clerk, new PlanPickup("P-0", TODAY.plusDays(2), List.of(planned)));

            PickupProposal.Due p = due();

            assertThat(barcodes(p.waiting())).containsExactlyInAnyOrderElementsOf(
                    List.of(files.get(0), files.get(1), files.get(3), files.get(4), files.get(5), files.get(6), files.get(7)));
            assertThat(p.boxes()).extracting(BoxSuggestion::box, BoxSuggestion::state, BoxSuggestion::packed,
                    BoxSuggestion::toPack).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(java.util.Optional.of(open), java.util.Optional.of(BoxState.OPEN),
                            List.of(files.get(0)), List.of(files.get(3), files.get(4))),
                    org.assertj.core.groups.Tuple.tuple(java.util.Optional.of(sealed), java.util.Optional.of(BoxState.SEALED),
                            List.of(files.get(1)), List.of()),
                    org.assertj.core.groups.Tuple.tuple(java.util.Optional.empty(), java.util.Optional.empty(),
                            List.of(), List.of(files.get(5), files.get(6), files.get(7))));
        }

        @Test
        @DisplayName("the proposal's commands, executed, plan the pickup with every waiting file; then nothing waits")
        void commands() {
            List<Barcode> files = o.registerMany(4);
            Barcode open = o.openBox();
            o.lift.execute(o.clerk, new PackCaseFile(files.get(0), open));
            o.clock.advance(Duration.ofDays(10));
            PickupProposal.Due p = due();

            List<Command> commands = commandsFor(p, "P-7");
            assertThat(commands.get(commands.size() - 1)).isInstanceOf(PlanPickup.class);
            assertThat(commands).filteredOn(OpenBox.class::isInstance).hasSize(p.newBoxes());
            for (Command c : commands) {
                o.lift.execute(o.clerk, c);
            }

            for (Barcode f : files) {
                assertThat(o.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.PACKED);
            }
            PlanPickup plan = (PlanPickup) commands.get(commands.size() - 1);
            assertThat(plan.scheduledFor()).isEqualTo(p.date());
            for (Barcode box : plan.boxes()) {
                var status = o.lift.tracking().box(box).orElseThrow();
                assertThat(status.state()).isEqualTo(BoxState.SEALED);
                assertThat(status.pickup()).contains("P-7");
                assertThat(status.packingList()).hasSizeLessThanOrEqualTo(POLICY.boxCapacity());
            }
            assertThat(notDue().reason()).isEqualTo(PickupProposal.NotDue.Reason.NOTHING_WAITING);
        }

        @Test
        @DisplayName("turning a proposal into commands needs one label per new box and a seal for every box to seal")
        void commandsNeedLabelsAndSeals() {
            o.registerMany(5);
            PickupProposal.Due p = due();
            assertThatThrownBy(() -> p.commands("P-1", labels(1), Map.of()))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("newBoxLabels"));
            List<Barcode> labels = labels(2);
            assertThatThrownBy(() -> p.commands("P-1", labels, Map.of(labels.get(0), SealNumber.of("S-1"))))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("seals"));
        }
    }

    private List<Barcode> labels(int n) {
        List<Barcode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(o.nextBoxBarcode());
        }
        return out;
    }

    /** The commands of a proposal, with new labels and a seal for every box. */
    private List<Command> commandsFor(PickupProposal.Due p, String pickupId) {
        List<Barcode> labels = labels(p.newBoxes());
        Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
        p.boxes().forEach(s -> s.box().ifPresent(b -> seals.put(b, Office.sealOf(b))));
        labels.forEach(b -> seals.put(b, Office.sealOf(b)));
        return p.commands(pickupId, labels, seals);
    }
}
