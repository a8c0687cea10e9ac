package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PickupState;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.ReopenBox;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.tracking.Discrepancy;
import io.github.aktenlift.tracking.EntityType;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.Overdue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Boxes, pickups and goods receipt")
class LogisticsTest {

    private final Office o = new Office();

    @AfterEach
    void close() {
        o.close();
    }

    private Barcode sealedBox(List<Barcode> files) {
        Barcode box = o.openBox();
        for (Barcode f : files) {
            o.lift.execute(o.clerk, new PackCaseFile(f, box));
        }
        o.lift.execute(o.clerk, new SealBox(box, Office.sealOf(box)));
        return box;
    }

    private HandoverProtocol protocol(Map<Barcode, SealNumber> seals) {
        return new HandoverProtocol("clerk-1", "carrier-7", seals);
    }

    @Nested
    @DisplayName("a box")
    class Boxes {

        @Test
        @DisplayName("goes OPEN → SEALED → IN_TRANSIT → RECEIVED and keeps its packing list")
        void lifecycle() {
            List<Barcode> files = o.registerMany(3);
            Barcode box = sealedBox(files);
            assertThat(o.lift.tracking().box(box).orElseThrow().state()).isEqualTo(BoxState.SEALED);
            o.lift.execute(o.clerk, new PlanPickup("P-1", LocalDate.of(2026, 3, 3), List.of(box)));
            o.lift.execute(o.carrier, new CollectPickup("P-1", protocol(Map.of(box, Office.sealOf(box)))));
            var status = o.lift.tracking().box(box).orElseThrow();
            assertThat(status.state()).isEqualTo(BoxState.IN_TRANSIT);
            assertThat(status.packingList()).containsExactlyElementsOf(files);
            assertThat(o.lift.tracking().whereIs(files.get(0)).orElseThrow().holder()).isEqualTo("carrier-7");
            // a hold placed by a clerk at the office does not move a file that is in the van
            o.lift.execute(o.clerk, new io.github.aktenlift.retention.PlaceHold(files.get(0),
                    io.github.aktenlift.retention.HoldReason.AUDIT));
            var w = o.lift.tracking().whereIs(files.get(0)).orElseThrow();
            assertThat(w.holder()).isEqualTo("carrier-7");
            assertThat(w.location()).isEqualTo("van");
            assertThat(w.holds()).containsExactly(io.github.aktenlift.retention.HoldReason.AUDIT);
            o.receive(box, Set.copyOf(files));
            assertThat(o.lift.tracking().box(box).orElseThrow().state()).isEqualTo(BoxState.RECEIVED);
            assertThat(o.lift.tracking().history(box)).extracting(JournalEvent::kind).containsExactly(
                    EventKind.BOX_OPENED, EventKind.BOX_SEALED, EventKind.BOX_PICKED_UP, EventKind.BOX_RECEIVED);
        }

        @Test
        @DisplayName("cannot be sealed empty, and cannot be packed once sealed")
        void sealRules() {
            Barcode empty = o.openBox();
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new SealBox(empty, SealNumber.of("S1"))))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.reasons()).containsExactly("BOX_EMPTY"));
            Barcode box = sealedBox(o.registerMany(1));
            Barcode late = o.register();
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new PackCaseFile(late, box)))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.kind()).isEqualTo("box");
                        assertThat(e.id()).isEqualTo(box.value());
                        assertThat(e.currentState()).isEqualTo("SEALED");
                    });
            o.lift.execute(o.clerk, new ReopenBox(box));
            o.lift.execute(o.clerk, new PackCaseFile(late, box));
            assertThat(o.lift.tracking().box(box).orElseThrow().packingList()).hasSize(2);
        }

        @Test
        @DisplayName("in a planned pickup cannot be reopened")
        void reopenBlockedByPickup() {
            Barcode box = sealedBox(o.registerMany(1));
            o.lift.execute(o.clerk, new PlanPickup("P-1", LocalDate.of(2026, 3, 3), List.of(box)));
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new ReopenBox(box)))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.reasons()).containsExactly("IN_PICKUP:P-1"));
        }

        @Test
        @DisplayName("with a barcode outside the box scheme or already taken is refused")
        void barcodeRules() {
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new OpenBox(Barcode.of("B0000019"))))
                    .isInstanceOf(InvalidBarcodeException.class).hasMessageContaining("B0000019");
            Barcode box = o.openBox();
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new OpenBox(box)))
                    .isInstanceOf(DuplicateIdentifierException.class);
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new PackCaseFile(o.register(), o.nextBoxBarcode())))
                    .isInstanceOfSatisfying(UnknownIdentifierException.class, e -> assertThat(e.kind()).isEqualTo("box"));
        }
    }

    @Nested
    @DisplayName("a pickup")
    class Pickups {

        @Test
        @DisplayName("is handed over only when every planned box is in the protocol with its recorded seal")
        void handoverChecksSeals() {
            Barcode a = sealedBox(o.registerMany(2));
            Barcode b = sealedBox(o.registerMany(2));
            Barcode stray = sealedBox(o.registerMany(1));
            o.lift.execute(o.clerk, new PlanPickup("P-1", LocalDate.of(2026, 3, 3), List.of(a, b)));
            long before = o.journalLength();
            assertThatThrownBy(() -> o.lift.execute(o.carrier, new CollectPickup("P-1",
                    protocol(Map.of(a, SealNumber.of("WRONG"), stray, Office.sealOf(stray))))))
                    .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(e.reasons())
                            .containsExactly("SEAL_MISMATCH:" + a, "BOX_NOT_IN_PROTOCOL:" + b, "BOX_NOT_IN_PICKUP:" + stray));
            assertThat(o.journalLength()).isEqualTo(before);
            assertThat(o.lift.tracking().box(a).orElseThrow().state()).isEqualTo(BoxState.SEALED);

            o.lift.execute(o.carrier, new CollectPickup("P-1",
                    protocol(Map.of(a, Office.sealOf(a), b, Office.sealOf(b)))));
            assertThat(o.lift.tracking().countsPerState().get(CaseFileState.IN_TRANSIT)).isEqualTo(4);
            assertThatThrownBy(() -> o.lift.execute(o.carrier, new CollectPickup("P-1",
                    protocol(Map.of(a, Office.sealOf(a), b, Office.sealOf(b))))))
                    .isInstanceOfSatisfying(IllegalTransitionException.class,
                            e -> assertThat(e.currentState()).isEqualTo(PickupState.COLLECTED.name()));
        }

        @Test
        @DisplayName("cannot take a box twice, an open box, or an unknown id")
        void planningRules() {
            Barcode a = sealedBox(o.registerMany(1));
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new PlanPickup("P-1", LocalDate.of(2026, 3, 3), List.of(a, a))))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.reasons()).containsExactly("DUPLICATE_BOX:" + a));
            o.lift.execute(o.clerk, new PlanPickup("P-1", LocalDate.of(2026, 3, 3), List.of(a)));
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new PlanPickup("P-2", LocalDate.of(2026, 3, 3), List.of(a))))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.reasons()).containsExactly("IN_PICKUP:P-1"));
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new PlanPickup("P-1", LocalDate.of(2026, 3, 3), List.of(a))))
                    .isInstanceOf(DuplicateIdentifierException.class);
            Barcode open = o.openBox();
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new PlanPickup("P-3", LocalDate.of(2026, 3, 3), List.of(open))))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> o.lift.execute(o.carrier, new CollectPickup("P-9", protocol(Map.of(a, Office.sealOf(a))))))
                    .isInstanceOfSatisfying(UnknownIdentifierException.class, e -> assertThat(e.id()).isEqualTo("P-9"));
        }
    }

    @Nested
    @DisplayName("goods receipt")
    class Receipt {

        @Test
        @DisplayName("counts files against the packing list: absent ones become MISSING and show as discrepancies")
        void missingFiles() {
            List<Barcode> files = o.registerMany(3);
            Barcode box = o.ship(files);
            o.receive(box, Set.of(files.get(0), files.get(2)));
            assertThat(o.lift.tracking().whereIs(files.get(1)).orElseThrow().state()).isEqualTo(CaseFileState.MISSING);
            assertThat(o.lift.tracking().discrepancies()).containsExactly(new Discrepancy(
                    Discrepancy.Kind.FILE_MISSING_AT_RECEIPT, files.get(1), box.value(), Office.START));
        }

        @Test
        @DisplayName("refuses a file that is not on the packing list, and an unknown barcode, changing nothing")
        void strangers() {
            Barcode box = o.ship(o.registerMany(2));
            Barcode elsewhere = o.register();
            long before = o.journalLength();
            assertThatThrownBy(() -> o.receive(box, Set.of(elsewhere)))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.reasons()).containsExactly("NOT_ON_PACKING_LIST:" + elsewhere));
            Barcode unknown = o.nextFileBarcode();
            assertThatThrownBy(() -> o.receive(box, Set.of(unknown)))
                    .isInstanceOfSatisfying(UnknownIdentifierException.class, e -> assertThat(e.id()).isEqualTo(unknown.value()));
            assertThat(o.journalLength()).isEqualTo(before);
            assertThat(o.lift.tracking().box(box).orElseThrow().state()).isEqualTo(BoxState.IN_TRANSIT);
        }

        @Test
        @DisplayName("records a different seal as a discrepancy but still receives the box")
        void sealMismatch() {
            List<Barcode> files = o.registerMany(1);
            Barcode box = o.ship(files);
            o.lift.execute(o.scanner, new ReceiveBox(box, SealNumber.of("OTHER-1"), Set.copyOf(files)));
            assertThat(o.lift.tracking().box(box).orElseThrow().sealMismatch()).isTrue();
            assertThat(o.lift.tracking().discrepancies()).extracting(Discrepancy::kind)
                    .containsExactly(Discrepancy.Kind.SEAL_MISMATCH);
        }

        @Test
        @DisplayName("a box picked up but never received shows as a discrepancy once its pickup's other boxes arrive, and overdue after 2 days")
        void boxNeverReceived() {
            Barcode a = sealedBox(o.registerMany(1));
            Barcode b = sealedBox(o.registerMany(1));
            o.lift.execute(o.clerk, new PlanPickup("P-1", LocalDate.of(2026, 3, 3), List.of(a, b)));
            o.lift.execute(o.carrier, new CollectPickup("P-1", protocol(Map.of(a, Office.sealOf(a), b, Office.sealOf(b)))));
            assertThat(o.lift.tracking().discrepancies()).isEmpty();
            o.receive(a, Set.copyOf(o.lift.tracking().box(a).orElseThrow().packingList()));
            assertThat(o.lift.tracking().discrepancies()).containsExactly(
                    new Discrepancy(Discrepancy.Kind.BOX_NOT_RECEIVED, b, "P-1", Office.START));
            assertThat(o.lift.tracking().overdue()).isEmpty();
            o.clock.advance(Duration.ofDays(2).plusMinutes(1));
            assertThat(o.lift.tracking().overdue()).extracting(Overdue::entity, Overdue::barcode)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(EntityType.BOX, b),
                            org.assertj.core.groups.Tuple.tuple(EntityType.CASE_FILE,
                                    o.lift.tracking().box(b).orElseThrow().packingList().get(0)));
        }

        @Test
        @DisplayName("delivers the pickup once its last box is received")
        void pickupDelivered() {
            Barcode a = sealedBox(o.registerMany(1));
            o.lift.execute(o.clerk, new PlanPickup("P-1", LocalDate.of(2026, 3, 3), List.of(a)));
            o.lift.execute(o.carrier, new CollectPickup("P-1", protocol(Map.of(a, Office.sealOf(a)))));
            List<JournalEvent> events = o.lift.execute(o.scanner, new ReceiveBox(a, Office.sealOf(a),
                    Set.copyOf(o.lift.tracking().box(a).orElseThrow().packingList())));
            assertThat(events).extracting(JournalEvent::kind).containsExactly(
                    EventKind.BOX_RECEIVED, EventKind.RECEIVED, EventKind.PICKUP_DELIVERED);
        }
    }
}
