package io.github.aktenlift.adapters.tesseract;

import io.github.aktenlift.spi.ocr.OcrException;
import io.github.aktenlift.spi.ocr.OcrRequest;
import io.github.aktenlift.spi.ocr.RecognisedPage;
import io.github.aktenlift.spi.ocr.RecognisedWord;
import io.github.aktenlift.testkit.KnownText;
import io.github.aktenlift.testkit.PageFormat;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The tesseract command as an OCR engine")
class TesseractEngineTest {

    /** A strip of an A4 page at 300 dpi: real type size, a fraction of a page's run time. */
    private static final PageGeometry STRIP = new PageGeometry(2480, 700, 300);

    @TempDir
    Path tmp;

    /** The engine, if Debian's tesseract-ocr and tesseract-ocr-deu are installed; the test is skipped, saying so, if not. */
    private static TesseractEngine installed() {
        TesseractEngine engine = TesseractEngine.builder().languages("deu").timeout(Duration.ofSeconds(60))
                .parallelism(1).build();
        try {
            engine.check();
        } catch (OcrException e) {
            Assumptions.abort("tesseract with German is not installed here (adapters-tesseract/src/test/tesseract/"
                    + "install.sh installs it where apt-get can): " + e.getMessage());
        }
        return engine;
    }

    @Test
    @DisplayName("a generated German page is recognised: its words, with umlauts and ß, where they stand")
    void germanPage() throws Exception {
        TesseractEngine engine = installed();
        KnownText known = KnownText.layout(STRIP, 12, List.of(
                "Antrag auf Erteilung einer Aufenthaltserlaubnis",
                "Die Ausländerbehörde prüft die Unterlagen",
                "Bitte sprechen Sie persönlich vor",
                "Straße Größe Gebühr Müller Weiß"));
        Path page = tmp.resolve("page.png");
        ScanGenerator.withSeed(3).write(PageFormat.JPEG, page.resolveSibling("page.jpg"), known, true);
        Path jpeg = page.resolveSibling("page.jpg");

        RecognisedPage result = engine.recognise(new OcrRequest(jpeg, STRIP.widthPx(), STRIP.heightPx(), 300));

        assertThat(engine.describe()).startsWith("tesseract 5").endsWith("(deu)");
        assertThat(result.engine()).isEqualTo(engine.describe());
        assertThat(result.width()).isEqualTo(STRIP.widthPx());
        List<String> found = result.words().stream().map(RecognisedWord::text).toList();
        List<KnownText.Word> expected = known.words();
        long right = expected.stream().filter(w -> found.contains(w.text())).count();
        assertThat(right).as("known words found among %s", found).isGreaterThanOrEqualTo(expected.size() - 2);
        assertThat(found).contains("Ausländerbehörde", "Straße", "Größe");
        for (KnownText.Word w : expected) {
            result.words().stream().filter(r -> r.text().equals(w.text())).findFirst().ifPresent(r -> {
                double cx = (r.left() + r.right()) / 2.0;
                double cy = (r.top() + r.bottom()) / 2.0;
                assertThat(cx).as("centre of %s", w.text()).isBetween((double) w.left(), (double) w.right());
                assertThat(cy).as("centre of %s", w.text()).isBetween((double) w.top(), (double) w.bottom());
            });
        }
        assertThat(result.words()).allSatisfy(r -> assertThat(r.confidence()).isBetween(0.0, 1.0));
        assertThat(result.words().stream().mapToInt(RecognisedWord::line).max().orElse(0)).isEqualTo(4);
    }

    @Nested
    @DisplayName("failures are typed and name the engine, never recognised text")
    class Failures {

        @Test
        @DisplayName("a command that is not there: UNAVAILABLE, at check and at recognise")
        void missing() {
            TesseractEngine engine = TesseractEngine.builder().command(tmp.resolve("no-tesseract").toString()).build();
            assertThatThrownBy(engine::check).isInstanceOfSatisfying(OcrException.class,
                    e -> assertThat(e.kind()).isEqualTo(OcrException.Kind.UNAVAILABLE));
            assertThatThrownBy(() -> engine.recognise(new OcrRequest(tmp.resolve("p.jpg"), 10, 10, 300)))
                    .isInstanceOfSatisfying(OcrException.class,
                            e -> assertThat(e.kind()).isEqualTo(OcrException.Kind.UNAVAILABLE));
        }

        @Test
        @DisplayName("a page that takes longer than the timeout: the process is stopped, TIMEOUT")
        void timeout() throws Exception {
            Path slow = script("sleep 30");
            TesseractEngine engine = TesseractEngine.builder().command(slow.toString())
                    .timeout(Duration.ofMillis(500)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> engine.recognise(new OcrRequest(tmp.resolve("p.jpg"), 10, 10, 300)))
                    .isInstanceOfSatisfying(OcrException.class, e -> {
                        assertThat(e.kind()).isEqualTo(OcrException.Kind.TIMEOUT);
                        assertThat(e.getMessage()).contains("p.jpg");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }

        @Test
        @DisplayName("an engine that fails or writes what is not TSV: FAILED, BAD_OUTPUT")
        void failedAndGarbage() throws Exception {
            TesseractEngine failing = TesseractEngine.builder().command(script("exit 3").toString()).build();
            assertThatThrownBy(() -> failing.recognise(new OcrRequest(tmp.resolve("p.jpg"), 10, 10, 300)))
                    .isInstanceOfSatisfying(OcrException.class, e -> {
                        assertThat(e.kind()).isEqualTo(OcrException.Kind.FAILED);
                        assertThat(e.getMessage()).contains("exited with 3");
                    });
            TesseractEngine garbage = TesseractEngine.builder().command(script("echo Antrag").toString()).build();
            assertThatThrownBy(() -> garbage.recognise(new OcrRequest(tmp.resolve("p.jpg"), 10, 10, 300)))
                    .isInstanceOfSatisfying(OcrException.class, e -> {
                        assertThat(e.kind()).isEqualTo(OcrException.Kind.BAD_OUTPUT);
                        assertThat(e.getMessage()).doesNotContain("Antrag");
                    });
        }

        @Test
        @DisplayName("a program that does not answer as tesseract, or lacks the language: UNAVAILABLE at check")
        void notTesseract() throws Exception {
            TesseractEngine impostor = TesseractEngine.builder().command(script("echo cat 1.0").toString()).build();
            assertThatThrownBy(impostor::check).isInstanceOfSatisfying(OcrException.class,
                    e -> assertThat(e.kind()).isEqualTo(OcrException.Kind.UNAVAILABLE));
            TesseractEngine noKlingon = TesseractEngine.builder().command(script(
                    "if [ \"$1\" = --version ]; then echo tesseract 5.3.0; else echo 'List of available languages (2):';"
                            + " echo deu; echo eng; fi").toString()).languages("tlh").build();
            assertThatThrownBy(noKlingon::check).isInstanceOfSatisfying(OcrException.class, e -> {
                assertThat(e.kind()).isEqualTo(OcrException.Kind.UNAVAILABLE);
                assertThat(e.getMessage()).contains("tlh");
            });
        }

        private Path script(String body) throws Exception {
            Path s = tmp.resolve("fake-" + Math.abs(body.hashCode()) + ".sh");
            Files.writeString(s, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
            return s;
        }
    }
}
