package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.SealingKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real renditions and a real scan protocol as the core renders them, taken from a run of the CLI
 * demo: {@code -Daktenlift.sealing.samples=/dir} with plain {@code *.pdf} files, one of them named
 * {@code protocol.pdf}. Skipped without that property (the core is out of this module's reach).
 */
@DisplayName("Renditions and a protocol from the CLI demo")
class DemoRenditionsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("take the protocol as an embedded transfer note and seal to B-LTA: PDF/A-2b, DSS TOTAL_PASSED, our verifier passes")
    void sealDemoOutput() throws IOException {
        String samples = System.getProperty("aktenlift.sealing.samples");
        assumeTrue(samples != null, "no -Daktenlift.sealing.samples given");
        Path protocol = Path.of(samples, "protocol.pdf");
        List<Path> renditions;
        try (Stream<Path> s = Files.list(Path.of(samples))) {
            renditions = s.filter(p -> p.toString().endsWith(".pdf") && !p.equals(protocol)).sorted().toList();
        }
        assumeTrue(Files.exists(protocol) && !renditions.isEmpty(), "samples lack protocol.pdf or renditions");
        PdfAssertions.assertPdfA2b(protocol);
        List<FileJob> jobs = new ArrayList<>();
        for (Path r : renditions) {
            PdfAssertions.assertPdfA2b(r);
            Path withNote = dir.resolve("note-" + r.getFileName());
            PdfAttachments.embed(r, protocol, "scanprotokoll.pdf", "Transfervermerk", withNote);
            jobs.add(new FileJob(withNote, dir.resolve("sealed-" + r.getFileName())));
        }
        try (SealingKey key = Fixtures.key()) {
            List<SealedFile> sealed = PadesSealer.builder(key).level(PadesLevel.B_LTA).timestampAuthority(Fixtures.tsa())
                    .build().sealAll(jobs);
            for (SealedFile f : sealed) {
                PdfAssertions.assertPdfA2b(f.file());
                Dss.Verdict v = Dss.validate(f.file(), Fixtures.PKI.rootCertificate()).only();
                System.out.println(f.file().getFileName() + " " + f.size() + " bytes: DSS " + v);
                assertThat(v.format()).isEqualTo("PAdES-BASELINE-LTA");
                assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");
                assertThat(new SealVerifier(List.of(Fixtures.PKI.rootCertificate())).verifyPdf(f.file()).passed()).isTrue();
            }
        }
    }
}
