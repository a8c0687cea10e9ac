package io.github.aktenlift.efile;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.apiguardian.api.API;

/**
 * A clerk's decision on a case file held for matching ({@link ImportResult.Held}): append its
 * documents to one of the candidate e-files, or create a new e-file. The next import then uses
 * the decision. Allowed only while a match is held, for a {@code VERIFIED} case file.
 *
 * <p>Appending is limited to the candidates the evidence named: a decision confirms evidence, it
 * does not introduce an e-file nothing pointed at. An e-file id that is not a candidate is an
 * {@link io.github.aktenlift.UnknownIdentifierException} — except where the match is held because
 * the procedure could not be asked ({@link MatchReason#PROCEDURE_CANNOT_LOOK_UP}): there the clerk
 * looked the e-file up in the e-file system, and any e-file id is taken. Without a held match the command fails
 * with {@link io.github.aktenlift.PreconditionFailedException} {@code NO_MATCH_HELD}.
 *
 * @param barcode the case file
 * @param reviewerId who decided
 * @param eFileId the e-file to append to, or {@code null} to create a new one
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record DecideMatch(@NotNull Barcode barcode, @NotNull @Pattern(regexp = "[A-Za-z0-9._:@-]{1,64}") String reviewerId,
        @Pattern(regexp = "[A-Za-z0-9._:/-]{1,128}") String eFileId) implements Command {

    /**
     * @param barcode the case file
     * @param reviewerId who decided
     * @param eFileId one of the held candidates
     * @return the decision to append to that e-file
     */
    public static DecideMatch appendTo(Barcode barcode, String reviewerId, String eFileId) {
        return new DecideMatch(barcode, reviewerId, java.util.Objects.requireNonNull(eFileId, "eFileId"));
    }

    /**
     * @param barcode the case file
     * @param reviewerId who decided
     * @return the decision to create a new e-file for it
     */
    public static DecideMatch createNew(Barcode barcode, String reviewerId) {
        return new DecideMatch(barcode, reviewerId, null);
    }

    /** @return whether the decision is to create a new e-file */
    public boolean createsNew() {
        return eFileId == null;
    }
}
