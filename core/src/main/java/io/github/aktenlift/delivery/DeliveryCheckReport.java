package io.github.aktenlift.delivery;

import io.github.aktenlift.capture.CaptureProblem;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@link DeliveryCheck} found in a delivery folder.
 *
 * @param deliveryId the delivery's id, {@code null} if the index could not be read
 * @param indexFault why the index could not be taken at all, {@code null} if it could; then
 *     nothing else was checked
 * @param caseFiles how many case files the index lists
 * @param pages how many pages passed the checks of path, file and header and were rendered trial-wise
 * @param bytes their bytes
 * @param findings every problem found, case file by case file in the index's order
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record DeliveryCheckReport(String deliveryId, IndexFault indexFault, int caseFiles, long pages, long bytes,
        List<Finding> findings) {

    /**
     * Copies the list.
     *
     * @param deliveryId the delivery's id, {@code null} if the index could not be read
     * @param indexFault why the index could not be taken at all, {@code null} if it could
     * @param caseFiles how many case files the index lists
     * @param pages how many pages were checked through
     * @param bytes their bytes
     * @param findings every problem found
     */
    public DeliveryCheckReport {
        findings = List.copyOf(findings);
    }

    /** @return whether nothing is wrong: capture would take every case file, if each is registered and waiting */
    public boolean clean() {
        return indexFault == null && findings.isEmpty();
    }

    /** @return how many case files have at least one finding */
    public long rejectedCaseFiles() {
        return findings.stream().map(Finding::caseFile).distinct().count();
    }

    /**
     * The index cannot be taken at all: capture would refuse the whole delivery with
     * {@link io.github.aktenlift.capture.InvalidDeliveryException} for the same reason.
     *
     * @param field the field path or file concerned, for example {@code index.json} or {@code deliveryId}
     * @param reason what is wrong, naming a line and column where it can; never a value from the index
     * @since 0.2
     */
    public record IndexFault(String field, String reason) {
        /**
         * Checks for {@code null}.
         *
         * @param field the field path or file concerned
         * @param reason what is wrong
         */
        public IndexFault {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One problem that would make capture reject a case file.
     *
     * @param caseFile the case file's barcode, or {@code caseFiles[n]} where its entry names none
     * @param document the document's id where the problem concerns one document or one of its pages,
     *     else {@code ""}
     * @param page the page file as the index names it (control characters escaped), else {@code ""}
     * @param field the JSON pointer of the index field concerned, for example
     *     {@code /caseFiles/0/documents/1/date}, else {@code ""}
     * @param kind what is wrong, as capture names it
     * @param detail specifics in words: expected and found values; never personal data
     * @since 0.2
     */
    public record Finding(String caseFile, String document, String page, String field, CaptureProblem.Kind kind,
            String detail) {
        /**
         * Checks for {@code null}.
         *
         * @param caseFile the case file's barcode, or {@code caseFiles[n]}
         * @param document the document's id, or {@code ""}
         * @param page the page file, or {@code ""}
         * @param field the JSON pointer of the index field, or {@code ""}
         * @param kind what is wrong
         * @param detail specifics in words
         */
        public Finding {
            Objects.requireNonNull(caseFile, "caseFile");
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(page, "page");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
