package io.github.aktenlift.inventory;

import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.pdfa.LabelPdf;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Prints barcode labels for case files and boxes as a PDF/A-2b, ready for A4 label sheets of
 * {@value #COLUMNS} × {@value #ROWS} labels of 70 × 37 mm. Each label carries its caption, the
 * barcode as a Code 128 symbol drawn in vectors (sharp on any printer), and the barcode in plain
 * text for when the scanner fails.
 *
 * <pre>{@code
 * List<Barcode> issued = lift.inventory().issueCaseFileBarcodes(clerk, 48);
 * try (OutputStream out = Files.newOutputStream(Path.of("labels.pdf"))) {
 *     LabelSheet.write(issued.stream().map(Label::of).toList(), clock.instant(), out);
 * }
 * }</pre>
 *
 * <p>Needs no {@link io.github.aktenlift.Aktenlift} instance: a scan service printing box labels
 * uses it as well as the office. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LabelSheet {

    /** Columns of labels on a sheet. */
    public static final int COLUMNS = LabelPdf.COLUMNS;
    /** Rows of labels on a sheet. */
    public static final int ROWS = LabelPdf.ROWS;
    /** Labels per sheet. */
    public static final int PER_SHEET = COLUMNS * ROWS;

    private LabelSheet() {
    }

    /**
     * Writes the labels in the given order, row by row, {@value #PER_SHEET} to a page.
     *
     * @param labels at least one label
     * @param created when the sheet is made (the PDF's creation date), from the caller's clock
     * @param out where the PDF goes; flushed, not closed
     * @return how many pages were written
     * @throws InvalidValueException if there is no label, or {@code created} or a label is {@code null}
     * @throws IOException if {@code out} fails
     */
    public static int write(List<Label> labels, Instant created, OutputStream out) throws IOException {
        if (labels == null || labels.isEmpty()) {
            throw new InvalidValueException("labels", "at least one label is needed");
        }
        if (labels.stream().anyMatch(Objects::isNull)) {
            throw new InvalidValueException("labels", "must not contain null");
        }
        if (created == null) {
            throw new InvalidValueException("created", "must not be null");
        }
        Objects.requireNonNull(out, "out");
        List<LabelPdf.Item> items = labels.stream()
                .map(l -> new LabelPdf.Item(l.barcode().value(), l.caption())).toList();
        return LabelPdf.render("Barcode-Etiketten", items, created, out);
    }
}
