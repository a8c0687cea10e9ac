package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.spi.UnsupportedCapabilityException;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.ProcedureCapability;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectQuery;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The integrator's way to answer look-ups that an xdomea partner does not answer: from the
 * e-file system's own interface, a register export, a directory service. {@link XdomeaProcedure}
 * declares exactly the {@link #capabilities()} of its look-up and delegates to it; without one it
 * declares none, and every transfer waits for a clerk's matching decision.
 *
 * <p>The methods keep the contracts of the same methods of {@link SpecialistProcedure} (name rules
 * of {@link io.github.aktenlift.spi.procedure.SubjectMatching}, AZR number compared exactly,
 * personal data never logged). Implementations are thread-safe. A method whose capability is not
 * declared is never called.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EFileLookup {

    /** @return the look-ups this answers; never {@code null}, the same set on every call */
    Set<ProcedureCapability> capabilities();

    /**
     * @param fileReference the office's file number
     * @return the e-file kept under it, or empty
     */
    default Optional<EFile> findByFileReference(String fileReference) {
        throw new UnsupportedCapabilityException(ProcedureCapability.FIND_BY_FILE_REFERENCE.name(), "not answered");
    }

    /**
     * @param azrNumber the AZR number
     * @return the e-files found; never {@code null}
     */
    default List<EFile> findByAzrNumber(String azrNumber) {
        throw new UnsupportedCapabilityException(ProcedureCapability.FIND_BY_AZR_NUMBER.name(), "not answered");
    }

    /**
     * @param subject identifying data
     * @return the e-files found; never {@code null}
     */
    default List<EFile> findBySubject(SubjectQuery subject) {
        throw new UnsupportedCapabilityException(ProcedureCapability.FIND_BY_SUBJECT.name(), "not answered");
    }

    /** @return a look-up that answers nothing: the partner alone decides nothing, a clerk matches */
    static EFileLookup none() {
        return Set::of;
    }
}
