package io.github.aktenlift;

import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.capture.InvalidDeliveryException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.delivery.DeliveryCheck;
import io.github.aktenlift.delivery.DeliveryCheckReport;
import io.github.aktenlift.delivery.DeliveryCheckReport.Finding;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanFault;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Checking a delivery before hand-over, without a workspace")
class DeliveryCheckTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final CapturePolicy POLICY = CapturePolicy.defaults().withMinimumDpi(100);

    @TempDir
    Path tmp;

    private final Office o = new Office(new InMemoryStorage(), new MutableClock(Office.START),
            Policies.defaults().withCapture(POLICY), new InMemoryNotifier());
    private final DeliveryCheck check = DeliveryCheck.of(POLICY, BarcodeScheme.defaultCaseFiles());

    @AfterEach
    void close() {
        o.close();
    }

    private DeliverySpec.Builder spec(String id, List<Barcode> files) {
        return DeliverySpec.builder().deliveryId(id).geometry(PAGE).seed(id.hashCode())
                .barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(1, 3).sheetsPerDocument(1, 3);
    }

    @Test
    @DisplayName("a good delivery of every page format is clean, every page is checked through, and not a byte of the folder changes")
    void goodIsClean() throws IOException {
        List<Barcode> files = o.prepareMany(3);
        Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-GOOD", files)
                .formats(DeliverySpec.Formats.MIXED).build());
        Map<String, String> before = tree(d.directory());

        DeliveryCheckReport report = check.check(d.directory());

        assertThat(report.findings()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.deliveryId()).isEqualTo("D-GOOD");
        assertThat(report.caseFiles()).isEqualTo(3);
        assertThat(report.pages()).isEqualTo(d.pages());
        assertThat(report.bytes()).isEqualTo(d.totalBytes() - Files.size(d.index()));
        assertThat(tree(d.directory())).isEqualTo(before);
        // and capture agrees: it takes every case file
        assertThat(o.lift.capture().ingest(o.scanner, d.directory()).rejected()).isEmpty();
    }

    @Test
    @DisplayName("documents without a date (the optional field left out) pass the check and are captured, as the schema allows")
    void dateLeftOut() throws IOException {
        List<Barcode> files = o.prepareMany(2);
        Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-NODATE", files).build());
        String text = Files.readString(d.index());
        String without = text.replaceAll("\"date\": \"[0-9-]{10}\",\\s*", "");
        assertThat(without).isNotEqualTo(text).doesNotContain("\"date\"");
        Files.writeString(d.index(), without);

        assertThat(check.check(d.directory()).findings()).isEmpty();
        IngestReport report = o.lift.capture().ingest(o.scanner, d.directory());
        assertThat(report.rejected()).isEmpty();
        assertThat(report.captured()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ScanFault.class, names = {"TRUNCATED_IMAGE", "CORRUPT_IMAGE", "ZERO_BYTES", "WRONG_FORMAT",
        "HUGE_DIMENSIONS", "HASH_MISMATCH", "MISSING_PAGE", "EXTRA_PAGE", "UNKNOWN_DOCUMENT_TYPE", "PATH_TRAVERSAL"})
    @DisplayName("a planted fault is found for its own case file, of every kind capture then rejects it for")
    void sameFindingsAsCapture(ScanFault fault) throws IOException {
        List<Barcode> files = o.prepareMany(3);
        Barcode bad = files.get(1);
        Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-F" + fault.ordinal(), files)
                .formats(DeliverySpec.Formats.MIXED).fault(fault, bad.value(), 1).build());
        Map<String, String> before = tree(d.directory());

        DeliveryCheckReport report = check.check(d.directory());
        assertThat(tree(d.directory())).as("the check writes nothing").isEqualTo(before);
        IngestReport ingest = o.lift.capture().ingest(o.scanner, d.directory());

        assertThat(report.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.caseFile()).isEqualTo(bad.value()));
        assertThat(ingest.rejected()).extracting(CaseFileOutcome::barcode).containsExactly(bad.value());
        Set<CaptureProblem.Kind> captureKinds = ingest.problems().stream().map(CaptureProblem::kind)
                .collect(Collectors.toSet());
        Set<CaptureProblem.Kind> checkKinds = report.findings().stream().map(Finding::kind).collect(Collectors.toSet());
        assertThat(checkKinds).containsAll(captureKinds);
        // every finding about a page names the page and, but for a page outside the delivery, its document
        assertThat(report.findings()).filteredOn(f -> !f.page().isEmpty()
                && f.kind() != CaptureProblem.Kind.EXTRA_FILE && f.kind() != CaptureProblem.Kind.UNSAFE_PATH)
                .allSatisfy(f -> assertThat(f.document()).startsWith("doc-"));
        if (fault == ScanFault.UNKNOWN_DOCUMENT_TYPE) {
            assertThat(report.findings()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(CaptureProblem.Kind.UNKNOWN_DOCUMENT_TYPE);
                assertThat(f.document()).startsWith("doc-");
            });
        }
    }

    @Test
    @DisplayName("a hash mismatch and a broken image in one case file are both found: a fault in one page hides no other page's")
    void allPagesReported() throws IOException {
        List<Barcode> files = o.prepareMany(1);
        Barcode f = files.get(0);
        Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-TWO", files).documentsPerFile(2, 2)
                .sheetsPerDocument(2, 2).duplex(false).formats(DeliverySpec.Formats.JPEG)
                .fault(ScanFault.HASH_MISMATCH, f.value(), 1).fault(ScanFault.CORRUPT_IMAGE, f.value(), 3).build());

        DeliveryCheckReport report = check.check(d.directory());

        assertThat(report.findings()).extracting(Finding::kind)
                .contains(CaptureProblem.Kind.HASH_MISMATCH, CaptureProblem.Kind.CORRUPT_IMAGE);
        assertThat(report.findings()).extracting(Finding::document).containsOnly("doc-1", "doc-2");
    }

    @Nested
    @DisplayName("the index")
    class Index {

        @Test
        @DisplayName("that is not JSON is one index fault naming the file and the place, and nothing else is checked")
        void notJson() throws IOException {
            Path dir = Files.createDirectories(tmp.resolve("d"));
            Files.writeString(dir.resolve("index.json"), "{\"format\": ", StandardCharsets.UTF_8);

            DeliveryCheckReport report = check.check(dir);

            assertThat(report.clean()).isFalse();
            assertThat(report.indexFault()).isNotNull();
            assertThat(report.indexFault().field()).isEqualTo("index.json");
            assertThat(report.indexFault().reason()).contains("line 1");
            assertThat(report.findings()).isEmpty();
        }

        @Test
        @DisplayName("that is missing is an index fault")
        void missing() throws IOException {
            DeliveryCheckReport report = check.check(Files.createDirectories(tmp.resolve("d")));

            assertThat(report.indexFault()).isEqualTo(new DeliveryCheckReport.IndexFault("index.json", "missing"));
        }

        @Test
        @DisplayName("a field of a case file with the wrong type is a finding naming the field by its JSON pointer")
        void wrongType() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-T", files).build());
            Path index = d.directory().resolve("index.json");
            String text = Files.readString(index);
            Files.writeString(index, text.replaceFirst("\"sheets\" ?: ?([0-9]+)", "\"sheets\": \"$1\""));

            DeliveryCheckReport report = check.check(d.directory());

            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.caseFile()).isEqualTo(files.get(0).value());
                assertThat(f.kind()).isEqualTo(CaptureProblem.Kind.INVALID_ENTRY);
                assertThat(f.field()).isEqualTo("/caseFiles/0/sheets");
                assertThat(f.detail()).isEqualTo("must be a whole number, not a string");
            });
        }
    }

    @Nested
    @DisplayName("barcodes")
    class Barcodes {

        @Test
        @DisplayName("one listed twice is found for both entries")
        void duplicate() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-DUP", files).build());
            Path index = d.index();
            Files.writeString(index, Files.readString(index).replace("\"barcode\": \"" + files.get(1).value(),
                    "\"barcode\": \"" + files.get(0).value()));

            DeliveryCheckReport report = check.check(d.directory());

            assertThat(report.findings()).filteredOn(x -> x.kind() == CaptureProblem.Kind.DUPLICATE_BARCODE)
                    .hasSize(2);
        }

        @Test
        @DisplayName("one with a wrong check digit is found against the office's scheme, and taken when the scheme is switched off")
        void checkDigit() throws IOException {
            String good = o.prepareMany(1).get(0).value();
            char last = good.charAt(good.length() - 1);
            String wrong = good.substring(0, good.length() - 1) + (last == '0' ? '1' : '0');
            Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-CD", List.of(new Barcode(wrong))).build());

            assertThat(check.check(d.directory()).findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(CaptureProblem.Kind.UNKNOWN_BARCODE);
                assertThat(f.caseFile()).isEqualTo(wrong);
            });
            assertThat(check.withoutBarcodeScheme().check(d.directory()).clean()).isTrue();
        }
    }

    @Test
    @DisplayName("a folder that is not there is a typed error naming the folder, not a report")
    void noFolder() {
        assertThatThrownBy(() -> check.check(tmp.resolve("nowhere")))
                .isInstanceOfSatisfying(InvalidDeliveryException.class, e -> assertThat(e.field()).isEqualTo("folder"));
    }

    /** Every file and directory under the folder with its content hash and modification time. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                FileTime modified = Files.getLastModifiedTime(p);
                out.put(dir.relativize(p).toString(), (Files.isRegularFile(p) ? sha256(Files.readAllBytes(p)) : "dir")
                        + "@" + modified.toMillis());
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
