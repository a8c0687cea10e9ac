package io.github.aktenlift;

import io.github.aktenlift.casefile.CaseFileState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void everyStateIsReachable() {
        try (Office o = new Office()) {
            var files = o.oneFileInEachState();
            files.forEach((s, b) -> assertThat(o.lift.tracking().whereIs(b).orElseThrow().state()).as(b.value()).isEqualTo(s));
            assertThat(o.lift.tracking().verify().isIntact()).isTrue();
            try (Aktenlift again = o.reopen()) {
                assertThat(again.tracking().countsPerState()).isEqualTo(o.lift.tracking().countsPerState());
                assertThat(again.tracking().countsPerState().get(CaseFileState.DESTROYED)).isEqualTo(1L);
            }
        }
    }
}
