package io.github.aktenlift;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.DeepVerificationReport;
import io.github.aktenlift.tracking.EvidenceProblem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Deep verification reports what the content store's listing finds foreign or damaged. */
@DisplayName("Deep verification over a content store with a foreign and a damaged object")
class ContentListingProblemsTest {

    @Test
    @DisplayName("reports both as unreadable, once each, beside an intact journal; a clean store reports nothing")
    void reportsListingProblems() {
        InMemoryStorage storage = new InMemoryStorage();
        try (Aktenlift lift = Aktenlift.builder().storage(storage).clock(new MutableClock(Office.START)).build()) {
            Key sound = Key.of("renditions/F0000001/doc-1.pdf");
            storage.content().put(sound, new ByteArrayInputStream("sound".getBytes(StandardCharsets.UTF_8)));
            assertThat(lift.tracking().verifyDeep().isIntact()).as("a store without problems").isTrue();

            Key damaged = Key.of("renditions/F0000001/doc-2.pdf");
            storage.content().put(damaged, new ByteArrayInputStream("damaged".getBytes(StandardCharsets.UTF_8)));
            storage.tamper().damageContentRecord(damaged);
            storage.tamper().plantForeignContent(Key.of("stray/upload.bin"), new byte[] {1, 2, 3});

            DeepVerificationReport report = lift.tracking().verifyDeep();
            assertThat(report.journal().isIntact()).isTrue();
            assertThat(report.isIntact()).isFalse();
            assertThat(report.problemsFound()).isEqualTo(2);
            assertThat(report.problems()).extracting(EvidenceProblem::object, EvidenceProblem::kind)
                    .containsExactlyInAnyOrder(tuple(damaged.value(), EvidenceProblem.Kind.UNREADABLE),
                            tuple("stray/upload.bin", EvidenceProblem.Kind.UNREADABLE));
            assertThat(report.problems()).filteredOn(p -> p.object().startsWith("stray/"))
                    .singleElement().satisfies(p -> assertThat(p.detail()).contains("foreign"));
        }
    }
}
