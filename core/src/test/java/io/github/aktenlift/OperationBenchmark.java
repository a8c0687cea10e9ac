package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.logistics.PickupProposal;
import io.github.aktenlift.pdfa.PdfAssertions;
import io.github.aktenlift.retention.DestructionList;
import io.github.aktenlift.tracking.WorkItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times the queries and runs of ongoing operation at the bulk project's size, in memory: 20,000
 * files waiting for pickup (the planner's worst case), 2,000 retained files due for destruction.
 * Prints figures; asserts only correctness. Left out of the default run (tag {@code benchmark});
 * run with
 *
 * <pre>
 * mvn -B -o -pl core -am test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=OperationBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Lines starting with {@code BENCH} are meant for grep; each figure is the median of five calls
 * after one warm-up.
 */
@Tag("benchmark")
@DisplayName("Operation benchmark: planner, work lists, raiseDue and a destruction run at 22,000 case files")
class OperationBenchmark {

    private static final int WAITING = 20_000;
    private static final int RETAINED = 2_000;

    @Test
    @DisplayName("prints the time of propose(), workList(), raiseDue(), and of drawing up, rendering and confirming a 2,000-file list")
    void operation() {
        try (Office o = new Office()) {
            long t0 = System.nanoTime();
            List<Barcode> retained = new java.util.ArrayList<>(RETAINED);
            for (int i = 0; i < RETAINED; i++) {
                retained.add(o.fileIn(CaseFileState.RETAINED));
            }
            o.clock.advance(Duration.ofDays(91));
            List<Barcode> waiting = o.registerMany(WAITING);
            for (int i = 0; i < 50; i++) {
                o.lift.execute(o.clerk, new RequestRecall(waiting.get(i * 400), RecallMode.SCAN_ON_DEMAND));
            }
            System.out.printf("BENCH setup: %d events in %.1f s%n", o.journalLength(), (System.nanoTime() - t0) / 1e9);

            PickupProposal p = o.lift.pickupPlanner().propose();
            assertThat(p).isInstanceOfSatisfying(PickupProposal.Due.class, d -> {
                assertThat(d.waiting()).hasSize(WAITING);
                assertThat(d.boxes()).hasSize(WAITING / 25);
                assertThat(d.waiting().subList(0, 50)).allSatisfy(w -> assertThat(w.recall()).isPresent());
            });
            median("pickupPlanner().propose() over " + WAITING + " waiting files", () -> o.lift.pickupPlanner().propose()
                    .waiting().size());
            median("tracking().workList(REGISTERED)", () -> o.lift.tracking().workList(CaseFileState.REGISTERED).size());
            median("tracking().workList(RETAINED)", () -> o.lift.tracking().workList(CaseFileState.RETAINED).stream()
                    .map(WorkItem::barcode).count());
            median("notifications().raiseDue() (fresh instance state each time: ids already raised are kept)",
                    () -> o.lift.notifications().raiseDue().size());

            long t1 = System.nanoTime();
            DestructionList list = o.lift.destruction().prepare(o.clerk);
            System.out.printf("BENCH destruction().prepare() of %d files: %.1f ms%n", list.entries().size(),
                    (System.nanoTime() - t1) / 1e6);
            assertThat(list.entries()).hasSize(RETAINED);
            median("destruction().list(id)", () -> o.lift.destruction().list(list.id()).orElseThrow().entries().size());
            median("DestructionList.writeCsv", () -> {
                StringWriter w = new StringWriter();
                try {
                    list.writeCsv(w);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return w.getBuffer().length();
            });
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            median("DestructionList.writePdf", () -> {
                pdf.reset();
                try {
                    list.writePdf(pdf);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return pdf.size();
            });
            PdfAssertions.assertPdfA2b(pdf.toByteArray());
            System.out.printf("BENCH destruction list PDF: %d KiB%n", pdf.size() >> 10);
            long t2 = System.nanoTime();
            DestructionList done = o.lift.destruction().confirm(o.clerk, list.id(), "VN-BENCH-1");
            System.out.printf("BENCH destruction().confirm() of %d files (one append): %.1f ms%n",
                    done.confirmation().orElseThrow().destroyed().size(), (System.nanoTime() - t2) / 1e6);
            assertThat(o.lift.tracking().countsPerState().get(CaseFileState.DESTROYED)).isEqualTo(RETAINED);
            assertThat(o.lift.tracking().verify().isIntact()).isTrue();
        }
    }

    private static void median(String what, LongSupplier call) {
        long n = call.getAsLong();
        long[] nanos = new long[5];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            n = call.getAsLong();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("BENCH %s: %.2f ms median (%d)%n", what, nanos[2] / 1e6, n);
    }
}
