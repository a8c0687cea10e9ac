package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.logistics.DirectReceipt;
import io.github.aktenlift.logistics.ReceiveDirect;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.WhereIs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The short path without logistics (issue 16, item 6): {@code REGISTERED → RECEIVED} at the
 * scanning place, as far as {@link Policies#directReceipt()} allows it, then prepared as usual.
 */
@DisplayName("The direct receipt at the scanning place")
class DirectReceiptTest {

    private static Office office(DirectReceipt policy) {
        return new Office(new InMemoryStorage(), new MutableClock(Office.START),
                Policies.defaults().withDirectReceipt(policy));
    }

    private static Barcode transfer(Office o) {
        Barcode b = o.nextFileBarcode();
        o.lift.execute(o.clerk, new RegisterTransfer(b, FileReference.of("AZ-T-" + b.value()), Office.subject(99),
                ProtectionLevel.NORMAL, "Stadt Musterstadt, Ausländerbehörde", LocalDate.of(2026, 3, 1)));
        return b;
    }

    private static CaseFileState state(Office o, Barcode b) {
        return o.lift.tracking().whereIs(b).map(WhereIs::state).orElseThrow();
    }

    @Test
    @DisplayName("is off by default: the defaults and the policies of 0.1 say NEVER")
    void offByDefault() {
        assertThat(Policies.defaults().directReceipt()).isEqualTo(DirectReceipt.NEVER);
        Policies d = Policies.defaults();
        Policies old = new Policies(d.sla(), d.retention(), d.protection(), d.caseFileBarcodes(), d.boxBarcodes(),
                d.capture(), d.pickup());
        assertThat(old).isEqualTo(d);
        assertThat(d.withDirectReceipt(DirectReceipt.ALL).withSla(d.sla()).directReceipt())
                .as("the other withers keep it").isEqualTo(DirectReceipt.ALL);
    }

    @Nested
    @DisplayName("where the policy allows it")
    class Allowed {

        @Test
        @DisplayName("takes a registered file to RECEIVED and on to PREPARED, journaled with who, where and when")
        void shortPath() {
            try (Office o = office(DirectReceipt.ALL)) {
                Barcode f = o.register();
                o.clock.advance(Duration.ofHours(2));
                Instant arrived = o.clock.instant();
                long before = o.journalLength();

                List<JournalEvent> recorded = o.lift.execute(o.scanner, new ReceiveDirect(f));

                assertThat(state(o, f)).isEqualTo(CaseFileState.RECEIVED);
                assertThat(o.journalLength()).isEqualTo(before + 1);
                assertThat(recorded).singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(EventKind.RECEIVED_DIRECT);
                    assertThat(e.stream()).endsWith(f.value());
                    assertThat(e.actor()).isEqualTo(o.scanner.id());
                    assertThat(e.location()).isEqualTo(o.scanner.site());
                    assertThat(e.time()).isEqualTo(arrived);
                    assertThat(e.payload()).isEmpty();
                });

                o.lift.execute(o.scanner, new PrepareCaseFile(f));
                assertThat(state(o, f)).isEqualTo(CaseFileState.PREPARED);
                assertThat(o.lift.tracking().history(f)).extracting(JournalEvent::kind)
                        .containsExactly(EventKind.REGISTERED, EventKind.RECEIVED_DIRECT, EventKind.PREPARED);
                assertThat(o.lift.tracking().history(f)).extracting(JournalEvent::actor)
                        .containsExactly(o.clerk.id(), o.scanner.id(), o.scanner.id());
                assertThat(o.lift.tracking().discrepancies()).as("no box, no pickup: nothing to miss").isEmpty();
                assertThat(o.lift.tracking().verify().isIntact()).isTrue();
            }
        }

        @Test
        @DisplayName("is seen again after a restart: the projection replays RECEIVED_DIRECT")
        void replayed() {
            InMemoryStorage storage = new InMemoryStorage();
            Policies p = Policies.defaults().withDirectReceipt(DirectReceipt.ALL);
            Barcode f;
            try (Office o = new Office(storage, new MutableClock(Office.START), p)) {
                f = o.register();
                o.lift.execute(o.scanner, new ReceiveDirect(f));
            }
            // a reader with the default policies still reads the journal: the policy rules commands, not history
            try (Aktenlift again = Aktenlift.builder().storage(storage).build()) {
                assertThat(again.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.RECEIVED);
            }
        }

        @Test
        @DisplayName("TRANSFERS lets a transfer from another authority through and refuses a file of the bulk project")
        void transfersOnly() {
            try (Office o = office(DirectReceipt.TRANSFERS)) {
                Barcode t = transfer(o);
                Barcode bulk = o.register();

                o.lift.execute(o.scanner, new ReceiveDirect(t));
                assertThat(state(o, t)).isEqualTo(CaseFileState.RECEIVED);

                long before = o.journalLength();
                IllegalTransitionException e = catchThrowableOfType(
                        () -> o.lift.execute(o.scanner, new ReceiveDirect(bulk)), IllegalTransitionException.class);
                assertThat(e.id()).isEqualTo(bulk.value());
                assertThat(e.reason()).contains("TRANSFERS").contains("only transfers");
                assertThat(o.journalLength()).isEqualTo(before);
                assertThat(state(o, bulk)).isEqualTo(CaseFileState.REGISTERED);
            }
        }

        @Test
        @DisplayName("only from REGISTERED: a packed file or one received already is refused, naming its state")
        void onlyFromRegistered() {
            try (Office o = office(DirectReceipt.ALL)) {
                Barcode packed = o.register();
                Barcode box = o.openBox();
                o.lift.execute(o.clerk, new io.github.aktenlift.logistics.PackCaseFile(packed, box));
                Barcode twice = o.register();
                o.lift.execute(o.scanner, new ReceiveDirect(twice));
                long before = o.journalLength();

                assertThatThrownBy(() -> o.lift.execute(o.scanner, new ReceiveDirect(packed)))
                        .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                            assertThat(e.currentState()).isEqualTo("PACKED");
                            assertThat(e.reason()).as("the state alone forbids it").isEmpty();
                        });
                assertThatThrownBy(() -> o.lift.execute(o.scanner, new ReceiveDirect(twice)))
                        .isInstanceOfSatisfying(IllegalTransitionException.class,
                                e -> assertThat(e.currentState()).isEqualTo("RECEIVED"));
                assertThatThrownBy(() -> o.lift.execute(o.scanner, new ReceiveDirect(o.nextFileBarcode())))
                        .isInstanceOf(UnknownIdentifierException.class);
                assertThat(o.journalLength()).isEqualTo(before);
            }
        }
    }

    @Test
    @DisplayName("where the policy does not allow it, is an IllegalTransitionException naming barcode, states and policy, and changes nothing")
    void refused() {
        try (Office o = office(DirectReceipt.NEVER)) {
            Barcode f = o.register();
            Barcode t = transfer(o);
            long before = o.journalLength();
            Map<CaseFileState, Long> counts = o.lift.tracking().countsPerState();

            for (Barcode b : List.of(f, t)) {
                IllegalTransitionException e = catchThrowableOfType(
                        () -> o.lift.execute(o.scanner, new ReceiveDirect(b)), IllegalTransitionException.class);
                assertThat(e).as("refused for %s", b).isNotNull();
                assertThat(e.kind()).isEqualTo("case file");
                assertThat(e.id()).isEqualTo(b.value());
                assertThat(e.currentState()).isEqualTo("REGISTERED");
                assertThat(e.command()).isEqualTo("ReceiveDirect");
                assertThat(e.getMessage()).contains(b.value()).contains("REGISTERED").contains("RECEIVED")
                        .contains("NEVER").doesNotContain("Surname").doesNotContain("Given");
            }
            assertThat(o.journalLength()).isEqualTo(before);
            assertThat(o.lift.tracking().countsPerState()).isEqualTo(counts);
        }
    }
}
