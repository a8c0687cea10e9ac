package io.github.aktenlift.retention;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.pdfa.ReportPdf;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A destruction list (<i>Vernichtungsliste</i>) as recorded in the journal: the files due when it
 * was drawn up, those excluded and why, and, once confirmed, what was destroyed under which
 * certificate and what was skipped. Holds identifiers only, no personal data. Render it yourself,
 * or as CSV ({@link #writeCsv}) or PDF/A-2b ({@link #writePdf}).
 *
 * @param id the list's id, recorded in the journal
 * @param createdAt when it was drawn up
 * @param createdBy who drew it up (pseudonymous actor id)
 * @param entries the files due, by barcode
 * @param excluded files past retention that something keeps, by barcode, with the reasons
 * @param notYetDue how many retained files were still within their retention period
 * @param confirmation the confirmation, once confirmed
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record DestructionList(String id, Instant createdAt, String createdBy, List<Entry> entries,
        List<Exclusion> excluded, int notYetDue, Optional<Confirmation> confirmation) {

    private static final List<String> COLUMNS = List.of("list_id", "status", "barcode", "file_reference",
            "protection_level", "retained_until", "location", "reasons");

    /**
     * Validates and copies.
     *
     * @param id the list's id, recorded in the journal
     * @param createdAt when it was drawn up
     * @param createdBy who drew it up (pseudonymous actor id)
     * @param entries the files due, by barcode
     * @param excluded files past retention that something keeps, by barcode, with the reasons
     * @param notYetDue how many retained files were still within their retention period
     * @param confirmation the confirmation, once confirmed
     */
    public DestructionList {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        entries = List.copyOf(entries);
        excluded = List.copyOf(excluded);
        Objects.requireNonNull(confirmation, "confirmation");
    }

    /**
     * A file on the list.
     *
     * @param barcode the case file
     * @param reference its file number
     * @param protection its protection level, which sets the destruction's security level
     * @param retainedUntil when its retention elapsed
     * @param location where its custody last changed, to find the paper by
     * @since 0.1
     */
    public record Entry(Barcode barcode, FileReference reference, ProtectionLevel protection, Instant retainedUntil,
            String location) {
        /**
         * Validates the fields.
         *
         * @param barcode the case file
         * @param reference its file number
         * @param protection its protection level, which sets the destruction's security level
         * @param retainedUntil when its retention elapsed
         * @param location where its custody last changed, to find the paper by
         */
        public Entry {
            Objects.requireNonNull(barcode, "barcode");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(protection, "protection");
            Objects.requireNonNull(retainedUntil, "retainedUntil");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * A file kept off the list, or skipped at confirmation.
     *
     * @param barcode the case file
     * @param reference its file number
     * @param reasons machine-readable reasons, at least one: {@code HOLD:LEGAL_HOLD},
     *     {@code ORIGINAL_NOT_RETURNED:doc-2}, {@code RECALL_OPEN:PAPER_BACK}, {@code STATE:RETURNED}…
     * @since 0.1
     */
    public record Exclusion(Barcode barcode, FileReference reference, List<String> reasons) {
        /**
         * Validates and copies.
         *
         * @param barcode the case file
         * @param reference its file number
         * @param reasons machine-readable reasons, at least one: {@code HOLD:LEGAL_HOLD}, {@code
         *     ORIGINAL_NOT_RETURNED:doc-2}, {@code RECALL_OPEN:PAPER_BACK}, {@code STATE:RETURNED}…
         */
        public Exclusion {
            Objects.requireNonNull(barcode, "barcode");
            Objects.requireNonNull(reference, "reference");
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("an exclusion has a reason");
            }
        }
    }

    /**
     * The confirmation of a list.
     *
     * @param certificateNumber the destruction certificate's number
     * @param confirmedAt when it was recorded
     * @param confirmedBy who confirmed (pseudonymous actor id)
     * @param destroyed the files recorded as destroyed, by barcode
     * @param skipped listed files no longer due at confirmation, with the reasons, by barcode
     * @since 0.1
     */
    public record Confirmation(String certificateNumber, Instant confirmedAt, String confirmedBy,
            List<Barcode> destroyed, List<Exclusion> skipped) {
        /**
         * Validates and copies.
         *
         * @param certificateNumber the destruction certificate's number
         * @param confirmedAt when it was recorded
         * @param confirmedBy who confirmed (pseudonymous actor id)
         * @param destroyed the files recorded as destroyed, by barcode
         * @param skipped listed files no longer due at confirmation, with the reasons, by barcode
         */
        public Confirmation {
            Objects.requireNonNull(certificateNumber, "certificateNumber");
            Objects.requireNonNull(confirmedAt, "confirmedAt");
            Objects.requireNonNull(confirmedBy, "confirmedBy");
            destroyed = List.copyOf(destroyed);
            skipped = List.copyOf(skipped);
        }
    }

    /** @return whether the list has been confirmed */
    public boolean isConfirmed() {
        return confirmation.isPresent();
    }

    /**
     * Writes the list as CSV (RFC 4180, with a header line): one row per file, with columns
     * {@code list_id, status, barcode, file_reference, protection_level, retained_until, location,
     * reasons}. The status is {@code LISTED} on an open list, {@code DESTROYED} or {@code SKIPPED}
     * once confirmed, and {@code EXCLUDED} for the files kept off; reasons are separated by
     * {@code ;}.
     *
     * @param out where the CSV goes; flushed, not closed
     * @throws IOException if {@code out} fails
     */
    public void writeCsv(Writer out) throws IOException {
        CsvSchema.Builder b = CsvSchema.builder();
        COLUMNS.forEach(b::addColumn);
        CsvMapper mapper = new CsvMapper();
        mapper.configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        // quote only where needed: by default Jackson quotes every value longer than 24 characters
        mapper.enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
        try (SequenceWriter w = mapper.writer(b.build().withHeader().withLineSeparator("\r\n")).writeValues(out)) {
            for (String[] row : rows()) {
                w.write(row);
            }
        }
        out.flush();
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        Map<Barcode, Exclusion> skipped = new HashMap<>();
        confirmation.ifPresent(c -> c.skipped().forEach(s -> skipped.put(s.barcode(), s)));
        for (Entry e : entries) {
            Optional<Exclusion> skip = Optional.ofNullable(skipped.get(e.barcode()));
            String status = confirmation.isEmpty() ? "LISTED" : skip.isPresent() ? "SKIPPED" : "DESTROYED";
            rows.add(new String[] {id, status, e.barcode().value(), e.reference().value(), e.protection().name(),
                    e.retainedUntil().toString(), e.location(), skip.map(s -> String.join(";", s.reasons())).orElse("")});
        }
        for (Exclusion x : excluded) {
            rows.add(new String[] {id, "EXCLUDED", x.barcode().value(), x.reference().value(), "", "", "",
                    String.join(";", x.reasons())});
        }
        return rows;
    }

    /**
     * Writes the list as a PDF/A-2b report, for signing and filing with the certificate. Equal
     * lists give byte-identical files: the creation time is the list's (or its confirmation's).
     *
     * @param out where the PDF goes; flushed, not closed
     * @throws IOException if {@code out} fails
     */
    public void writePdf(OutputStream out) throws IOException {
        writePdf(out, "Vernichtungsliste / destruction list " + id);
    }

    /**
     * Writes the list as a PDF/A-2b document for signing and filing with the certificate: the
     * office and date in every page's header, "Seite i von n" in the footer, the files as a table
     * with column heads, and lines for the people who draw it up, approve it, destroy the files
     * and witness it. Equal lists give byte-identical files.
     *
     * @param out where the PDF goes; flushed, not closed
     * @param office the office the list is for, printed in every page's header
     * @throws IOException if {@code out} fails
     * @since 0.2
     */
    public void writePdf(OutputStream out, String office) throws IOException {
        Objects.requireNonNull(office, "office");
        List<ReportPdf.Block> blocks = new ArrayList<>();
        List<ReportPdf.Row> head = new ArrayList<>();
        head.add(new ReportPdf.Row("Liste / List", id));
        head.add(new ReportPdf.Row("Erstellt / Drawn up", createdAt + " · " + createdBy));
        head.add(new ReportPdf.Row("Akten / Files", Integer.toString(entries.size())));
        head.add(new ReportPdf.Row("Ausgenommen / Excluded", Integer.toString(excluded.size())));
        head.add(new ReportPdf.Row("Noch nicht fällig / Not yet due", Integer.toString(notYetDue)));
        confirmation.ifPresent(c -> {
            head.add(new ReportPdf.Row("Zertifikat / Certificate", c.certificateNumber()));
            head.add(new ReportPdf.Row("Bestätigt / Confirmed", c.confirmedAt() + " · " + c.confirmedBy()));
            head.add(new ReportPdf.Row("Vernichtet / Destroyed", Integer.toString(c.destroyed().size())));
            head.add(new ReportPdf.Row("Übersprungen / Skipped", Integer.toString(c.skipped().size())));
        });
        blocks.add(new ReportPdf.Section("Vernichtungsliste / Destruction list", head));
        List<List<String>> files = new ArrayList<>();
        int n = 0;
        for (String[] r : rows()) {
            if (!"EXCLUDED".equals(r[1])) {
                files.add(List.of(Integer.toString(++n), r[2], r[3], r[4], r[5].substring(0, Math.min(10, r[5].length())),
                        r[6], r[1] + (r[7].isEmpty() ? "" : ": " + r[7])));
            }
        }
        blocks.add(new ReportPdf.Table("Akten / Files", List.of("Nr.", "Barcode", "Aktenzeichen / reference",
                "Schutz / level", "aufbewahrt bis / until", "Ort / location", "Status"),
                List.of(0.5f, 1.6f, 1.9f, 1.1f, 1.4f, 1.4f, 1.5f), files));
        List<List<String>> kept = new ArrayList<>();
        excluded.forEach(x -> kept.add(List.of(x.barcode().value(), x.reference().value(), String.join(", ", x.reasons()))));
        if (kept.isEmpty()) {
            kept.add(List.of("—", "—", "keine / none"));
        }
        blocks.add(new ReportPdf.Table("Ausgenommen / Excluded", List.of("Barcode", "Aktenzeichen / reference",
                "Grund / reason"), List.of(1.6f, 1.9f, 4.0f), kept));
        blocks.add(new ReportPdf.Signatures("Unterschriften / Signatures", List.of("Aufgestellt von / Drawn up by",
                "Genehmigt von / Approved by", "Vernichtet von / Destroyed by", "Zeuge / Witness")));
        ReportPdf.render(new ReportPdf.Document("Vernichtungsliste " + id, office,
                confirmation.map(Confirmation::confirmedAt).orElse(createdAt), blocks), out);
        out.flush();
    }
}
