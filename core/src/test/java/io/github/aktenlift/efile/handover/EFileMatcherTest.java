package io.github.aktenlift.efile.handover;

import io.github.aktenlift.efile.handover.EFileMatcher.Evidence;
import io.github.aktenlift.efile.handover.EFileMatcher.Held;
import io.github.aktenlift.efile.handover.EFileMatcher.None;
import io.github.aktenlift.efile.handover.EFileMatcher.Result;
import io.github.aktenlift.efile.handover.EFileMatcher.Unique;
import io.github.aktenlift.lifecycle.MatchedBy;
import io.github.aktenlift.efile.MatchReason;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Deciding a transfer's e-file from the evidence")
class EFileMatcherTest {

    private static Result decide(List<String> azr, List<String> reference, List<String> subject, Set<String> local,
            Set<String> holdingOthers) {
        return EFileMatcher.decide(new Evidence(azr, reference, subject, local, holdingOthers::contains));
    }

    private static Result decide(List<String> azr, List<String> reference, List<String> subject) {
        return decide(azr, reference, subject, Set.of(), Set.of());
    }

    private static void assertHeld(Result r, List<MatchReason> reasons, String... candidates) {
        assertThat(r).isInstanceOfSatisfying(Held.class, h -> {
            assertThat(h.reasons()).containsExactlyElementsOf(reasons);
            assertThat(h.candidates()).containsExactly(candidates);
        });
    }

    @Test
    @DisplayName("no evidence anywhere: a new e-file")
    void none() {
        assertThat(decide(List.of(), List.of(), List.of())).isInstanceOf(None.class);
    }

    @Test
    @DisplayName("the strongest criterion that finds one e-file names it, whichever criterion that is")
    void unique() {
        assertThat(decide(List.of("A"), List.of(), List.of())).isEqualTo(new Unique("A", MatchedBy.AZR_NUMBER));
        assertThat(decide(List.of(), List.of("R"), List.of())).isEqualTo(new Unique("R", MatchedBy.FILE_REFERENCE));
        assertThat(decide(List.of(), List.of(), List.of("S"))).isEqualTo(new Unique("S", MatchedBy.SUBJECT));
        assertThat(decide(List.of("A"), List.of("A"), List.of("A"), Set.of("A"), Set.of()))
                .isEqualTo(new Unique("A", MatchedBy.AZR_NUMBER));
    }

    @Test
    @DisplayName("a weaker criterion that finds namesakes besides the named e-file does not contradict it")
    void namesakesAgree() {
        assertThat(decide(List.of("A"), List.of(), List.of("A", "B"))).isEqualTo(new Unique("A", MatchedBy.AZR_NUMBER));
        assertThat(decide(List.of(), List.of("R"), List.of("S", "R"))).isEqualTo(new Unique("R", MatchedBy.FILE_REFERENCE));
    }

    @Test
    @DisplayName("one e-file listed twice by a criterion is one e-file")
    void duplicatesCollapse() {
        assertThat(decide(List.of("A", "A"), List.of(), List.of("A", "A"))).isEqualTo(new Unique("A", MatchedBy.AZR_NUMBER));
    }

    @Test
    @DisplayName("several e-files for the strongest criterion are ambiguous")
    void ambiguous() {
        assertHeld(decide(List.of("B", "A"), List.of(), List.of("C")), List.of(MatchReason.AMBIGUOUS_AZR_NUMBER), "A", "B", "C");
        assertHeld(decide(List.of(), List.of(), List.of("S2", "S1")), List.of(MatchReason.AMBIGUOUS_SUBJECT), "S1", "S2");
    }

    @Test
    @DisplayName("criteria pointing at different e-files conflict, each pair named")
    void conflicts() {
        assertHeld(decide(List.of("A"), List.of("R"), List.of()), List.of(MatchReason.AZR_NUMBER_VS_REFERENCE), "A", "R");
        assertHeld(decide(List.of("A"), List.of(), List.of("B")), List.of(MatchReason.AZR_NUMBER_VS_SUBJECT), "A", "B");
        assertHeld(decide(List.of("A"), List.of("R"), List.of("S")),
                List.of(MatchReason.AZR_NUMBER_VS_REFERENCE, MatchReason.AZR_NUMBER_VS_SUBJECT), "A", "R", "S");
        assertHeld(decide(List.of(), List.of("R"), List.of("S")), List.of(MatchReason.REFERENCE_VS_SUBJECT), "R", "S");
    }

    @Test
    @DisplayName("Aktenlift's own record cross-checks: this person's earlier imports elsewhere, or another person's here, hold the file")
    void localCrossCheck() {
        assertHeld(decide(List.of(), List.of(), List.of("S"), Set.of("E1"), Set.of()),
                List.of(MatchReason.LOCAL_RECORD_DIFFERS), "E1", "S");
        assertHeld(decide(List.of(), List.of(), List.of(), Set.of("E1"), Set.of()),
                List.of(MatchReason.LOCAL_RECORD_DIFFERS), "E1");
        assertHeld(decide(List.of("A"), List.of(), List.of(), Set.of(), Set.of("A")),
                List.of(MatchReason.EFILE_HOLDS_OTHER_PERSON), "A");
        assertThat(decide(List.of(), List.of(), List.of("S"), Set.of("S"), Set.of("X")))
                .isEqualTo(new Unique("S", MatchedBy.SUBJECT));
    }

    @Test
    @DisplayName("a criterion the procedure could not be asked turns every answer into a held decision, never into a new e-file")
    void unaskedCriterionHolds() {
        Set<MatchedBy> noAzr = Set.of(MatchedBy.AZR_NUMBER);
        assertHeld(EFileMatcher.decide(new Evidence(List.of(), List.of(), List.of(), Set.of(), x -> false, noAzr)),
                List.of(MatchReason.PROCEDURE_CANNOT_LOOK_UP));
        assertHeld(EFileMatcher.decide(new Evidence(List.of(), List.of("R"), List.of("R"), Set.of(), x -> false, noAzr)),
                List.of(MatchReason.PROCEDURE_CANNOT_LOOK_UP), "R");
        assertHeld(EFileMatcher.decide(new Evidence(List.of(), List.of("R"), List.of("S"), Set.of("L"), x -> false, noAzr)),
                List.of(MatchReason.PROCEDURE_CANNOT_LOOK_UP, MatchReason.REFERENCE_VS_SUBJECT,
                        MatchReason.LOCAL_RECORD_DIFFERS), "L", "R", "S");
        assertHeld(EFileMatcher.decide(new Evidence(List.of(), List.of(), List.of(), Set.of("L"), x -> false,
                Set.of(MatchedBy.FILE_REFERENCE, MatchedBy.SUBJECT))), List.of(MatchReason.PROCEDURE_CANNOT_LOOK_UP), "L");
    }
}
