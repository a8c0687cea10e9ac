package io.github.aktenlift.pdfa;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** PDF/A checks with veraPDF, the reference validator, run in-process. */
public final class PdfAssertions {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfAssertions() {
    }

    /** Fails, listing every failed rule, unless the file conforms to PDF/A-2b. */
    public static void assertPdfA2b(Path pdf) {
        try (InputStream in = Files.newInputStream(pdf)) {
            assertPdfA2b(in, pdf.getFileName().toString());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + pdf, e);
        }
    }

    /** Fails, listing every failed rule, unless the bytes conform to PDF/A-2b. */
    public static void assertPdfA2b(byte[] pdf) {
        assertPdfA2b(new ByteArrayInputStream(pdf), "the PDF");
    }

    /** Fails, listing every failed rule, unless the bytes conform to PDF/A-2u (all text maps to Unicode). */
    public static void assertPdfA2u(byte[] pdf) {
        assertPdfA(new ByteArrayInputStream(pdf), "the PDF", PDFAFlavour.PDFA_2_U);
    }

    private static void assertPdfA2b(InputStream in, String name) {
        assertPdfA(in, name, PDFAFlavour.PDFA_2_B);
    }

    private static void assertPdfA(InputStream in, String name, PDFAFlavour flavour) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(in, flavour);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            ValidationResult result = validator.validate(parser);
            if (!result.isCompliant()) {
                String failed = result.getTestAssertions().stream()
                        .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                        .map(a -> "  " + a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber()
                                + ": " + a.getMessage() + " @ " + a.getLocation().getContext())
                        .distinct()
                        .collect(Collectors.joining("\n"));
                fail(name + " is not PDF/A-" + flavour.getId() + ":\n" + failed);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("veraPDF could not validate " + name, e);
        }
    }
}
