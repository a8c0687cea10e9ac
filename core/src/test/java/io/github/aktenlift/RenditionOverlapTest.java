package io.github.aktenlift;

import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanFault;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A case file's renditions are rendered and stored two at a time: while one is written and made
 * durable, the next one renders. What a failure leaves must not depend on that: every rendition
 * the capture created is removed again, including one whose store ends after the failure was seen.
 */
@DisplayName("Renditions of a case file stored two at a time")
class RenditionOverlapTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final Actor CLERK = Actor.of("clerk-1", "office");
    private static final Actor SCANNER = Actor.of("scan-op-3", "scan-center");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("while one rendition is made durable the next renders; the capture lists them in document order")
    void renditionsOverlap() throws IOException {
        SlowStorage storage = new SlowStorage(Map.of());
        try (Aktenlift lift = lift(storage)) {
            Barcode f = prepared(lift);
            Delivery d = delivery(f, null);
            IngestReport report = lift.capture().ingest(SCANNER, d.directory());

            assertThat(report.rejected()).isEmpty();
            CaseFileOutcome.Captured captured = (CaseFileOutcome.Captured) report.captured().get(0);
            assertThat(captured.renditions()).extracting(CaseFileOutcome.StoredRendition::documentId)
                    .containsExactly("doc-1", "doc-2", "doc-3", "doc-4");
            assertThat(storage.mostAtOnce.get()).as("renditions being stored at the same time").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("garbage in the second document: the first rendition and the third, stored after the failure was seen, are removed; the fourth is never begun")
    void failureRemovesWhatWasInFlight() throws IOException {
        Barcode f = Policies.defaults().caseFileBarcodes().generate(1);
        String base = "renditions/" + f.value() + "/1/";
        // the third rendition's store returns long after the second one's renderer has failed
        SlowStorage storage = new SlowStorage(Map.of(base + "doc-3.pdf", 400L));
        try (Aktenlift lift = lift(storage)) {
            prepared(lift);
            Delivery d = delivery(f, 4); // page 4 is the second sheet of doc-2
            IngestReport report = lift.capture().ingest(SCANNER, d.directory());

            assertThat(report.rejected()).singleElement().satisfies(r -> assertThat(r.problems())
                    .singleElement().satisfies(p -> {
                        assertThat(p.kind()).isEqualTo(CaptureProblem.Kind.CORRUPT_IMAGE);
                        assertThat(p.page()).endsWith("doc-2/p0002.jpg");
                    }));
            assertThat(storage.created).as("created, then removed").contains(base + "doc-1.pdf", base + "doc-3.pdf")
                    .doesNotContain(base + "doc-2.pdf", base + "doc-4.pdf");
            assertThat(storage.deleted).contains(base + "doc-1.pdf", base + "doc-3.pdf");
            assertNothingKept(storage, lift, f);
        }
    }

    @Test
    @DisplayName("the first rendition is stored alone: the second begins only once the first's create-if-absent has"
            + " decided, so that two racing ingests of one case file cannot each win one of its keys")
    void firstRenditionDecidesAlone() throws IOException {
        Barcode f = Policies.defaults().caseFileBarcodes().generate(1);
        String base = "renditions/" + f.value() + "/1/";
        // the first create takes long enough that the second rendition would be rendered and begun meanwhile
        SlowStorage storage = new SlowStorage(Map.of(base + "doc-1.pdf", 400L));
        try (Aktenlift lift = lift(storage)) {
            prepared(lift);
            IngestReport report = lift.capture().ingest(SCANNER, delivery(f, null).directory());

            assertThat(report.rejected()).isEmpty();
            List<String> events = List.copyOf(storage.events);
            assertThat(events.indexOf("begin " + base + "doc-2.pdf")).as("%s", events)
                    .isGreaterThan(events.indexOf("end " + base + "doc-1.pdf"));
            assertThat(storage.mostAtOnce.get()).as("the later ones still overlap").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("the store runs out of memory on the third rendition: the case file fails for it alone, and the"
            + " renditions created before are removed")
    void storeOutOfMemory() throws IOException {
        Barcode f = Policies.defaults().caseFileBarcodes().generate(1);
        String base = "renditions/" + f.value() + "/1/";
        SlowStorage storage = new SlowStorage(Map.of(), base + "doc-3.pdf", new OutOfMemoryError("Java heap space"));
        try (Aktenlift lift = lift(storage)) {
            prepared(lift);
            IngestReport report = lift.capture().ingest(SCANNER, delivery(f, null).directory());

            assertThat(report.rejected()).singleElement().satisfies(r -> assertThat(r.problems())
                    .singleElement().satisfies(p -> {
                        assertThat(p.kind()).isEqualTo(CaptureProblem.Kind.RENDITION_FAILED);
                        assertThat(p.detail()).isEqualTo("rendering or storing failed: not enough memory");
                    }));
            assertThat(storage.deleted).contains(base + "doc-1.pdf", base + "doc-2.pdf");
            assertNothingKept(storage, lift, f);
        }
    }

    @Test
    @DisplayName("any other Error of a store (a bug, not the case file's fault) is thrown on, as it is, and the"
            + " renditions created before are removed first")
    void storeError() throws IOException {
        Barcode f = Policies.defaults().caseFileBarcodes().generate(1);
        String base = "renditions/" + f.value() + "/1/";
        AssertionError bug = new AssertionError("an adapter's bug");
        SlowStorage storage = new SlowStorage(Map.of(), base + "doc-3.pdf", bug);
        try (Aktenlift lift = lift(storage)) {
            prepared(lift);
            Path dir = delivery(f, null).directory();
            assertThatThrownBy(() -> lift.capture().ingest(SCANNER, dir)).isSameAs(bug);

            assertThat(storage.deleted).contains(base + "doc-1.pdf", base + "doc-2.pdf");
            assertNothingKept(storage, lift, f);
        }
    }

    /** Nothing of the failed capture is kept: no rendition, no protocol, and the case file still PREPARED. */
    private static void assertNothingKept(Storage storage, Aktenlift lift, Barcode f) {
        assertThat(storage.content().list("renditions/" + f.value(), Optional.empty(), 10).items()).isEmpty();
        assertThat(storage.content().list("protocols/" + f.value(), Optional.empty(), 10).items()).isEmpty();
        assertThat(lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.PREPARED);
    }

    private static Aktenlift lift(Storage storage) {
        return Aktenlift.builder().storage(storage).clock(new MutableClock(Office.START)).ids(IdSource.sequential("o"))
                .captureParallelism(1)
                .policies(Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100))).build();
    }

    private static Barcode prepared(Aktenlift lift) {
        Barcode f = lift.policies().caseFileBarcodes().generate(1);
        lift.execute(CLERK, new RegisterCaseFile(f, FileReference.of("AZ-1"), Office.subject(1),
                ProtectionLevel.NORMAL));
        Office.shipAndPrepare(lift, List.of(f.value()));
        return f;
    }

    /** One case file of four JPEG documents of two single-sided sheets; a corrupt page if one is given. */
    private Delivery delivery(Barcode f, Integer corruptPage) throws IOException {
        DeliverySpec.Builder spec = DeliverySpec.builder().deliveryId("D-O").geometry(PAGE).seed(7)
                .barcodes(f.value()).documentsPerFile(4, 4).sheetsPerDocument(2, 2).duplex(false)
                .formats(DeliverySpec.Formats.JPEG);
        if (corruptPage != null) {
            spec.fault(ScanFault.CORRUPT_IMAGE, f.value(), corruptPage);
        }
        return ScanGenerator.writeDelivery(tmp.resolve("d"), spec.build());
    }

    /**
     * In-memory storage whose creates of renditions take a while after the object is stored (as a
     * force would), and which counts how many such creates run at once; optionally, the create of
     * one key reads some of the data and then throws an error.
     */
    private static final class SlowStorage extends ForwardingStorage {
        private final ContentStore content;
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final List<String> created = Collections.synchronizedList(new ArrayList<>());
        final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
        /** "begin KEY" when a create of a rendition is called, "end KEY" when it returns or throws. */
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        SlowStorage(Map<String, Long> extraMillis) {
            this(extraMillis, null, null);
        }

        SlowStorage(Map<String, Long> extraMillis, String breaksAt, Error error) {
            super(new InMemoryStorage());
            AtomicInteger atOnce = new AtomicInteger();
            this.content = new Content(target.content()) {
                @Override
                public ContentInfo create(Key key, InputStream data) {
                    if (key.value().equals(breaksAt)) {
                        try {
                            data.readNBytes(1000);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        throw error;
                    }
                    if (!key.value().startsWith("renditions/")) {
                        return super.create(key, data);
                    }
                    events.add("begin " + key.value());
                    mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                    try {
                        ContentInfo info = super.create(key, data);
                        created.add(key.value());
                        Thread.sleep(50 + extraMillis.getOrDefault(key.value(), 0L));
                        return info;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } finally {
                        atOnce.decrementAndGet();
                        events.add("end " + key.value());
                    }
                }

                @Override
                public void delete(Key key) {
                    deleted.add(key.value());
                    super.delete(key);
                }
            };
        }

        @Override
        public ContentStore content() {
            return content;
        }
    }
}
