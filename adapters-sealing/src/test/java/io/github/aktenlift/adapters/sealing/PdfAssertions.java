package io.github.aktenlift.adapters.sealing;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/** PDF/A-2b checks with veraPDF, run in-process (this module's own copy of the core's helper). */
final class PdfAssertions {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfAssertions() {
    }

    /** Fails, listing every failed rule, unless the file conforms to PDF/A-2b. */
    static void assertPdfA2b(Path pdf) {
        String failed = failures(pdf);
        if (!failed.isEmpty()) {
            fail(pdf.getFileName() + " is not PDF/A-2b:\n" + failed);
        }
    }

    /** @return the failed rules, one per line, or "" if the file conforms */
    static String failures(Path pdf) {
        try (InputStream in = Files.newInputStream(pdf);
             PDFAParser parser = Foundries.defaultInstance().createParser(in, PDFAFlavour.PDFA_2_B);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            ValidationResult result = validator.validate(parser);
            if (result.isCompliant()) {
                return "";
            }
            return result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> "  " + a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber()
                            + ": " + a.getMessage() + " @ " + a.getLocation().getContext())
                    .distinct()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + pdf, e);
        } catch (Exception e) {
            throw new AssertionError("veraPDF could not validate " + pdf, e);
        }
    }
}
