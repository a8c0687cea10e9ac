package io.github.aktenlift.testkit;

import static io.github.aktenlift.testkit.MiniJson.array;
import static io.github.aktenlift.testkit.MiniJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageReader;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A generated delivery")
class DeliveryTest {

    private static final List<String> BARCODES = List.of("F000000017X", "F000000025Y", "F000000033Z");

    private static DeliverySpec.Builder spec() {
        return DeliverySpec.builder()
                .barcodes(BARCODES)
                .geometry(PageGeometry.small())
                .formats(DeliverySpec.Formats.MIXED)
                .documentsPerFile(2, 4)
                .sheetsPerDocument(1, 5)
                .blankBacks(0.6, 0.5)
                .seed(2026);
    }

    private static Map<String, Object> index(Delivery delivery) throws IOException {
        return object(MiniJson.parse(Files.readString(delivery.index(), StandardCharsets.UTF_8)));
    }

    private static List<Map<String, Object>> pagesOf(Map<String, Object> caseFile) {
        List<Map<String, Object>> pages = new ArrayList<>();
        for (Object d : array(caseFile.get("documents"))) {
            for (Object p : array(object(d).get("pages"))) {
                pages.add(object(p));
            }
        }
        return pages;
    }

    private static Set<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    @Nested
    @DisplayName("without faults")
    class Clean {

        @Test
        @DisplayName("has an index in the delivery format whose every page file exists with its hash")
        void indexMatchesFiles(@TempDir Path dir) throws IOException {
            Delivery delivery = ScanGenerator.writeDelivery(dir, spec().build());
            Map<String, Object> index = index(delivery);

            assertThat(index).containsEntry("format", "aktenlift-delivery/1")
                    .containsEntry("deliveryId", "D-0001")
                    .containsEntry("scanService", "scan-service-1")
                    .containsEntry("createdAt", "2026-03-04T10:00:00Z");
            List<Object> caseFiles = array(index.get("caseFiles"));
            assertThat(caseFiles).extracting(f -> object(f).get("barcode"))
                    .containsExactlyElementsOf(BARCODES);

            Set<Path> listed = new HashSet<>();
            for (Object f : caseFiles) {
                Map<String, Object> caseFile = object(f);
                assertThat(caseFile.keySet()).containsExactly("barcode", "sheets", "operator",
                        "scannedAt", "scanner", "documents");
                assertThat((String) caseFile.get("scannedAt")).matches("2026-03-04T0\\d:\\d\\d:00Z");
                Map<String, Object> scanner = object(caseFile.get("scanner"));
                assertThat(scanner).containsEntry("model", "Synthetic S-1");
                assertThat(object(scanner.get("settings"))).containsEntry("resolutionDpi", 36L)
                        .containsEntry("colorMode", "MIXED").containsEntry("duplex", true);
                for (Object d : array(caseFile.get("documents"))) {
                    Map<String, Object> document = object(d);
                    assertThat(document.keySet()).containsExactly("documentId", "type", "date",
                            "originalToReturn", "pages");
                    assertThat(DeliverySpec.DEFAULT_DOCUMENT_TYPES).contains((String) document.get("type"));
                    assertThat((String) document.get("date")).matches("\\d{4}-\\d\\d-\\d\\d");
                }
                for (Map<String, Object> page : pagesOf(caseFile)) {
                    assertThat(page.keySet()).containsExactly("file", "sha256", "sheet", "side",
                            "blank", "resolutionDpi", "colorMode");
                    String name = (String) page.get("file");
                    assertThat(name).matches("F\\d{9}[XYZ]/doc-\\d+/p\\d{4}\\.(jpg|tif)");
                    Path file = dir.resolve(name);
                    assertThat(Images.sha256(file)).as(name).isEqualTo(page.get("sha256"));
                    assertThat(page.get("colorMode"))
                            .isEqualTo(name.endsWith(".jpg") ? "GRAYSCALE" : "BITONAL");
                    assertThat(Images.formatName(Files.readAllBytes(file)))
                            .isIn(name.endsWith(".jpg") ? List.of("jpeg") : List.of("tif", "tiff"));
                    listed.add(file);
                }
            }
            assertThat(filesUnder(dir)).as("nothing but the listed pages and the index")
                    .isEqualTo(union(listed, delivery.index()));
            assertThat(delivery.files()).containsExactlyInAnyOrderElementsOf(filesUnder(dir));
            long total = 0;
            for (Path p : delivery.files()) {
                total += Files.size(p);
            }
            assertThat(delivery.totalBytes()).isEqualTo(total);
            assertThat(delivery.pagesByFormat().values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(delivery.pages()).isEqualTo(listed.size());
            assertThat(delivery.pagesByFormat()).containsKeys(PageFormat.JPEG, PageFormat.G4);
            assertThat(delivery.faults()).isEmpty();
        }

        @Test
        @DisplayName("reconciles: sheets × 2 − dropped blank backs = pages, kept blanks marked")
        void reconciles(@TempDir Path dir) throws IOException {
            Delivery delivery = ScanGenerator.writeDelivery(dir, spec().build());
            List<Object> caseFiles = array(index(delivery).get("caseFiles"));
            int dropped = 0;
            int keptBlank = 0;
            for (int i = 0; i < caseFiles.size(); i++) {
                Map<String, Object> caseFile = object(caseFiles.get(i));
                CaseFileSummary summary = delivery.caseFiles().get(i);
                List<Map<String, Object>> pages = pagesOf(caseFile);
                long sheets = (Long) caseFile.get("sheets");
                assertThat(summary.sheets()).isEqualTo(sheets);
                assertThat(sheets * 2 - summary.droppedBlankBacks()).isEqualTo(pages.size());
                assertThat(pages.stream().filter(p -> (Boolean) p.get("blank")).count())
                        .isEqualTo(summary.keptBlankPages());
                // every sheet has its front; backs only where not dropped; sheets count from 1
                Set<Long> fronts = pages.stream().filter(p -> p.get("side").equals("FRONT"))
                        .map(p -> (Long) p.get("sheet")).collect(Collectors.toSet());
                assertThat(fronts).hasSize((int) sheets).contains(1L, sheets);
                assertThat(pages).allSatisfy(p -> {
                    if (p.get("side").equals("FRONT")) {
                        assertThat(p.get("blank")).isEqualTo(false);
                    }
                });
                dropped += summary.droppedBlankBacks();
                keptBlank += summary.keptBlankPages();
            }
            assertThat(dropped).as("this seed drops some blank backs").isPositive();
            assertThat(keptBlank).as("and keeps some").isPositive();
        }

        @Test
        @DisplayName("simplex scanning lists exactly one FRONT page per sheet")
        void simplex(@TempDir Path dir) throws IOException {
            Delivery delivery = ScanGenerator.writeDelivery(dir, spec().duplex(false)
                    .formats(DeliverySpec.Formats.G4).build());
            for (Object f : array(index(delivery).get("caseFiles"))) {
                List<Map<String, Object>> pages = pagesOf(object(f));
                assertThat(pages).hasSize(((Long) object(f).get("sheets")).intValue())
                        .allSatisfy(p -> assertThat(p).containsEntry("side", "FRONT")
                                .containsEntry("colorMode", "BITONAL"));
            }
            assertThat(delivery.pagesByFormat()).containsOnlyKeys(PageFormat.G4);
        }

        @Test
        @DisplayName("the same spec writes the same bytes; another seed writes others")
        void deterministic(@TempDir Path dir) throws IOException {
            Delivery a = ScanGenerator.writeDelivery(dir.resolve("a"), spec().build());
            Delivery b = ScanGenerator.writeDelivery(dir.resolve("b"), spec().build());
            Delivery c = ScanGenerator.writeDelivery(dir.resolve("c"), spec().seed(7).build());
            assertThat(a.files()).hasSameSizeAs(b.files());
            for (int i = 0; i < a.files().size(); i++) {
                assertThat(dir.resolve("a").relativize(a.files().get(i)))
                        .isEqualTo(dir.resolve("b").relativize(b.files().get(i)));
                assertThat(Files.readAllBytes(a.files().get(i)))
                        .isEqualTo(Files.readAllBytes(b.files().get(i)));
            }
            assertThat(Files.readString(c.index())).isNotEqualTo(Files.readString(a.index()));
        }

        @Test
        @DisplayName("escapes strings in the index so that any id survives a JSON parser")
        void escaping(@TempDir Path dir) throws IOException {
            String odd = "D-\"1\"\\2\n\t\u0001ä€\u2028";
            Delivery delivery = ScanGenerator.writeDelivery(dir, DeliverySpec.builder()
                    .geometry(PageGeometry.small()).deliveryId(odd).scanService("Scan & Co <1>")
                    .documentsPerFile(1, 1).sheetsPerDocument(1, 1).build());
            Map<String, Object> index = index(delivery);
            assertThat(index).containsEntry("deliveryId", odd).containsEntry("scanService", "Scan & Co <1>");
            assertThat(Files.readString(delivery.index())).doesNotContain("\n\t").contains("\\u2028");
        }
    }

    @Nested
    @DisplayName("with faults")
    class Faults {

        @Test
        @DisplayName("plants each fault at the page named, and only there")
        void eachFault(@TempDir Path dir) throws IOException {
            DeliverySpec.Builder builder = spec().formats(DeliverySpec.Formats.JPEG)
                    .documentsPerFile(3, 3).sheetsPerDocument(4, 4);
            ScanFault[] faults = ScanFault.values();
            for (int i = 0; i < faults.length; i++) {
                builder.fault(faults[i], BARCODES.get(i % 3), 1 + i);
            }
            Delivery delivery = ScanGenerator.writeDelivery(dir, builder.build());
            assertThat(delivery.faults()).extracting(InjectedFault::fault)
                    .containsExactlyInAnyOrder(faults);
            Map<String, List<Map<String, Object>>> pages = new java.util.HashMap<>();
            Map<String, Map<String, Object>> caseFiles = new java.util.HashMap<>();
            for (Object f : array(index(delivery).get("caseFiles"))) {
                pages.put((String) object(f).get("barcode"), pagesOf(object(f)));
                caseFiles.put((String) object(f).get("barcode"), object(f));
            }
            for (InjectedFault fault : delivery.faults()) {
                Map<String, Object> entry = pages.get(fault.barcode()).get(fault.page() - 1);
                Path file = dir.resolve(fault.file());
                String listedHash = (String) entry.get("sha256");
                switch (fault.fault()) {
                    case TRUNCATED_IMAGE -> {
                        byte[] bytes = Files.readAllBytes(file);
                        assertThat(bytes).startsWith(0xFF, 0xD8);
                        assertThat(bytes[bytes.length - 2] == (byte) 0xFF
                                && bytes[bytes.length - 1] == (byte) 0xD9).as("no EOI").isFalse();
                        assertThat(Images.sha256(file)).isEqualTo(listedHash);
                    }
                    case CORRUPT_IMAGE -> {
                        byte[] bytes = Files.readAllBytes(file);
                        assertThat(Images.jpegMarker(bytes, 0xC0)).as("headers intact").isPositive();
                        assertThat(bytes).endsWith(0xFF, 0xD9);
                        assertThat(Images.sha256(file)).isEqualTo(listedHash);
                    }
                    case ZERO_BYTES -> {
                        assertThat(file).isEmptyFile();
                        assertThat(listedHash).isEqualTo(HashingOutputStream.hex(new byte[0]));
                    }
                    case WRONG_FORMAT -> {
                        assertThat(fault.file()).endsWith(".jpg");
                        assertThat(Images.formatName(Files.readAllBytes(file))).isIn("tif", "tiff");
                        assertThat(Images.sha256(file)).isEqualTo(listedHash);
                    }
                    case HUGE_DIMENSIONS -> {
                        byte[] bytes = Files.readAllBytes(file);
                        assertThat(bytes.length).isLessThan(1024);
                        ImageReader reader = Images.reader(bytes);
                        try { // header only: decoding would try to allocate 3.6 gigapixels
                            assertThat(reader.getWidth(0)).isEqualTo(60_000);
                            assertThat(reader.getHeight(0)).isEqualTo(60_000);
                        } finally {
                            reader.dispose();
                        }
                        assertThat(Images.sha256(file)).isEqualTo(listedHash);
                    }
                    case HASH_MISMATCH -> {
                        assertThat(Images.sha256(file)).isNotEqualTo(listedHash).hasSize(64);
                        assertThat(Images.formatName(Files.readAllBytes(file))).isEqualTo("jpeg");
                    }
                    case MISSING_PAGE -> {
                        assertThat(entry.get("file")).isEqualTo(fault.file());
                        assertThat(file).doesNotExist();
                    }
                    case EXTRA_PAGE -> {
                        assertThat(file).exists();
                        assertThat(pages.get(fault.barcode())).noneMatch(
                                p -> p.get("file").equals(fault.file()));
                        assertThat(Images.formatName(Files.readAllBytes(file))).isEqualTo("jpeg");
                    }
                    case UNKNOWN_DOCUMENT_TYPE -> {
                        List<Object> docs = array(caseFiles.get(fault.barcode()).get("documents"));
                        assertThat(docs).filteredOn(d -> array(object(d).get("pages")).contains(entry))
                                .singleElement()
                                .satisfies(d -> assertThat(DeliverySpec.DEFAULT_DOCUMENT_TYPES)
                                        .doesNotContain((String) object(d).get("type")));
                    }
                    case PATH_TRAVERSAL -> {
                        assertThat(entry.get("file")).isEqualTo("../../etc/passwd");
                        assertThat(file).doesNotExist();
                    }
                }
            }
            // the pages around the faults are untouched
            for (Map.Entry<String, List<Map<String, Object>>> e : pages.entrySet()) {
                for (int p = 0; p < e.getValue().size(); p++) {
                    int ordinal = p + 1;
                    boolean faulted = delivery.faults().stream().anyMatch(
                            f -> f.barcode().equals(e.getKey()) && f.page() == ordinal);
                    if (!faulted) {
                        Path file = dir.resolve((String) e.getValue().get(p).get("file"));
                        assertThat(Images.sha256(file)).isEqualTo(e.getValue().get(p).get("sha256"));
                    }
                }
            }
        }

        @Test
        @DisplayName("a decompression bomb in a G4 delivery is a TIFF claiming 60000 × 60000")
        void tiffBomb(@TempDir Path dir) throws IOException {
            Delivery delivery = ScanGenerator.writeDelivery(dir, spec()
                    .formats(DeliverySpec.Formats.G4)
                    .fault(ScanFault.HUGE_DIMENSIONS, BARCODES.get(1), 2)
                    .fault(ScanFault.WRONG_FORMAT, BARCODES.get(1), 3).build());
            InjectedFault bomb = delivery.faults().get(0);
            ImageReader reader = Images.reader(Files.readAllBytes(dir.resolve(bomb.file())));
            try {
                assertThat(reader.getFormatName()).isEqualToIgnoringCase("tif");
                assertThat(reader.getWidth(0)).isEqualTo(60_000);
                assertThat(reader.getHeight(0)).isEqualTo(60_000);
            } finally {
                reader.dispose();
            }
            assertThat(Images.formatName(Files.readAllBytes(dir.resolve(delivery.faults().get(1).file()))))
                    .isEqualTo("png");
        }

        @Test
        @DisplayName("a fault at a page the case file does not have is refused before anything is written")
        void pageOutOfRange(@TempDir Path dir) {
            DeliverySpec tooFar = spec().fault(ScanFault.ZERO_BYTES, BARCODES.get(0), 10_000).build();
            assertThatThrownBy(() -> ScanGenerator.writeDelivery(dir.resolve("d"), tooFar))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000");
            assertThat(dir.resolve("d")).doesNotExist();
            assertThatThrownBy(() -> spec().fault(ScanFault.ZERO_BYTES, "F999", 1).build())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> spec().fault(ScanFault.ZERO_BYTES, BARCODES.get(0), 1)
                    .fault(ScanFault.MISSING_PAGE, BARCODES.get(0), 1).build())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Set<Path> union(Set<Path> files, Path index) {
        Set<Path> all = new HashSet<>(files);
        all.add(index);
        return all;
    }
}
