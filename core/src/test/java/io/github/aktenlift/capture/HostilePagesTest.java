package io.github.aktenlift.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Capture refuses pages that break the delivery format's rules")
class HostilePagesTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final Office o = Office.of(new InMemoryStorage(),
            Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100)), new InMemoryNotifier());

    @AfterEach
    void close() {
        o.close();
    }

    /** A delivery of the case files, one document of two simplex sheets each, JPEG pages. */
    private Delivery delivery(List<Barcode> files) throws Exception {
        return ScanGenerator.writeDelivery(tmp.resolve("d"), DeliverySpec.builder().deliveryId("D-H").geometry(PAGE)
                .seed(3).barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(1, 1)
                .sheetsPerDocument(2, 2).formats(DeliverySpec.Formats.JPEG).duplex(false).build());
    }

    private static ObjectNode index(Delivery d) throws Exception {
        return (ObjectNode) JSON.readTree(d.index().toFile());
    }

    private static ArrayNode pages(ObjectNode index, int caseFile) {
        return (ArrayNode) index.get("caseFiles").get(caseFile).get("documents").get(0).get("pages");
    }

    private IngestReport ingest(Delivery d, ObjectNode index) throws Exception {
        JSON.writeValue(d.index().toFile(), index);
        return o.lift.capture().ingest(o.scanner, d.directory());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private void assertRejected(IngestReport report, Barcode f, CaptureProblem.Kind kind, String page) {
        assertThat(report.captured()).extracting(CaseFileOutcome::barcode).doesNotContain(f.value());
        assertThat(report.problems()).as("problems: %s", report.problems())
                .anySatisfy(p -> {
                    assertThat(p.kind()).isEqualTo(kind);
                    assertThat(p.barcode()).isEqualTo(f.value());
                    assertThat(p.page()).isEqualTo(page);
                })
                .allSatisfy(p -> assertThat(p.detail()).doesNotContainPattern("[A-Z][a-zA-Z]+(Exception|Error)"));
        assertThat(o.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.PREPARED);
        assertThat(o.storage().content().list("renditions/" + f.value(), java.util.Optional.empty(), 1).items()).isEmpty();
    }

    @Test
    @DisplayName("one image file given for two sheets is refused, naming both pages")
    void sharedImage() throws Exception {
        Barcode f = o.prepareMany(1).get(0);
        Delivery d = delivery(List.of(f));
        ObjectNode index = index(d);
        ArrayNode pages = pages(index, 0);
        String first = pages.get(0).get("file").asText();
        String second = pages.get(1).get("file").asText();
        Files.delete(d.directory().resolve(second));
        ((ObjectNode) pages.get(1)).put("file", first).put("sha256", pages.get(0).get("sha256").asText());
        IngestReport report = ingest(d, index);
        assertRejected(report, f, CaptureProblem.Kind.SHARED_IMAGE, first);
        assertThat(report.problems()).filteredOn(p -> p.kind() == CaptureProblem.Kind.SHARED_IMAGE)
                .singleElement().satisfies(p -> assertThat(p.detail()).contains(first));
    }

    @Test
    @DisplayName("case file A listed with case file B's images is refused: a case file's pages lie in its own folder")
    void foreignFolder() throws Exception {
        List<Barcode> files = o.prepareMany(2);
        Barcode a = files.get(0);
        Barcode b = files.get(1);
        Delivery d = delivery(files);
        ObjectNode index = index(d);
        ObjectNode caseFileA = (ObjectNode) index.get("caseFiles").get(0);
        ObjectNode caseFileB = (ObjectNode) index.get("caseFiles").get(1);
        caseFileA.set("documents", caseFileB.get("documents").deepCopy());
        caseFileA.put("sheets", caseFileB.get("sheets").asInt());
        try (var walk = Files.walk(d.directory().resolve(a.value()))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        IngestReport report = ingest(d, index);
        assertRejected(report, a, CaptureProblem.Kind.FOREIGN_FOLDER, pages(index, 1).get(0).get("file").asText());
        assertThat(report.captured()).extracting(CaseFileOutcome::barcode).containsExactly(b.value());
    }

    @Test
    @DisplayName("a page that is a symbolic link to another page of the delivery is refused: no links of any kind")
    void symlinkToAnotherPage() throws Exception {
        Barcode f = o.prepareMany(1).get(0);
        Delivery d = delivery(List.of(f));
        ObjectNode index = index(d);
        ArrayNode pages = pages(index, 0);
        Path first = d.directory().resolve(pages.get(0).get("file").asText());
        Path second = d.directory().resolve(pages.get(1).get("file").asText());
        Files.delete(second);
        Files.createSymbolicLink(second, first);
        ((ObjectNode) pages.get(1)).put("sha256", pages.get(0).get("sha256").asText());
        assertRejected(ingest(d, index), f, CaptureProblem.Kind.UNSAFE_PATH, pages.get(1).get("file").asText());
    }

    @Test
    @DisplayName("a JPEG without a resolution (JFIF density units 0) is its own problem naming the page")
    void jpegWithoutResolution() throws Exception {
        Barcode f = o.prepareMany(1).get(0);
        Delivery d = delivery(List.of(f));
        ObjectNode index = index(d);
        ObjectNode page = (ObjectNode) pages(index, 0).get(1);
        Path file = d.directory().resolve(page.get("file").asText());
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 6, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("JFIF");
        bytes[13] = 0; // density units: none, an aspect ratio only
        Files.write(file, bytes);
        page.put("sha256", sha256(file));
        assertRejected(ingest(d, index), f, CaptureProblem.Kind.NO_RESOLUTION, page.get("file").asText());
    }

    @Test
    @DisplayName("a palette PNG with colours, declared GRAYSCALE, is refused: the colour mode is the image's own")
    void palettePngDeclaredGray() throws Exception {
        Barcode f = o.prepareMany(1).get(0);
        Delivery d = delivery(List.of(f));
        ObjectNode index = index(d);
        ObjectNode page = (ObjectNode) pages(index, 0).get(0);
        Path jpeg = d.directory().resolve(page.get("file").asText());
        Files.delete(jpeg);
        String name = page.get("file").asText().replaceAll("\\.jpe?g$", ".png");
        Path png = d.directory().resolve(name);
        Files.write(png, palettePng(100));
        page.put("file", name).put("sha256", sha256(png)).put("colorMode", "GRAYSCALE");
        assertRejected(ingest(d, index), f, CaptureProblem.Kind.COLOR_MODE, name);
    }

    /** A small palette PNG (red and white) with a pHYs chunk giving the resolution. */
    private static byte[] palettePng(int dpi) throws Exception {
        IndexColorModel palette = new IndexColorModel(1, 2, new byte[] {(byte) 255, (byte) 255},
                new byte[] {0, (byte) 255}, new byte[] {0, (byte) 255});
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_BINARY, palette);
        image.setRGB(3, 3, 0xffffffff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        byte[] plain = out.toByteArray();
        // pHYs after IHDR (8 signature + 25 IHDR bytes), in pixels per metre
        int ppm = (int) Math.round(dpi / 0.0254);
        ByteBuffer phys = ByteBuffer.allocate(21);
        phys.putInt(9).put("pHYs".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(ppm).putInt(ppm).put((byte) 1);
        CRC32 crc = new CRC32();
        crc.update(phys.array(), 4, 13);
        phys.putInt((int) crc.getValue());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(plain, 0, 33);
        png.write(phys.array());
        png.write(plain, 33, plain.length - 33);
        return png.toByteArray();
    }
}
