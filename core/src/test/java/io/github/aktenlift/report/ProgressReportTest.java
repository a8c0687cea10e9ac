package io.github.aktenlift.report;

import io.github.aktenlift.MutableClock;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.ServeRecall;
import io.github.aktenlift.testkit.InMemoryStorage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Progress report: figures from one pass over the journal")
class ProgressReportTest {

    /** Office.START is Monday 2026-03-02; a plan of 10 weeks and 20 case files, 120 pages. */
    private static final ProgressPlan PLAN = new ProgressPlan(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 5, 10), 20, 120);

    @Test
    @DisplayName("counts captures per week against the plan, rates per scan service, recall service levels, and forecasts the end")
    void figures() throws Exception {
        MutableClock clock = new MutableClock(Office.START);
        try (Office o = new Office(new InMemoryStorage(), clock, Policies.defaults(),
                io.github.aktenlift.spi.notification.Notifier.none())) {
            // week 0: two captures (6 pages each, Office.documents), one of them fails visual QA
            o.fileIn(CaseFileState.CAPTURED);
            o.fileIn(CaseFileState.QA_FAILED);
            clock.advance(Duration.ofDays(7));
            // week 1: three more captures: one verified, one rejected by the procedure, one still captured
            o.fileIn(CaseFileState.VERIFIED);
            o.fileIn(CaseFileState.IMPORT_REJECTED);
            Barcode recalled = o.fileIn(CaseFileState.CAPTURED);
            // a recall served within its 24 hours, and one left open past them
            o.lift.execute(o.clerk, new RequestRecall(recalled, RecallMode.PAPER_BACK));
            clock.advance(Duration.ofHours(3));
            o.lift.execute(o.clerk, new ServeRecall(recalled));
            Barcode waiting = o.fileIn(CaseFileState.REGISTERED);
            o.lift.execute(o.clerk, new RequestRecall(waiting, RecallMode.SCAN_ON_DEMAND));
            clock.advance(Duration.ofDays(2));

            ProgressReport r = o.lift.reports().progress(PLAN);
            assertThat(r.weeks()).hasSize(10);
            assertThat(r.weeks().get(0).filesCaptured()).isEqualTo(2);
            assertThat(r.weeks().get(0).pagesCaptured()).isEqualTo(12);
            assertThat(r.weeks().get(1).filesCaptured()).isEqualTo(3);
            assertThat(r.weeks().get(1).cumulativeFiles()).isEqualTo(5);
            assertThat(r.weeks().get(1).plannedFiles()).isEqualTo(4);
            assertThat(r.weeks().get(9).plannedFiles()).isEqualTo(20);
            assertThat(r.weeks().get(9).plannedPages()).isEqualTo(120);
            assertThat(r.filesCaptured()).isEqualTo(5);
            assertThat(r.pagesCaptured()).isEqualTo(30);

            assertThat(r.scanServices()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("scan-center");
                assertThat(s.captured()).isEqualTo(5);
                assertThat(s.qaPassed()).isEqualTo(2);
                assertThat(s.qaFailed()).isEqualTo(1);
                assertThat(s.qaFailureRate()).isEqualTo(1 / 3.0);
                assertThat(s.importRejected()).isEqualTo(1);
                assertThat(s.importRejectionRate()).isEqualTo(0.2);
            });
            assertThat(r.recalls()).isEqualTo(new ProgressReport.Recalls(1, 1, 1, 1));
            assertThat(r.states()).containsEntry(CaseFileState.QA_FAILED, 1L).containsEntry(CaseFileState.VERIFIED, 1L)
                    .containsEntry(CaseFileState.IMPORT_REJECTED, 1L);

            // 5 files in the last 28 days: 15 remaining at 5/28 a day is 84 days from today
            LocalDate today = LocalDate.of(2026, 3, 11);
            assertThat(r.forecastEnd()).contains(today.plusDays(84));

            StringWriter html = new StringWriter();
            o.lift.reports().writeHtml(r, html);
            assertThat(html.toString()).contains("<svg id=\"burnup-files\"").doesNotContain("<script");
            assertThat(html.toString().split("<circle class=\"point\"", -1)).hasSize(2 * 2 + 1); // two elapsed weeks, two charts
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            o.lift.reports().writePdf(r, pdf);
            io.github.aktenlift.pdfa.PdfAssertions.assertPdfA2b(pdf.toByteArray());
        }
    }

    @Test
    @DisplayName("a plan must end after it starts and name a positive number of case files")
    void planChecked() {
        assertThatThrownBy(() -> new ProgressPlan(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2), 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProgressPlan(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 2), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProgressPlan(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 8), 7, 0).weeks()).isEqualTo(1);
    }
}
