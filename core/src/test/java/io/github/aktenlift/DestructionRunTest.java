package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.pdfa.PdfAssertions;
import io.github.aktenlift.retention.DestructionList;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.ReturnPaper;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The destruction run: the list of files due, its exclusions, and the confirmation that records
 * {@code DESTROYED} only where it is still allowed.
 */
@DisplayName("The destruction run")
class DestructionRunTest {

    private static final Duration PAST_RETENTION = Duration.ofDays(91);

    private final InMemoryNotifier notifier = new InMemoryNotifier();
    private final Office o = new Office(new InMemoryStorage(), new MutableClock(Office.START), Policies.defaults(),
            notifier);
    private Barcode due1;
    private Barcode due2;
    private Barcode held;
    private Barcode originals;
    private Barcode recalled;
    private Barcode young;

    /** Six retained files: two due, three past retention but kept, one still within retention. */
    @BeforeEach
    void office() {
        due1 = o.fileIn(CaseFileState.RETAINED);
        due2 = o.fileIn(CaseFileState.RETAINED);
        held = o.fileIn(CaseFileState.RETAINED);
        o.lift.execute(o.clerk, new PlaceHold(held, HoldReason.LEGAL_HOLD));
        recalled = o.fileIn(CaseFileState.RETAINED);
        o.originalsToReturn = true;
        originals = o.fileIn(CaseFileState.RETAINED);
        o.originalsToReturn = false;
        o.clock.advance(PAST_RETENTION);
        // a recall keeps it only while open: requested after the retention elapsed, it is still open
        o.lift.execute(o.clerk, new RequestRecall(recalled, RecallMode.PAPER_BACK));
        young = o.fileIn(CaseFileState.RETAINED);
    }

    @AfterEach
    void close() {
        o.close();
    }

    private DestructionList prepare() {
        return o.lift.destruction().prepare(o.clerk);
    }

    private CaseFileState stateOf(Barcode b) {
        return o.lift.tracking().whereIs(b).orElseThrow().state();
    }

    @Nested
    @DisplayName("drawing up a list")
    class Listing {

        @Test
        @DisplayName("lists the retained files past retention, excludes those with a hold, an original to return or an open recall, with the reason, and counts those not yet due")
        void listsAndExcludes() {
            DestructionList list = prepare();

            assertThat(list.entries()).extracting(DestructionList.Entry::barcode).containsExactly(due1, due2);
            assertThat(list.entries().get(0).reference()).isEqualTo(FileReference.of("AZ-" + due1.value()));
            assertThat(list.entries().get(0).retainedUntil())
                    .isEqualTo(Office.START.plus(o.lift.policies().retention().retention()));
            assertThat(list.excluded()).extracting(DestructionList.Exclusion::barcode, DestructionList.Exclusion::reasons)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(held, List.of("HOLD:LEGAL_HOLD")),
                            org.assertj.core.groups.Tuple.tuple(originals, List.of("ORIGINAL_NOT_RETURNED:doc-2")),
                            org.assertj.core.groups.Tuple.tuple(recalled, List.of("RECALL_OPEN:PAPER_BACK")));
            assertThat(list.notYetDue()).isEqualTo(1);
            assertThat(list.isConfirmed()).isFalse();
            assertThat(list.createdBy()).isEqualTo(o.clerk.id());
            // listing changes no file
            for (Barcode b : List.of(due1, due2, held, originals, recalled, young)) {
                assertThat(stateOf(b)).isEqualTo(CaseFileState.RETAINED);
            }
        }

        @Test
        @DisplayName("is recorded in the journal under its id, so another instance on the same storage reads it back")
        void recorded() {
            long before = o.journalLength();
            DestructionList list = prepare();
            assertThat(o.journalLength()).isEqualTo(before + 1);
            try (Aktenlift again = o.reopen()) {
                assertThat(again.destruction().list(list.id())).contains(list);
            }
            assertThat(o.lift.tracking().verify().isIntact()).isTrue();
        }

        @Test
        @DisplayName("with nothing due is still recorded, lists no file, and cannot be confirmed")
        void nothingDue() {
            DestructionList first = prepare();
            o.lift.destruction().confirm(o.clerk, first.id(), "VN-2026-001");
            DestructionList empty = prepare();
            assertThat(empty.entries()).isEmpty();
            assertThat(empty.excluded()).hasSize(3);
            long before = o.journalLength();
            PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class,
                    () -> o.lift.destruction().confirm(o.clerk, empty.id(), "VN-2026-002"));
            assertThat(e.reasons()).containsExactly("LIST_EMPTY");
            assertThat(e.id()).isEqualTo(empty.id());
            assertThat(o.journalLength()).isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("confirming a list")
    class Confirming {

        @Test
        @DisplayName("records DESTROYED with certificate and list id for every listed file, and the confirmation, in one append")
        void destroys() {
            DestructionList list = prepare();
            long before = o.journalLength();
            o.clock.advance(Duration.ofDays(3));

            DestructionList confirmed = o.lift.destruction().confirm(o.clerk, list.id(), "VN-2026/117");

            assertThat(o.journalLength()).isEqualTo(before + 3);
            DestructionList.Confirmation c = confirmed.confirmation().orElseThrow();
            assertThat(c.certificateNumber()).isEqualTo("VN-2026/117");
            assertThat(c.confirmedAt()).isEqualTo(o.clock.instant());
            assertThat(c.destroyed()).containsExactly(due1, due2);
            assertThat(c.skipped()).isEmpty();
            for (Barcode b : List.of(due1, due2)) {
                assertThat(stateOf(b)).isEqualTo(CaseFileState.DESTROYED);
                JournalEvent destroyed = last(b);
                assertThat(destroyed.kind()).isEqualTo(EventKind.DESTROYED);
                assertThat(destroyed.payload()).containsEntry("certificate", "VN-2026/117").containsEntry("list", list.id());
            }
            for (Barcode b : List.of(held, originals, recalled, young)) {
                assertThat(stateOf(b)).isEqualTo(CaseFileState.RETAINED);
            }
            assertThat(o.lift.tracking().dueForDestruction()).isEmpty();
            assertThat(o.lift.tracking().verify().isIntact()).isTrue();
        }

        @Test
        @DisplayName("skips and reports a file a hold was placed on after listing, and one returned in between: never destroyed")
        void ineligibleSinceListing() {
            DestructionList list = prepare();
            o.lift.execute(o.clerk, new PlaceHold(due1, HoldReason.OPEN_OBJECTION));
            o.lift.execute(o.clerk, new ReturnPaper(due2, "Stadt Musterstadt"));

            DestructionList confirmed = o.lift.destruction().confirm(o.clerk, list.id(), "VN-1");

            DestructionList.Confirmation c = confirmed.confirmation().orElseThrow();
            assertThat(c.destroyed()).isEmpty();
            assertThat(c.skipped()).extracting(DestructionList.Exclusion::barcode, DestructionList.Exclusion::reasons)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(due1, List.of("HOLD:OPEN_OBJECTION")),
                            org.assertj.core.groups.Tuple.tuple(due2, List.of("STATE:RETURNED")));
            assertThat(stateOf(due1)).isEqualTo(CaseFileState.RETAINED);
            assertThat(stateOf(due2)).isEqualTo(CaseFileState.RETURNED);
            assertThat(o.lift.tracking().history(due1)).extracting(JournalEvent::kind).doesNotContain(EventKind.DESTROYED);
        }

        @Test
        @DisplayName("twice with the same certificate is idempotent: the same result, no further event")
        void twice() {
            DestructionList list = prepare();
            DestructionList first = o.lift.destruction().confirm(o.clerk, list.id(), "VN-7");
            long after = o.journalLength();
            o.clock.advance(Duration.ofHours(2));

            DestructionList second = o.lift.destruction().confirm(o.clerk, list.id(), "VN-7");

            assertThat(second).isEqualTo(first);
            assertThat(o.journalLength()).isEqualTo(after);
            assertThat(o.lift.tracking().history(due1)).filteredOn(e -> e.kind() == EventKind.DESTROYED).hasSize(1);
            try (Aktenlift again = o.reopen()) {
                assertThat(again.destruction().confirm(o.clerk, list.id(), "VN-7")).isEqualTo(first);
            }
            assertThat(o.journalLength()).isEqualTo(after);
        }

        @Test
        @DisplayName("with another certificate after confirmation is refused, naming the list, and changes nothing")
        void otherCertificate() {
            DestructionList list = prepare();
            o.lift.destruction().confirm(o.clerk, list.id(), "VN-7");
            long after = o.journalLength();

            PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class,
                    () -> o.lift.destruction().confirm(o.clerk, list.id(), "VN-8"));

            assertThat(e.kind()).isEqualTo("destruction list");
            assertThat(e.id()).isEqualTo(list.id());
            assertThat(e.reasons()).containsExactly("ALREADY_CONFIRMED:VN-7");
            assertThat(o.journalLength()).isEqualTo(after);
        }

        @Test
        @DisplayName("of an unknown list id raises UnknownIdentifierException and changes nothing")
        void unknownList() {
            prepare();
            long before = o.journalLength();
            UnknownIdentifierException e = catchThrowableOfType(UnknownIdentifierException.class,
                    () -> o.lift.destruction().confirm(o.clerk, "no-such-list", "VN-1"));
            assertThat(e.kind()).isEqualTo("destruction list");
            assertThat(e.id()).isEqualTo("no-such-list");
            assertThat(o.journalLength()).isEqualTo(before);
            assertThat(o.lift.destruction().list("no-such-list")).isEmpty();
            assertThat(stateOf(due1)).isEqualTo(CaseFileState.RETAINED);
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "VN 1", "VN;1", "Zertifikat-Müller",
                "12345678901234567890123456789012345678901234567890123456789012345"})
        @DisplayName("with a malformed certificate number raises InvalidValueException naming the field and changes nothing")
        void badCertificate(String certificate) {
            DestructionList list = prepare();
            long before = o.journalLength();
            InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
                    () -> o.lift.destruction().confirm(o.clerk, list.id(), certificate));
            assertThat(e.field()).isEqualTo("certificateNumber");
            if (certificate != null && !certificate.isEmpty()) {
                assertThat(e.getMessage()).doesNotContain(certificate);
            }
            assertThat(o.journalLength()).isEqualTo(before);
            assertThat(o.lift.destruction().list(list.id()).orElseThrow().isConfirmed()).isFalse();
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "list/1", "Müller"})
        @DisplayName("with a malformed list id raises InvalidValueException naming the field")
        void badListId(String id) {
            long before = o.journalLength();
            assertThatThrownBy(() -> o.lift.destruction().confirm(o.clerk, id, "VN-1"))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("listId"));
            assertThatThrownBy(() -> o.lift.destruction().list(id)).isInstanceOf(InvalidValueException.class);
            assertThat(o.journalLength()).isEqualTo(before);
        }

        @Test
        @DisplayName("without an actor raises InvalidValueException")
        void noActor() {
            DestructionList list = prepare();
            assertThatThrownBy(() -> o.lift.destruction().confirm(null, list.id(), "VN-1"))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("actor"));
            assertThatThrownBy(() -> o.lift.destruction().prepare(null)).isInstanceOf(InvalidValueException.class);
        }
    }

    @Nested
    @DisplayName("renderings")
    class Renderings {

        @Test
        @DisplayName("CSV: a header, one row per listed and excluded file, with status and reasons")
        void csv() throws IOException {
            DestructionList list = prepare();
            o.lift.execute(o.clerk, new PlaceHold(due2, HoldReason.AUDIT));
            DestructionList confirmed = o.lift.destruction().confirm(o.clerk, list.id(), "VN-9");
            StringWriter out = new StringWriter();
            confirmed.writeCsv(out);

            Instant until = Office.START.plus(o.lift.policies().retention().retention());
            assertThat(out.toString().split("\r\n")).containsExactly(
                    "list_id,status,barcode,file_reference,protection_level,retained_until,location,reasons",
                    list.id() + ",DESTROYED," + due1 + ",AZ-" + due1 + ",NORMAL," + until + ",office,",
                    list.id() + ",SKIPPED," + due2 + ",AZ-" + due2 + ",NORMAL," + until + ",office,HOLD:AUDIT",
                    list.id() + ",EXCLUDED," + held + ",AZ-" + held + ",,,,HOLD:LEGAL_HOLD",
                    list.id() + ",EXCLUDED," + recalled + ",AZ-" + recalled + ",,,,RECALL_OPEN:PAPER_BACK",
                    list.id() + ",EXCLUDED," + originals + ",AZ-" + originals + ",,,,ORIGINAL_NOT_RETURNED:doc-2");
        }

        @Test
        @DisplayName("PDF/A-2b that veraPDF accepts, open and confirmed, naming every file; the same list gives the same bytes")
        void pdf() throws IOException {
            DestructionList list = prepare();
            byte[] open = pdf(list);
            PdfAssertions.assertPdfA2b(open);
            assertThat(pdf(list)).isEqualTo(open);
            DestructionList confirmed = o.lift.destruction().confirm(o.clerk, list.id(), "VN-2026/117");
            byte[] done = pdf(confirmed);
            PdfAssertions.assertPdfA2b(done);
            try (PDDocument doc = Loader.loadPDF(done)) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text).contains(list.id(), "VN-2026/117", due1.value(), due2.value(), held.value(),
                        "HOLD:LEGAL_HOLD", "DESTROYED");
                assertThat(text).as("laid out as a document").contains("Seite 1 von " + doc.getNumberOfPages(),
                        "Aktenzeichen / reference", "Barcode", "aufbewahrt bis", "Aufgestellt von / Drawn up by",
                        "Genehmigt von / Approved by", "Vernichtet von / Destroyed by", "Zeuge / Witness");
            }
        }

        private byte[] pdf(DestructionList list) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            list.writePdf(out);
            return out.toByteArray();
        }
    }

    private JournalEvent last(Barcode b) {
        List<JournalEvent> h = o.lift.tracking().history(b);
        return h.get(h.size() - 1);
    }
}
