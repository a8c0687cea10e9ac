package io.github.aktenlift.examples.cli;

import io.github.aktenlift.adapters.filesystem.FilesystemSettings;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator finds in a workspace's storage: on a new workspace (storage format 2) every
 * stored PDF is a plain file under its case file's barcode that any PDF tool opens as it is; a
 * workspace made before (format 1) still works and stays as it was.
 */
@DisplayName("stored files of a workspace")
class StoredFilesTest {

    @TempDir
    Path tmp;

    private Delivery delivery(String id, List<Barcode> files) throws IOException {
        DeliverySpec spec = DeliverySpec.builder().deliveryId(id).geometry(PageGeometry.a4(200)).seed(5)
                .barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(1, 2).sheetsPerDocument(1, 2)
                .formats(DeliverySpec.Formats.MIXED).build();
        return ScanGenerator.writeDelivery(tmp.resolve(id), spec);
    }

    private static List<Path> pdfs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".pdf")).sorted().toList();
        }
    }

    @Test
    @DisplayName("on a new workspace, every rendition and protocol PDF lies under its barcode and opens with PDFBox from its path as PDF/A-2b; a changed byte is found on read")
    void plainPdfs() throws IOException {
        Path workspace = tmp.resolve("w");
        List<Barcode> files = Cli.preparedWorkspace(workspace, Cli.NOW.minusSeconds(86_400), 3);
        Cli.Run ingest = Cli.run("ingest", delivery("D-1", files).directory().toString(), "--dir", workspace.toString());
        assertThat(ingest.exitCode()).as("%s", ingest).isZero();
        Path content = workspace.resolve(Workspace.STORAGE).resolve("content");
        assertThat(Files.readString(workspace.resolve(Workspace.STORAGE).resolve("aktenlift-storage.txt")))
                .contains("format 2");

        for (Barcode f : files) {
            List<Path> renditions = pdfs(content.resolve("renditions").resolve(f.value()).resolve("1"));
            assertThat(renditions).as("renditions of %s", f).isNotEmpty();
            List<Path> protocol = pdfs(content.resolve("protocols").resolve(f.value()));
            assertThat(protocol).as("protocol PDF of %s", f).hasSize(1);
            for (Path pdf : Stream.concat(renditions.stream(), protocol.stream()).toList()) {
                try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                    assertThat(doc.getNumberOfPages()).as("pages of %s", pdf).isPositive();
                }
                PdfA.assertPdfA2b(Files.readAllBytes(pdf), content.relativize(pdf).toString());
                assertThat(pdf.resolveSibling(pdf.getFileName() + "~sum")).as("sidecar of %s", pdf).isRegularFile();
            }
        }

        Path rendition = pdfs(content.resolve("renditions").resolve(files.get(1).value())).get(0);
        try (RandomAccessFile f = new RandomAccessFile(rendition.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
        Cli.Run verify = Cli.run("verify", "--deep", "--dir", workspace.toString());
        assertThat(verify.exitCode()).as("%s", verify).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(verify.out() + verify.err()).contains("renditions/" + files.get(1).value() + "/1/")
                .doesNotContain("\tat ");
    }

    @Test
    @DisplayName("a workspace of storage format 1, as made before format 2, still opens: ingest, status and verify --deep work, and it stays format 1")
    void format1WorkspaceStillWorks() throws IOException {
        Path workspace = tmp.resolve("old");
        List<Barcode> files = Cli.preparedWorkspace(workspace, Cli.NOW.minusSeconds(86_400), 2,
                Map.of(FilesystemSettings.FORMAT, "1"));
        Cli.Run ingest = Cli.run("ingest", delivery("D-OLD", files).directory().toString(), "--dir", workspace.toString());
        assertThat(ingest.exitCode()).as("%s", ingest).isZero();
        Cli.Run status = Cli.run("status", "--dir", workspace.toString(), "--json");
        assertThat(status.exitCode()).as("%s", status).isZero();
        Cli.Run verify = Cli.run("verify", "--deep", "--dir", workspace.toString());
        assertThat(verify.exitCode()).as("%s", verify).isZero();
        Path storage = workspace.resolve(Workspace.STORAGE);
        assertThat(Files.readString(storage.resolve("aktenlift-storage.txt"))).contains("format 1");
        try (Stream<Path> s = Files.walk(storage.resolve("content"))) {
            List<String> names = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n).endsWith("~o"));
        }
    }
}
