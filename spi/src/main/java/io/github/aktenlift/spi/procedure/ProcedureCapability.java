package io.github.aktenlift.spi.procedure;

import org.apiguardian.api.API;

/**
 * A question a specialist procedure can answer about its e-files. Callers and the testkit's
 * contract suite read the declared set ({@link SpecialistProcedure#capabilities()}) instead of
 * assuming: a procedure reached only by messages — an xdomea partner, for example — answers no
 * questions at all, and a caller must then hold a decision for a person rather than read silence as
 * "no e-file".
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum ProcedureCapability {
    /** {@link SpecialistProcedure#findByFileReference} answers from the procedure's e-files. */
    FIND_BY_FILE_REFERENCE,
    /** {@link SpecialistProcedure#findByAzrNumber} answers from the procedure's e-files. */
    FIND_BY_AZR_NUMBER,
    /** {@link SpecialistProcedure#findBySubject} answers from the procedure's e-files. */
    FIND_BY_SUBJECT
}
