package io.github.aktenlift.report;

import io.github.aktenlift.casefile.Barcode;

import java.io.IOException;
import java.io.OutputStream;
import org.apiguardian.api.API;

/**
 * The reports of an {@link io.github.aktenlift.Aktenlift} instance. Reports only read the journal;
 * nothing in storage changes. Thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface Reports {

    /**
     * Computes the project's progress against a plan, as of the journal's clock, in one pass over
     * the journal (bounded memory: a few numbers per case file).
     *
     * @param plan the plan
     * @return the report
     */
    ProgressReport progress(ProgressPlan plan);

    /**
     * Writes a progress report as one self-contained HTML page: charts as inline SVG, styles inline,
     * no script and nothing loaded from elsewhere (its content security policy forbids it).
     *
     * @param report the report
     * @param out where the page goes; not closed
     * @throws IOException if writing fails
     */
    void writeHtml(ProgressReport report, java.io.Writer out) throws IOException;

    /**
     * Writes a progress report as a PDF/A-2b document: the same figures as tables, with the date in
     * every page's header and "Seite i von n" in the footer.
     *
     * @param report the report
     * @param out where the PDF goes; not closed
     * @throws IOException if writing fails
     */
    void writePdf(ProgressReport report, OutputStream out) throws IOException;

    /**
     * Writes the audit report of one case file as PDF/A-2b: its whole chain of custody — every
     * event with time, kind, actor, site and the facts it records — for an auditor. Personal data
     * of the file's subject is not printed (only its hash, as the journal keeps it).
     *
     * @param barcode the case file
     * @param out where the PDF goes; not closed
     * @throws io.github.aktenlift.UnknownIdentifierException if no such case file is known
     * @throws IOException if writing fails
     */
    void writeAuditReport(Barcode barcode, OutputStream out) throws IOException;
}
