package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Quality checks and four-eyes review")
class QualityCheckTest {

    private final io.github.aktenlift.testkit.InMemoryNotifier notifier = new io.github.aktenlift.testkit.InMemoryNotifier();
    private final Office o = new Office(new io.github.aktenlift.testkit.InMemoryStorage(), new MutableClock(Office.START),
            Policies.defaults(), notifier);

    @AfterEach
    void close() {
        o.close();
    }

    private Barcode captured(ProtectionLevel level) {
        Barcode f = o.nextFileBarcode();
        o.lift.execute(o.clerk, new RegisterCaseFile(f, FileReference.of("AZ-" + f), Office.subject(1), level));
        Barcode box = o.ship(List.of(f));
        o.receive(box, Set.of(f));
        o.lift.execute(o.scanner, new PrepareCaseFile(f));
        o.lift.execute(o.scanner, new RecordCapture(f, "D1", Office.documents(false)));
        return f;
    }

    private CaseFileState state(Barcode f) {
        return o.lift.tracking().whereIs(f).orElseThrow().state();
    }

    @Test
    @DisplayName("normal protection: one reviewer's pass verifies the file")
    void oneReviewer() {
        Barcode f = captured(ProtectionLevel.NORMAL);
        List<JournalEvent> e = o.lift.execute(o.scanner, new PassQualityCheck(f, "qa-1"));
        assertThat(e).extracting(JournalEvent::kind).containsExactly(EventKind.QA_PASSED);
        assertThat(state(f)).isEqualTo(CaseFileState.VERIFIED);
    }

    @Test
    @DisplayName("high protection: the first pass is recorded, the same reviewer again is refused, a second reviewer verifies")
    void fourEyes() {
        Barcode f = captured(ProtectionLevel.HIGH);
        assertThat(o.lift.execute(o.scanner, new PassQualityCheck(f, "qa-1"))).extracting(JournalEvent::kind)
                .containsExactly(EventKind.QA_REVIEWED);
        assertThat(state(f)).isEqualTo(CaseFileState.CAPTURED);
        long before = o.journalLength();
        assertThatThrownBy(() -> o.lift.execute(o.scanner, new PassQualityCheck(f, "qa-1")))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        ex -> assertThat(ex.reasons()).containsExactly("SAME_REVIEWER:qa-1"));
        assertThat(o.journalLength()).isEqualTo(before);
        List<JournalEvent> e = o.lift.execute(o.scanner, new PassQualityCheck(f, "qa-7"));
        assertThat(e.get(0).kind()).isEqualTo(EventKind.QA_PASSED);
        assertThat(e.get(0).get("reviewers")).isEqualTo("qa-1,qa-7");
        assertThat(state(f)).isEqualTo(CaseFileState.VERIFIED);
    }

    @Test
    @DisplayName("a failed check after one review, and the rescan after it, start the review over")
    void failureResetsReviews() {
        Barcode f = captured(ProtectionLevel.VERY_HIGH);
        o.lift.execute(o.scanner, new PassQualityCheck(f, "qa-1"));
        o.lift.execute(o.scanner, new FailQualityCheck(f, List.of("UNREADABLE:doc-2")));
        assertThat(state(f)).isEqualTo(CaseFileState.QA_FAILED);
        assertThat(notifier.delivered()).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(io.github.aktenlift.spi.notification.NotificationType.QA_FAILED);
            assertThat(n.recipient().value()).isEqualTo("scan-service");
            assertThat(n.details()).containsEntry("barcode", f.value()).containsEntry("reasons", "UNREADABLE:doc-2");
        });
        o.lift.execute(o.scanner, new RecordCapture(f, "D2", Office.documents(false)));
        assertThat(o.lift.execute(o.scanner, new PassQualityCheck(f, "qa-1"))).extracting(JournalEvent::kind)
                .containsExactly(EventKind.QA_REVIEWED);
        o.lift.execute(o.scanner, new PassQualityCheck(f, "qa-2"));
        assertThat(state(f)).isEqualTo(CaseFileState.VERIFIED);
    }

    @Test
    @DisplayName("reviews survive a restart: the projection is rebuilt from the journal")
    void replay() {
        Barcode f = captured(ProtectionLevel.HIGH);
        o.lift.execute(o.scanner, new PassQualityCheck(f, "qa-1"));
        try (Aktenlift again = o.reopen()) {
            assertThatThrownBy(() -> again.execute(o.scanner, new PassQualityCheck(f, "qa-1")))
                    .isInstanceOf(PreconditionFailedException.class);
            again.execute(o.scanner, new PassQualityCheck(f, "qa-3"));
            assertThat(again.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.VERIFIED);
        }
    }
}
