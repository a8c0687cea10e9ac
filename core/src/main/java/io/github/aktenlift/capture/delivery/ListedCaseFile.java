package io.github.aktenlift.capture.delivery;

import io.github.aktenlift.capture.CaptureProblem;

import java.util.List;
import java.util.Objects;

/**
 * One case file as the index lists it: its entry, or what is wrong with the entry. Either way
 * it stands on its own; a bad entry rejects only its own case file.
 *
 * @param position its place in the index's {@code caseFiles}, from 0
 * @param barcode its barcode if the entry names a well-formed one, else {@code null}
 * @param label how reports name it: the barcode, or {@code caseFiles[n]} where there is none
 * @param entry the entry, {@code null} if it has problems
 * @param problems what is wrong with the entry ({@link CaptureProblem.Kind#INVALID_ENTRY}, each
 *     naming the field by its JSON pointer); empty if the entry is good
 */
public record ListedCaseFile(int position, String barcode, String label, CaseFileEntry entry,
        List<CaptureProblem> problems) {

    /** Checks that there is an entry or a problem, never both. */
    public ListedCaseFile {
        Objects.requireNonNull(label, "label");
        problems = List.copyOf(problems);
        if ((entry == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("either an entry or problems");
        }
    }
}
