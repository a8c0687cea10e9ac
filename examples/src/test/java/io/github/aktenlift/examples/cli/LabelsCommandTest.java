package io.github.aktenlift.examples.cli;

import io.github.aktenlift.IdSource;
import io.github.aktenlift.casefile.Barcode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift labels")
class LabelsCommandTest {

    @TempDir
    Path tmp;

    private Path workspace;
    private List<Barcode> files;
    private Barcode box;

    @BeforeEach
    void office() {
        workspace = tmp.resolve("w");
        Clock clock = Clock.fixed(Cli.NOW, ZoneOffset.UTC);
        try (Workspace w = Workspace.create(workspace, clock, IdSource.sequential("p"), false)) {
            files = w.lift().inventory().issueCaseFileBarcodes(Logistics.CLERK, 3);
            Logistics.registerAndPrepare(w.lift(), clock, files);
            box = w.lift().tracking().boxes().get(0);
        }
    }

    @Test
    @DisplayName("writes a PDF/A-2b whose symbols decode back to the barcodes asked for, in that order, twice if asked twice")
    void decodable() throws IOException {
        Path pdf = tmp.resolve("labels.pdf");
        Cli.Run run = Cli.run("labels", "--dir", workspace.toString(), files.get(2).value(), box.value(),
                files.get(0).value(), files.get(0).value(), "-o", pdf.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("wrote 4 labels (case files: 3, boxes: 1) on 1 page");
        byte[] bytes = Files.readAllBytes(pdf);
        PdfA.assertPdfA2b(bytes, "labels.pdf");
        List<String> decoded = LabelDecoder.decode(bytes);
        assertThat(decoded.subList(0, 4)).containsExactly(files.get(2).value(), box.value(), files.get(0).value(),
                files.get(0).value());
        assertThat(decoded.subList(4, decoded.size())).containsOnlyNulls();
    }

    @Test
    @DisplayName("refuses a barcode the workspace does not know, naming it, and writes nothing")
    void unknown() {
        Path pdf = tmp.resolve("labels.pdf");
        Cli.Run run = Cli.run("labels", "--dir", workspace.toString(), files.get(0).value(), "F99999999X",
                "-o", pdf.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown case file or box F99999999X").doesNotContain("\tat ");
        assertThat(pdf).doesNotExist();
        assertThat(tmp).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    @DisplayName("takes barcodes or --all, not both and not neither")
    void barcodesOrAll() {
        Path pdf = tmp.resolve("labels.pdf");
        assertThat(Cli.run("labels", "--dir", workspace.toString(), "--all", files.get(0).value(), "-o",
                pdf.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        Cli.Run neither = Cli.run("labels", "--dir", workspace.toString(), "-o", pdf.toString());
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(neither.err()).contains("BARCODE", "--all");
        assertThat(pdf).doesNotExist();
    }
}
