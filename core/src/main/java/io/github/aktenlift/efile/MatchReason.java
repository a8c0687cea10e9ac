package io.github.aktenlift.efile;

import org.apiguardian.api.API;

/**
 * Why a transfer's e-file could not be matched without a person's decision.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum MatchReason {
    /** The procedure keeps several e-files under the subject's AZR number. */
    AMBIGUOUS_AZR_NUMBER,
    /** No AZR number or file reference matched, and several e-files fit name and date of birth. */
    AMBIGUOUS_SUBJECT,
    /** The AZR number points at one e-file, the file reference at another. */
    AZR_NUMBER_VS_REFERENCE,
    /** The AZR number points at one e-file, name and date of birth at others. */
    AZR_NUMBER_VS_SUBJECT,
    /** The file reference points at one e-file, name and date of birth at others. */
    REFERENCE_VS_SUBJECT,
    /**
     * Aktenlift imported other case files of the same person into an e-file that the procedure's
     * answer does not name (or the procedure finds no e-file at all).
     */
    LOCAL_RECORD_DIFFERS,
    /** Aktenlift imported a case file of a different person into the e-file that matched. */
    EFILE_HOLDS_OTHER_PERSON,
    /**
     * The procedure does not declare a look-up that matching needs
     * ({@link io.github.aktenlift.spi.procedure.SpecialistProcedure#capabilities()}): an xdomea
     * partner, for example, answers no queries. What it cannot answer is never read as "no e-file";
     * the clerk finds the e-file in the e-file system and may name any e-file in the decision.
     *
     * @since 0.1
     */
    PROCEDURE_CANNOT_LOOK_UP
}
