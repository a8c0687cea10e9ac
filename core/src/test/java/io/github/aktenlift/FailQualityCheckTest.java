package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A failed quality check")
class FailQualityCheckTest {

    @Test
    @DisplayName("accepts reason codes that name a document by its id, as documented (UNREADABLE:doc-2)")
    void reasonNamingADocument() {
        try (Office o = new Office()) {
            Barcode f = o.fileIn(CaseFileState.CAPTURED);
            List<JournalEvent> events = o.lift.execute(o.scanner,
                    new FailQualityCheck(f, List.of("PAGE_MISSING:17", "UNREADABLE:doc-2")));
            assertThat(events.get(0).get("reasons")).isEqualTo("PAGE_MISSING:17,UNREADABLE:doc-2");
            assertThat(o.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.QA_FAILED);
        }
    }

    @Test
    @DisplayName("still rejects a reason code with a space or a comma")
    void reasonWithSeparator() {
        try (Office o = new Office()) {
            Barcode f = o.fileIn(CaseFileState.CAPTURED);
            assertThatThrownBy(() -> o.lift.execute(o.scanner, new FailQualityCheck(f, List.of("PAGE MISSING"))))
                    .isInstanceOf(InvalidCommandException.class);
            assertThatThrownBy(() -> o.lift.execute(o.scanner, new FailQualityCheck(f, List.of("A,B"))))
                    .isInstanceOf(InvalidCommandException.class);
        }
    }
}
