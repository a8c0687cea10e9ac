package io.github.aktenlift.sealing;

import io.github.aktenlift.ForwardingStorage;
import io.github.aktenlift.MutableClock;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.adapters.sealing.PadesEvidenceSealer;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.capture.SealBatch;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.ProtectionProfile;
import io.github.aktenlift.pdfa.PdfAssertions;
import io.github.aktenlift.spi.sealing.EvidenceReport;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.testkit.pki.TestTimestampServer;
import io.github.aktenlift.tracking.DeepVerificationReport;
import io.github.aktenlift.tracking.EvidenceProblem;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Capture at a protection level that demands seals")
class SealedCaptureTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);

    @TempDir
    Path tmp;

    private final InMemoryStorage storage = new InMemoryStorage();
    private SealingFixtures.CountingKey key;
    private PadesEvidenceSealer sealer;
    private Office o;

    private void open(SealingFixtures.CountingKey k, io.github.aktenlift.spi.sealing.TimestampAuthority tsa) {
        open(k, tsa, SealBatch.perCaseFile());
    }

    private void open(SealingFixtures.CountingKey k, io.github.aktenlift.spi.sealing.TimestampAuthority tsa, SealBatch batch) {
        open(k, tsa, batch, storage);
    }

    /** As above, the library storing through {@code through} (which stores into {@link #storage}). */
    private void open(SealingFixtures.CountingKey k, io.github.aktenlift.spi.sealing.TimestampAuthority tsa, SealBatch batch,
            Storage through) {
        key = k;
        sealer = SealingFixtures.sealer(k, tsa);
        o = Office.configured(storage, new MutableClock(Office.START),
                Policies.defaults().withProtection(ProtectionLevel.HIGH, ProtectionProfile.resiscanFor(ProtectionLevel.HIGH))
                        .withCapture(CapturePolicy.defaults().withMinimumDpi(100)),
                b -> b.sealing(sealer).sealBatch(batch).storage(through));
    }

    /** Every stored rendition and protocol PDF of the report: PDF/A-2b for veraPDF, and the expected PAdES level for DSS. */
    private void assertSealed(IngestReport r, String level) throws Exception {
        int n = 0;
        for (CaseFileOutcome.Captured c : r.captured()) {
            for (CaseFileOutcome.StoredRendition sr : c.renditions()) {
                Path pdf = copy(sr.key(), "all" + n++ + ".pdf");
                assertThat(sha256(Files.readAllBytes(pdf))).isEqualTo(sr.sha256());
                PdfAssertions.assertPdfA2b(pdf);
                Dss.Verdict v = Dss.validate(pdf, SealingFixtures.root(), SealingFixtures.PKI.crl()).only();
                assertThat(v.format()).as("%s", v).isEqualTo("PAdES-BASELINE-" + level);
                assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");
            }
            Path protocolPdf = copy(c.protocolPdf(), "all" + n++ + ".pdf");
            PdfAssertions.assertPdfA2b(protocolPdf);
            Dss.Verdict pv = Dss.validate(protocolPdf, SealingFixtures.root(), SealingFixtures.PKI.crl()).only();
            assertThat(pv.format()).as("%s", pv).isEqualTo("PAdES-BASELINE-" + level);
            assertThat(pv.indication()).as("%s", pv).isEqualTo("TOTAL_PASSED");
        }
    }

    @Nested
    @DisplayName("sealed per delivery")
    class PerDelivery {

        @Test
        @DisplayName("calls the key twice for the whole delivery (renditions, then protocols), where per case file calls it"
                + " twice per case file; every product still has its own seal that DSS passes")
        void twoKeyCallsPerDelivery() throws Exception {
            open(new SealingFixtures.CountingKey(SealingFixtures.key()), SealingFixtures.tsa(), SealBatch.perDelivery());
            o.protection = ProtectionLevel.HIGH;
            List<Barcode> high = o.prepareMany(2);
            o.protection = ProtectionLevel.NORMAL;
            List<Barcode> normal = o.prepareMany(1);
            List<Barcode> all = new java.util.ArrayList<>(high);
            all.addAll(normal);
            IngestReport r = o.lift.capture().ingest(o.scanner, delivery("D-PD", all).directory());
            assertThat(r.rejected()).isEmpty();
            assertThat(r.captured()).hasSize(3);
            int renditions = r.captured().stream().filter(c -> high.contains(Barcode.of(c.barcode())))
                    .mapToInt(c -> c.renditions().size()).sum();
            assertThat(key.calls).as("key calls for a delivery of 2 sealed case files").hasValue(2);
            assertThat(key.digests).as("one digest per sealed product").hasValue(renditions + 2 * high.size());
            assertSealed(new IngestReport(r.deliveryId(), r.caseFiles().stream()
                    .filter(c -> high.contains(Barcode.of(c.barcode()))).toList(), 0, 0, r.took()), "T");
            for (Barcode f : high) {
                assertThat(captured(f).get("sealLevel")).isEqualTo("B-T");
            }
            assertThat(captured(normal.get(0)).get("protocolSeal")).isNull();
            DeepVerificationReport deep = o.lift.tracking().verifyDeep();
            assertThat(deep.isIntact()).as("%s", deep.problems()).isTrue();
            assertThat(deep.sealsChecked()).isEqualTo(renditions + 2 * high.size());

            // the same delivery's size, sealed per case file: two calls per case file
            SealingFixtures.CountingKey perFile = new SealingFixtures.CountingKey(SealingFixtures.key());
            try (PadesEvidenceSealer s = SealingFixtures.sealer(perFile, SealingFixtures.tsa());
                 Office other = Office.configured(new InMemoryStorage(), new MutableClock(Office.START),
                         Policies.defaults().withProtection(ProtectionLevel.HIGH, ProtectionProfile.resiscanFor(ProtectionLevel.HIGH))
                                 .withCapture(CapturePolicy.defaults().withMinimumDpi(100)), b -> b.sealing(s))) {
                other.protection = ProtectionLevel.HIGH;
                List<Barcode> files = other.prepareMany(2);
                assertThat(other.lift.capture().ingest(other.scanner, delivery("D-PF", files).directory()).captured()).hasSize(2);
                assertThat(perFile.calls).as("key calls for 2 case files sealed one by one").hasValue(4);
            }
        }

        @Test
        @DisplayName("in batches of at most two case files: two key calls per batch")
        void upTo() throws Exception {
            open(new SealingFixtures.CountingKey(SealingFixtures.key()), SealingFixtures.tsa(), SealBatch.upTo(2));
            o.protection = ProtectionLevel.HIGH;
            List<Barcode> files = o.prepareMany(3);
            IngestReport r = o.lift.capture().ingest(o.scanner, delivery("D-UP", files).directory());
            assertThat(r.captured()).hasSize(3);
            assertThat(key.calls).as("batches of 2 and 1 case files").hasValue(4);
        }

        @Test
        @DisplayName("with a key that supplies revocation data seals whole files (B-LT), still two key calls per delivery")
        void longTerm() throws Exception {
            open(new SealingFixtures.CountingKey(SealingFixtures.keyWithRevocation()), SealingFixtures.tsa(),
                    SealBatch.perDelivery());
            o.protection = ProtectionLevel.HIGH;
            List<Barcode> files = o.prepareMany(2);
            IngestReport r = o.lift.capture().ingest(o.scanner, delivery("D-PLT", files).directory());
            assertThat(r.captured()).hasSize(2);
            assertThat(key.calls).hasValue(2);
            Path pdf = copy(r.captured().get(1).renditions().get(0).key(), "plt.pdf");
            PdfAssertions.assertPdfA2b(pdf);
            Dss.Verdict v = Dss.validate(pdf, SealingFixtures.root()).only();
            assertThat(v.format()).as("%s", v).isEqualTo("PAdES-BASELINE-LT");
            assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");
        }

        @Test
        @DisplayName("a key that refuses rejects every case file of the batch with SEALING_FAILED, keeps nothing; a retry"
                + " captures them")
        void keyRefuses() throws Exception {
            SealingFixtures.CountingKey refusing = new SealingFixtures.CountingKey(SealingFixtures.key()) {
                @Override
                public List<byte[]> sign(io.github.aktenlift.spi.sealing.SignatureAlgorithm a, List<byte[]> list) {
                    if (calls.incrementAndGet() == 1) {
                        throw new io.github.aktenlift.spi.sealing.SealingException(id(),
                                io.github.aktenlift.spi.sealing.SealingException.Reason.UNAVAILABLE, "service down", null);
                    }
                    digests.addAndGet(list.size());
                    return inner.sign(a, list);
                }
            };
            open(refusing, SealingFixtures.tsa(), SealBatch.perDelivery());
            o.protection = ProtectionLevel.HIGH;
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-KR", files);
            IngestReport r = o.lift.capture().ingest(o.scanner, d.directory());
            assertThat(r.captured()).isEmpty();
            assertThat(r.rejected()).hasSize(2).allSatisfy(x -> {
                assertThat(x.problems().get(0).kind()).isEqualTo(CaptureProblem.Kind.SEALING_FAILED);
                assertThat(x.problems().get(0).detail()).contains("unavailable");
            });
            assertNothingKept(files);
            IngestReport again = o.lift.capture().ingest(o.scanner, d.directory());
            assertThat(again.captured()).hasSize(2);
            assertThat(refusing.calls).as("the failed call, then two for the retry").hasValue(3);
        }
    }

    @Test
    @DisplayName("a store that runs out of memory on the protocol: the case file fails for it alone with"
            + " RENDITION_FAILED, its sealed renditions are removed, it stays PREPARED")
    void storeOutOfMemory() throws Exception {
        open(new SealingFixtures.CountingKey(SealingFixtures.key()), SealingFixtures.tsa(), SealBatch.perCaseFile(),
                breakingOnProtocolJson(new OutOfMemoryError("Java heap space")));
        o.protection = ProtectionLevel.HIGH;
        List<Barcode> files = o.prepareMany(1);
        IngestReport r = o.lift.capture().ingest(o.scanner, delivery("D-OOM", files).directory());
        assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.problems()).singleElement()
                .satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(CaptureProblem.Kind.RENDITION_FAILED);
                    assertThat(p.detail()).isEqualTo("scan protocol could not be stored: not enough memory");
                }));
        assertNothingKept(files);
    }

    @Test
    @DisplayName("any other Error of a store (a bug): thrown from ingest as it is, the sealed renditions removed first")
    void storeError() throws Exception {
        storeError(SealBatch.perCaseFile());
    }

    @Test
    @DisplayName("the same in one batch for the delivery: every step ends, then the Error is thrown as it is")
    void storeErrorPerDelivery() throws Exception {
        storeError(SealBatch.perDelivery());
    }

    private void storeError(SealBatch batch) throws Exception {
        AssertionError bug = new AssertionError("an adapter's bug");
        open(new SealingFixtures.CountingKey(SealingFixtures.key()), SealingFixtures.tsa(), batch,
                breakingOnProtocolJson(bug));
        o.protection = ProtectionLevel.HIGH;
        List<Barcode> files = o.prepareMany(2);
        Path dir = delivery("D-ERR", files).directory();
        assertThatThrownBy(() -> o.lift.capture().ingest(o.scanner, dir)).isSameAs(bug);
        assertNothingKept(files);
    }

    /** Nothing half-sealed is kept: no rendition, no protocol, and every case file still PREPARED. */
    private void assertNothingKept(List<Barcode> files) {
        assertThat(storage.content().list("renditions", java.util.Optional.empty(), 10).items())
                .as("nothing half-sealed is kept").isEmpty();
        assertThat(storage.content().list("protocols", java.util.Optional.empty(), 10).items()).isEmpty();
        for (Barcode f : files) {
            assertThat(o.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.PREPARED);
        }
    }

    /** The test's storage, but a create of a protocol JSON throws {@code error}. */
    private Storage breakingOnProtocolJson(Error error) {
        return new ForwardingStorage(storage) {
            private final ContentStore content = new Content(storage.content()) {
                @Override
                public ContentInfo create(Key k, InputStream data) {
                    if (k.value().startsWith("protocols/") && k.value().endsWith(".json")) {
                        throw error;
                    }
                    return super.create(k, data);
                }
            };

            @Override
            public ContentStore content() {
                return content;
            }
        };
    }

    @AfterEach
    void close() {
        if (o != null) {
            o.close();
        }
        if (sealer != null) {
            sealer.close();
        }
    }

    private Delivery delivery(String id, List<Barcode> files) throws IOException {
        return ScanGenerator.writeDelivery(tmp.resolve(id), DeliverySpec.builder().deliveryId(id).geometry(PAGE)
                .seed(id.hashCode()).barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(2, 3)
                .sheetsPerDocument(1, 2).build());
    }

    private Path copy(Key k, String name) throws IOException {
        Path p = tmp.resolve(name);
        try (InputStream in = storage.content().get(k)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private JournalEvent captured(Barcode f) {
        return o.lift.tracking().history(f).stream().filter(e -> e.kind() == EventKind.CAPTURED).reduce((a, b) -> b)
                .orElseThrow();
    }

    @Nested
    @DisplayName("a high case file")
    class High {

        @Test
        @DisplayName("gets PAdES B-T seals on every rendition and the protocol PDF that DSS passes, still PDF/A-2b for veraPDF;"
                + " the protocol JSON a detached seal beside it; one key call for the renditions, one for the protocol")
        void sealed() throws Exception {
            open(new SealingFixtures.CountingKey(SealingFixtures.key()), SealingFixtures.tsa());
            o.protection = ProtectionLevel.HIGH;
            Barcode f = o.prepareMany(1).get(0);
            IngestReport r = o.lift.capture().ingest(o.scanner, delivery("D-H", List.of(f)).directory());
            assertThat(r.rejected()).isEmpty();
            CaseFileOutcome.Captured c = r.captured().get(0);
            assertThat(c.renditions()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(key.calls).as("one batch for the renditions, one for protocol PDF and JSON").hasValue(2);
            assertThat(key.digests).hasValue(c.renditions().size() + 2);

            int n = 0;
            for (CaseFileOutcome.StoredRendition sr : c.renditions()) {
                Path pdf = copy(sr.key(), "r" + n++ + ".pdf");
                assertThat(sha256(Files.readAllBytes(pdf))).isEqualTo(sr.sha256());
                PdfAssertions.assertPdfA2b(pdf);
                Dss.Verdict v = Dss.validate(pdf, SealingFixtures.root(), SealingFixtures.PKI.crl()).only();
                assertThat(v.format()).as("%s", v).isEqualTo("PAdES-BASELINE-T");
                assertThat(v.intact()).as("%s", v).isTrue();
                assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");
            }
            Path protocolPdf = copy(c.protocolPdf(), "protocol.pdf");
            PdfAssertions.assertPdfA2b(protocolPdf);
            Dss.Verdict pv = Dss.validate(protocolPdf, SealingFixtures.root(), SealingFixtures.PKI.crl()).only();
            assertThat(pv.format()).as("%s", pv).isEqualTo("PAdES-BASELINE-T");
            assertThat(pv.indication()).as("%s", pv).isEqualTo("TOTAL_PASSED");

            Key sealKey = Key.of(c.protocolJson().value() + ".p7s");
            Path json = copy(c.protocolJson(), "protocol.json");
            Path p7s = copy(sealKey, "protocol.json.p7s");
            Dss.Verdict jv = Dss.validateDetached(p7s, json, SealingFixtures.root(), SealingFixtures.PKI.crl()).only();
            assertThat(jv.format()).as("%s", jv).isEqualTo("CAdES-BASELINE-T");
            assertThat(jv.indication()).as("%s", jv).isEqualTo("TOTAL_PASSED");

            JournalEvent e = captured(f);
            assertThat(e.get("protocolSeal")).isEqualTo(sha256(Files.readAllBytes(p7s)));
            assertThat(e.get("protocolPdf")).isEqualTo(sha256(Files.readAllBytes(protocolPdf)));
            assertThat(e.get("protocol")).isEqualTo(sha256(Files.readAllBytes(json)));
            assertThat(e.get("sealLevel")).isEqualTo("B-T");
        }

        @Test
        @DisplayName("carries the transfer note in every rendition: the scan protocol as an embedded PDF/A-2b, with every"
                + " page's hash but no rendition's hash, under the seal")
        void transferNote() throws Exception {
            open(new SealingFixtures.CountingKey(SealingFixtures.key()), SealingFixtures.tsa());
            o.protection = ProtectionLevel.HIGH;
            Barcode f = o.prepareMany(1).get(0);
            CaseFileOutcome.Captured c = o.lift.capture().ingest(o.scanner, delivery("D-TN", List.of(f)).directory())
                    .captured().get(0);
            String protocolJson = new String(Files.readAllBytes(copy(c.protocolJson(), "p.json")),
                    java.nio.charset.StandardCharsets.UTF_8);
            int n = 0;
            for (CaseFileOutcome.StoredRendition sr : c.renditions()) {
                Path pdf = copy(sr.key(), "tn" + n + ".pdf");
                Path note = tmp.resolve("note" + n++ + ".pdf");
                try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
                    var files = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
                    assertThat(files).containsOnlyKeys("transfervermerk.pdf");
                    try (InputStream in = files.get("transfervermerk.pdf").getEmbeddedFile().createInputStream()) {
                        Files.copy(in, note);
                    }
                    // the seal covers the note: it sits before the signature's revision
                    assertThat(doc.getSignatureDictionaries()).hasSize(1);
                }
                PdfAssertions.assertPdfA2b(note);
                String text;
                try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(note.toFile())) {
                    text = new org.apache.pdfbox.text.PDFTextStripper().getText(d).replaceAll("\\s+", "");
                }
                assertThat(text).contains(f.value());
                for (CaseFileOutcome.StoredRendition other : c.renditions()) {
                    assertThat(text).doesNotContain(other.sha256().substring(0, 16));
                    assertThat(protocolJson).contains(other.sha256());
                }
                // the pages' own hashes are in it (the first page's, as the stored protocol has it)
                String pageSha = protocolJson.replaceAll("(?s).*?\"pages\"\\s*:\\s*\\[\\s*\\{.*?\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\".*", "$1");
                assertThat(pageSha).hasSize(64);
                assertThat(text).contains(pageSha.substring(0, 16));
            }
        }

        @Test
        @DisplayName("with a key that supplies revocation data gets B-LT seals that DSS passes on what they carry alone")
        void longTerm() throws Exception {
            open(new SealingFixtures.CountingKey(SealingFixtures.keyWithRevocation()), SealingFixtures.tsa());
            o.protection = ProtectionLevel.HIGH;
            Barcode f = o.prepareMany(1).get(0);
            CaseFileOutcome.Captured c = o.lift.capture().ingest(o.scanner, delivery("D-LT", List.of(f)).directory())
                    .captured().get(0);
            Path pdf = copy(c.renditions().get(0).key(), "lt.pdf");
            PdfAssertions.assertPdfA2b(pdf);
            Dss.Verdict v = Dss.validate(pdf, SealingFixtures.root()).only();
            assertThat(v.format()).as("%s", v).isEqualTo("PAdES-BASELINE-LT");
            assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");
            assertThat(captured(f).get("sealLevel")).isEqualTo("B-LT");
        }
    }

    @Test
    @DisplayName("a normal case file of the same instance is not sealed: no seal beside its protocol, no key call")
    void normalUnsealed() throws Exception {
        open(new SealingFixtures.CountingKey(SealingFixtures.key()), SealingFixtures.tsa());
        Barcode f = o.prepareMany(1).get(0);
        CaseFileOutcome.Captured c = o.lift.capture().ingest(o.scanner, delivery("D-N", List.of(f)).directory())
                .captured().get(0);
        assertThat(key.calls).hasValue(0);
        assertThat(storage.content().head(Key.of(c.protocolJson().value() + ".p7s"))).isEmpty();
        assertThat(captured(f).get("protocolSeal")).isNull();
        Path pdf = copy(c.renditions().get(0).key(), "n.pdf");
        assertThat(sealer.verifyPdf("n", pdf).verdict()).isEqualTo(EvidenceReport.Verdict.BROKEN); // no seal at all
    }

    @Nested
    @DisplayName("a timestamp authority that fails")
    class FailingAuthority {

        private final TestTimestampServer server = TestTimestampServer.start(SealingFixtures.PKI);

        @AfterEach
        void stop() {
            server.close();
        }

        private void failsThenRetrySucceeds(TestTimestampServer.Behaviour behaviour, String reason) throws Exception {
            open(new SealingFixtures.CountingKey(SealingFixtures.key()), SealingFixtures.tsa(server, Duration.ofSeconds(3)));
            o.protection = ProtectionLevel.HIGH;
            Barcode f = o.prepareMany(1).get(0);
            Delivery d = delivery("D-F", List.of(f));
            server.behave(behaviour);
            IngestReport r = o.lift.capture().ingest(o.scanner, d.directory());
            assertThat(r.captured()).isEmpty();
            CaptureProblem p = r.rejected().get(0).problems().get(0);
            assertThat(p.kind()).isEqualTo(CaptureProblem.Kind.TIMESTAMP_FAILED);
            assertThat(p.detail()).contains(reason);
            assertNothingKept(List.of(f));

            server.behave(TestTimestampServer.Behaviour.GRANT);
            IngestReport again = o.lift.capture().ingest(o.scanner, d.directory());
            assertThat(again.captured()).hasSize(1);
            assertThat(o.lift.tracking().verifyDeep().isIntact()).isTrue();
        }

        @Test
        @DisplayName("by timing out: a typed TIMESTAMP_FAILED, the case file stays PREPARED, nothing stored; a retry succeeds")
        void timeout() throws Exception {
            failsThenRetrySucceeds(TestTimestampServer.Behaviour.HANG, "timeout");
        }

        @Test
        @DisplayName("by answering garbage: the same, with the reason malformed")
        void garbage() throws Exception {
            failsThenRetrySucceeds(TestTimestampServer.Behaviour.GARBAGE, "malformed");
        }

        @Test
        @DisplayName("for a delivery sealed as one batch: every case file of it TIMESTAMP_FAILED, nothing kept; a retry"
                + " captures them all")
        void perDelivery() throws Exception {
            open(new SealingFixtures.CountingKey(SealingFixtures.key()), SealingFixtures.tsa(server, Duration.ofSeconds(3)),
                    SealBatch.perDelivery());
            o.protection = ProtectionLevel.HIGH;
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-FD", files);
            server.behave(TestTimestampServer.Behaviour.GARBAGE);
            IngestReport r = o.lift.capture().ingest(o.scanner, d.directory());
            assertThat(r.captured()).isEmpty();
            assertThat(r.rejected()).hasSize(2)
                    .allSatisfy(x -> assertThat(x.problems().get(0).kind()).isEqualTo(CaptureProblem.Kind.TIMESTAMP_FAILED));
            assertNothingKept(files);
            server.behave(TestTimestampServer.Behaviour.GRANT);
            assertThat(o.lift.capture().ingest(o.scanner, d.directory()).captured()).hasSize(2);
            assertThat(o.lift.tracking().verifyDeep().isIntact()).isTrue();
        }
    }

    @Nested
    @DisplayName("deep verification")
    class Deep {

        @Test
        @DisplayName("checks every seal of a sealed capture, and one byte changed in a sealed rendition is named as a broken seal")
        void tamper() throws Exception {
            open(new SealingFixtures.CountingKey(SealingFixtures.key()), SealingFixtures.tsa());
            o.protection = ProtectionLevel.HIGH;
            Barcode f = o.prepareMany(1).get(0);
            CaseFileOutcome.Captured c = o.lift.capture().ingest(o.scanner, delivery("D-V", List.of(f)).directory())
                    .captured().get(0);
            DeepVerificationReport sound = o.lift.tracking().verifyDeep();
            assertThat(sound.isIntact()).as("%s", sound.problems()).isTrue();
            // every rendition, the protocol PDF and the protocol JSON with its detached seal
            assertThat(sound.sealsChecked()).isEqualTo(c.renditions().size() + 2);
            assertThat(sound.seals()).allMatch(EvidenceReport::passed);

            Key victim = c.renditions().get(0).key();
            // one byte inside the first revision, which the seal covers, changed by someone who also
            // rewrote the store's own record of the object (so the store's check on read cannot see it)
            byte[] bytes;
            try (InputStream in = storage.content().get(victim)) {
                bytes = in.readAllBytes();
            }
            bytes[2000] ^= 1;
            storage.content().delete(victim);
            storage.content().create(victim, new java.io.ByteArrayInputStream(bytes));
            DeepVerificationReport broken = o.lift.tracking().verifyDeep();
            assertThat(broken.isIntact()).isFalse();
            assertThat(broken.problems()).anySatisfy(p -> {
                assertThat(p.object()).isEqualTo(victim.value());
                assertThat(p.kind()).isEqualTo(EvidenceProblem.Kind.SEAL_BROKEN);
            });
            assertThat(broken.seals()).filteredOn(s -> !s.passed()).extracting(EvidenceReport::object)
                    .containsExactly(victim.value());
        }
    }
}
