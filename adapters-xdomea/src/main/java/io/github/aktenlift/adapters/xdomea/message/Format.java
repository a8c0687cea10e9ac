package io.github.aktenlift.adapters.xdomea.message;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A format of a document version ({@code Format}).
 *
 * @param code {@code Name/code} of the xdomea code list {@code Dateiformat} 1.0, for example
 *     {@code 044} (PDF for archiving) or {@code 018} (PDF); {@code 100} means "other"
 * @param otherName {@code SonstigerName}, the format's name when the code is {@code 100}; or {@code null}
 * @param version {@code Version}, the format's version, for example {@code 2b} for PDF/A-2b; may
 *     be empty, never {@code null}
 * @param file {@code Primaerdokument}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Format(String code, String otherName, String version, PrimaryFile file) {

    /** Format code {@code 044}: "pdf - Portable Document Format (Archival)". */
    public static final String PDF_ARCHIVAL = "044";
    /** Format code {@code 018}: "pdf - Portable Document Format". */
    public static final String PDF = "018";
    /** Format code {@code 100}: "Sonstiges". */
    public static final String OTHER = "100";

    /**
     * Checks for {@code null} where required.
     *
     * @param code {@code Name/code} of the xdomea code list {@code Dateiformat} 1.0, for example {@code 044}
     *     (PDF for archiving) or {@code 018} (PDF); {@code 100} means "other"
     * @param otherName {@code SonstigerName}, the format's name when the code is {@code 100}; or {@code null}
     * @param version {@code Version}, the format's version, for example {@code 2b} for PDF/A-2b; may be
     *     empty, never {@code null}
     * @param file {@code Primaerdokument}
     */
    public Format {
        Texts.required("code", code);
        Texts.optional("otherName", otherName);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(file, "file");
    }

    /** @return whether this format is PDF (codes {@code 018} and {@code 044}) */
    public boolean isPdf() {
        return PDF.equals(code) || PDF_ARCHIVAL.equals(code);
    }
}
