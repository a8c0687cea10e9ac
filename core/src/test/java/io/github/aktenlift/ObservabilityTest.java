package io.github.aktenlift;

import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.metrics.AktenliftMetrics;
import io.github.aktenlift.metrics.Health;
import io.github.aktenlift.metrics.LogContext;
import io.github.aktenlift.pdfa.PdfAssertions;
import io.github.aktenlift.spi.storage.Key;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Observability: metrics, MDC and health")
class ObservabilityTest {

    @TempDir
    Path tmp;

    private ImportDesk d;

    @BeforeEach
    void open() {
        d = new ImportDesk(tmp);
    }

    @AfterEach
    void close() {
        d.close();
        MDC.clear();
    }

    private static double counter(MeterRegistry r, String name, String... tags) {
        return r.get(name).tags(tags).functionCounter().count();
    }

    private static double gauge(MeterRegistry r, String name, String... tags) {
        return r.get(name).tags(tags).gauge().value();
    }

    private static double timerCount(MeterRegistry r, String name, String... tags) {
        return r.get(name).tags(tags).functionTimer().count();
    }

    private static double timerNanos(MeterRegistry r, String name, String... tags) {
        return r.get(name).tags(tags).functionTimer().totalTime(TimeUnit.NANOSECONDS);
    }

    /** Every PDF the capture stored, judged by veraPDF. */
    private void assertPdfA(IngestReport report) throws IOException {
        for (CaseFileOutcome.Captured c : report.captured()) {
            for (CaseFileOutcome.StoredRendition r : c.renditions()) {
                PdfAssertions.assertPdfA2b(read(r.key()));
            }
            PdfAssertions.assertPdfA2b(read(c.protocolPdf()));
        }
    }

    private byte[] read(Key key) throws IOException {
        try (InputStream in = d.storage.content().get(key)) {
            return in.readAllBytes();
        }
    }

    /** A delivery of an unregistered barcode is rejected; its QA_FAILED notification fails and is queued. */
    private void rejectWhileNotifierFails() {
        Barcode unknown = d.lift.inventory().issueCaseFileBarcodes(d.clerk, 1).get(0);
        d.notifier.failNext(1);
        IngestReport r = d.lift.capture().ingest(d.scanner, d.delivery("D-unknown", List.of(unknown)).directory());
        assertThat(r.rejected()).hasSize(1);
    }

    @Nested
    @DisplayName("Micrometer meters on a SimpleMeterRegistry")
    class Meters {

        @Test
        @DisplayName("move during an ingest and an import, by the figures the reports give")
        void moveDuringIngestAndImport() throws IOException {
            MeterRegistry registry = new SimpleMeterRegistry();
            new AktenliftMetrics(d.lift, Tags.of("office", "test")).bindTo(registry);
            Barcode a = d.bulk();
            Barcode b = d.bulk();
            Barcode unknown = d.lift.inventory().issueCaseFileBarcodes(d.clerk, 1).get(0);
            d.prepare(List.of(a, b));

            assertThat(counter(registry, "aktenlift.capture.pages", "office", "test")).isZero();
            assertThat(timerCount(registry, "aktenlift.capture.ingest")).isZero();
            assertThat(counter(registry, "aktenlift.capture.rejected", "problem", "unknown_barcode")).isZero();
            assertThat(gauge(registry, "aktenlift.import.pending", "stage", "ready")).isZero();
            double events = gauge(registry, "aktenlift.journal.events");
            double bytes = gauge(registry, "aktenlift.journal.size");
            double appends = timerCount(registry, "aktenlift.journal.append");
            assertThat(events).isEqualTo(d.lift.tracking().verify().eventsChecked());
            assertThat(bytes).isPositive();
            assertThat(appends).isPositive();

            IngestReport report = d.lift.capture().ingest(d.scanner, d.delivery("D-metrics", List.of(a, b, unknown))
                    .directory());
            assertPdfA(report);

            assertThat(report.captured()).hasSize(2);
            assertThat(report.pages()).isPositive();
            assertThat(counter(registry, "aktenlift.capture.pages")).isEqualTo(report.pages());
            assertThat(counter(registry, "aktenlift.capture.bytes")).isEqualTo(report.bytes());
            assertThat(timerCount(registry, "aktenlift.capture.ingest")).isEqualTo(1);
            assertThat(timerNanos(registry, "aktenlift.capture.ingest")).isPositive()
                    .isLessThanOrEqualTo(report.took().toNanos() * 1.5 + 50_000_000);
            assertThat(counter(registry, "aktenlift.capture.case.files", "outcome", "captured")).isEqualTo(2);
            assertThat(counter(registry, "aktenlift.capture.case.files", "outcome", "rejected")).isEqualTo(1);
            assertThat(counter(registry, "aktenlift.capture.rejected", "problem", "unknown_barcode")).isEqualTo(1);
            assertThat(counter(registry, "aktenlift.capture.rejected", "problem", "wrong_state")).isZero();
            assertThat(gauge(registry, "aktenlift.import.pending", "stage", "ready")).isEqualTo(2);
            double eventsAfterIngest = gauge(registry, "aktenlift.journal.events");
            assertThat(eventsAfterIngest).isGreaterThan(events).isEqualTo(d.lift.tracking().verify().eventsChecked());
            assertThat(gauge(registry, "aktenlift.journal.size")).isGreaterThan(bytes);
            assertThat(timerCount(registry, "aktenlift.journal.append")).isGreaterThan(appends);
            assertThat(timerNanos(registry, "aktenlift.journal.append")).isPositive();

            ImportReport imported = d.lift.imports().importReady(d.importer);

            assertThat(imported.imported()).hasSize(2);
            assertThat(timerCount(registry, "aktenlift.import.attempts", "outcome", "imported")).isEqualTo(2);
            assertThat(timerNanos(registry, "aktenlift.import.attempts", "outcome", "imported")).isPositive();
            assertThat(timerCount(registry, "aktenlift.import.attempts", "outcome", "failed")).isZero();
            assertThat(gauge(registry, "aktenlift.import.pending", "stage", "ready")).isZero();
            assertThat(gauge(registry, "aktenlift.import.pending", "stage", "awaiting_answer")).isZero();
            assertThat(gauge(registry, "aktenlift.journal.events")).isGreaterThan(eventsAfterIngest);
            assertThat(gauge(registry, "aktenlift.notification.undelivered")).isZero();
            assertThat(counter(registry, "aktenlift.storage.errors", "store", "logs", "error", "unavailable")).isZero();
        }

        @Test
        @DisplayName("count a procedure that does not answer as a pending import, and a failing notifier's queue")
        void pendingAndUndelivered() {
            MeterRegistry registry = new SimpleMeterRegistry();
            new AktenliftMetrics(d.lift).bindTo(registry);
            Barcode f = d.verifiedBulk();
            d.procedure.decideManually();

            d.lift.imports().importCaseFile(d.importer, f);

            assertThat(gauge(registry, "aktenlift.import.pending", "stage", "awaiting_answer")).isEqualTo(1);
            assertThat(timerCount(registry, "aktenlift.import.attempts", "outcome", "pending")).isEqualTo(1);

            assertThat(gauge(registry, "aktenlift.notification.undelivered")).isZero();
            rejectWhileNotifierFails();
            assertThat(gauge(registry, "aktenlift.notification.undelivered")).isEqualTo(1)
                    .isEqualTo(d.lift.notifications().undelivered().size());
            assertThat(d.lift.notifications().redeliver()).isZero();
            assertThat(gauge(registry, "aktenlift.notification.undelivered")).isZero();
        }

        @Test
        @DisplayName("count a writer that lost a race as a retry, and a storage that failed as an error")
        void retriesAndErrors() {
            WatchedStorage watched = new WatchedStorage(d.storage);
            Aktenlift other = d.open(watched, d.probe, d.notifier);
            MeterRegistry registry = new SimpleMeterRegistry();
            new AktenliftMetrics(other).bindTo(registry);
            d.bulk(); // the first instance appends; the other's view is now behind

            other.execute(d.clerk, new RegisterCaseFile(other.inventory().issueCaseFileBarcodes(d.clerk, 1).get(0),
                    FileReference.of("AZ-RACE"), Office.subject(99), ProtectionLevel.NORMAL));
            watched.fault = WatchedStorage.Fault.FAIL;
            Health h = other.health();

            assertThat(counter(registry, "aktenlift.storage.retries")).isGreaterThanOrEqualTo(1);
            assertThat(h.status()).isEqualTo(Health.Status.DOWN);
            assertThat(counter(registry, "aktenlift.storage.errors", "store", "logs", "error", "unavailable"))
                    .isEqualTo(1);
            assertThat(counter(registry, "aktenlift.storage.errors", "store", "content", "error", "unavailable"))
                    .isZero();
            other.close();
        }
    }

    @Nested
    @DisplayName("SLF4J's MDC")
    class Mdc {

        @Test
        @DisplayName("names command, case file and delivery at every write, on the capture's threads too, and restores the host's values")
        void namesWhatIsWorkedOn() {
            WatchedStorage watched = new WatchedStorage(d.storage);
            Aktenlift lift = d.open(watched, d.probe, d.notifier);
            Barcode f = lift.inventory().issueCaseFileBarcodes(d.clerk, 1).get(0);
            watched.writes.clear();
            MDC.put(LogContext.COMMAND, "host-operation");
            MDC.put("host.request", "r-17");

            lift.execute(d.clerk, new RegisterCaseFile(f, FileReference.of("AZ-MDC-1"), Office.subject(1),
                    ProtectionLevel.NORMAL));

            assertThat(MDC.get(LogContext.COMMAND)).isEqualTo("host-operation");
            assertThat(MDC.get(LogContext.BARCODE)).isNull();
            assertThat(MDC.get("host.request")).isEqualTo("r-17");
            WatchedStorage.Write register = appendsTo(watched, "journal/events").get(0);
            assertThat(register.mdc()).containsEntry(LogContext.COMMAND, "RegisterCaseFile")
                    .containsEntry(LogContext.BARCODE, f.value()).containsEntry("host.request", "r-17")
                    .doesNotContainKey(LogContext.DELIVERY);
            MDC.clear();

            ImportDesk.prepareWith(lift, d.clerk, List.of(f));
            watched.writes.clear();
            IngestReport report = lift.capture().ingest(d.scanner, ImportDesk.writeDelivery(tmp, "D-MDC", List.of(f)));
            assertThat(report.captured()).hasSize(1);

            assertThat(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap()).isEmpty();
            List<WatchedStorage.Write> renditions = watched.writes.stream()
                    .filter(w -> w.key().startsWith("renditions/")).toList();
            assertThat(renditions).isNotEmpty().allSatisfy(w -> assertThat(w.mdc())
                    .containsEntry(LogContext.COMMAND, "Ingest").containsEntry(LogContext.DELIVERY, "D-MDC")
                    .containsEntry(LogContext.BARCODE, f.value()));
            assertThat(appendsTo(watched, "journal/events")).isNotEmpty().allSatisfy(w -> assertThat(w.mdc())
                    .containsEntry(LogContext.DELIVERY, "D-MDC").containsEntry(LogContext.BARCODE, f.value())
                    .containsKey(LogContext.COMMAND));

            watched.writes.clear();
            assertThat(lift.imports().importCaseFile(d.importer, f)).isInstanceOf(
                    io.github.aktenlift.efile.ImportResult.Imported.class);
            assertThat(appendsTo(watched, "journal/events")).isNotEmpty().allSatisfy(w -> assertThat(w.mdc())
                    .containsEntry(LogContext.BARCODE, f.value()).doesNotContainKey(LogContext.DELIVERY));
            assertThat(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap()).isEmpty();

            // ids only: no value the MDC ever held is part of the subject's personal data
            Set<String> values = new HashSet<>();
            watched.writes.forEach(w -> values.addAll(w.mdc().values()));
            var subject = Office.subject(1);
            assertThat(values).isNotEmpty().noneMatch(v -> v.contains(subject.surname())
                    || v.contains(subject.dateOfBirth().toString()));
            lift.close();
        }

        private List<WatchedStorage.Write> appendsTo(WatchedStorage s, String log) {
            return s.writes.stream().filter(w -> w.call().equals("append") && w.key().equals(log)).toList();
        }
    }

    @Nested
    @DisplayName("health")
    class HealthSummary {

        @Test
        @DisplayName("is UP on a fresh instance, says when the journal was verified at open, and writes nothing")
        void upAndReadOnly() {
            d.bulk();
            WatchedStorage watched = new WatchedStorage(d.storage);
            Aktenlift lift = d.open(watched, d.probe, d.notifier);
            long events = lift.tracking().verify().eventsChecked();
            int writes = watched.writeCount.get();

            Health h = lift.health();

            assertThat(watched.writeCount.get()).as("writes during health()").isEqualTo(writes);
            assertThat(h.status()).isEqualTo(Health.Status.UP);
            assertThat(h.reasons()).isEmpty();
            assertThat(h.storageReachable()).isTrue();
            assertThat(h.journalVerifiedAt()).isEqualTo(Office.START);
            assertThat(h.journalEventsVerified()).isEqualTo(events).isPositive();
            assertThat(h.journalEvents()).isEqualTo(events);
            assertThat(h.undeliveredNotifications()).isZero();
            lift.close();
        }

        @Test
        @DisplayName("counts pending imports and undelivered notifications, and is DEGRADED while notifications wait")
        void degraded() {
            Barcode f = d.verifiedBulk();
            d.verifiedBulk();
            d.procedure.decideManually();
            d.lift.imports().importCaseFile(d.importer, f);
            rejectWhileNotifierFails();

            Health h = d.lift.health();

            assertThat(h.importsAwaitingAnswer()).isEqualTo(1);
            assertThat(h.importsReady()).isEqualTo(1);
            assertThat(h.undeliveredNotifications()).isEqualTo(d.lift.notifications().undelivered().size()).isPositive();
            assertThat(h.status()).isEqualTo(Health.Status.DEGRADED);
            assertThat(h.reasons()).singleElement().asString().contains("undelivered");
        }

        @Test
        @DisplayName("is DOWN, with the reason, when the storage fails to answer")
        void downWhenStorageFails() {
            WatchedStorage watched = new WatchedStorage(d.storage);
            Aktenlift lift = d.open(watched, d.probe, d.notifier);
            watched.fault = WatchedStorage.Fault.FAIL;

            Health h = lift.health();

            assertThat(h.status()).isEqualTo(Health.Status.DOWN);
            assertThat(h.storageReachable()).isFalse();
            assertThat(h.reasons()).singleElement().asString().contains("UnavailableException")
                    .contains("does not answer");
            lift.close();
        }

        @Test
        @DisplayName("is DOWN within its timeout when the storage hangs")
        void downWhenStorageHangs() {
            WatchedStorage watched = new WatchedStorage(d.storage);
            Aktenlift lift = d.open(watched, d.probe, d.notifier);
            watched.fault = WatchedStorage.Fault.HANG;
            try {
                long t0 = System.nanoTime();
                Health h = lift.health(Duration.ofMillis(200));
                long took = System.nanoTime() - t0;

                assertThat(h.status()).isEqualTo(Health.Status.DOWN);
                assertThat(h.reasons()).singleElement().asString().contains("did not answer within 200 ms");
                assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(5));
            } finally {
                watched.release.countDown();
                lift.close();
            }
        }
    }
}
