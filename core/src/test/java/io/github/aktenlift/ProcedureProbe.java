package io.github.aktenlift;

import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.UnsupportedCapabilityException;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.ProcedureCapability;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectQuery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A specialist procedure seen through a probe: every call is logged by method name, and the test
 * can make the next calls of one method fail as if the procedure were unreachable, lose the answer
 * of a call that took effect, or change the {@code retryAfter} of pending answers. Tests may
 * override a method to interleave something with a call.
 */
class ProcedureProbe implements SpecialistProcedure {

    private final SpecialistProcedure target;
    private final List<String> calls = new ArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lostAnswers = new ConcurrentHashMap<>();
    private volatile Duration retryAfter;
    private volatile Set<ProcedureCapability> declared = EnumSet.allOf(ProcedureCapability.class);

    ProcedureProbe(SpecialistProcedure target) {
        this.target = target;
    }

    /** The next {@code times} calls of {@code method} throw {@link UnavailableException} without reaching the procedure. */
    void failNext(String method, int times) {
        failures.put(method, new AtomicInteger(times));
    }

    /**
     * The next call of {@code method} reaches the procedure and takes effect, but its answer is
     * lost on the way back: the caller sees {@link UnavailableException}.
     */
    void loseNextAnswer(String method) {
        lostAnswers.put(method, new AtomicInteger(1));
    }

    /**
     * From now on the probe declares only these look-ups, and the others throw
     * {@link UnsupportedCapabilityException} as the SPI says (and are logged as calls, so that a
     * test sees that they were not called).
     */
    void declare(Set<ProcedureCapability> capabilities) {
        declared = Set.copyOf(capabilities);
    }

    @Override
    public Set<ProcedureCapability> capabilities() {
        return declared;
    }

    private void requireDeclared(ProcedureCapability c) {
        if (!declared.contains(c)) {
            throw new UnsupportedCapabilityException(c.name(), "not declared by the probe");
        }
    }

    /** Pending answers say to ask again after this long (instead of what the procedure said). */
    void retryAfter(Duration d) {
        retryAfter = d;
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized long calls(String method) {
        return calls.stream().filter(method::equals).count();
    }

    private synchronized void call(String method) {
        calls.add(method);
        AtomicInteger left = failures.get(method);
        if (left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new UnavailableException(method + " failed (injected)", null);
        }
    }

    private <T> T answer(String method, T result) {
        AtomicInteger left = lostAnswers.get(method);
        if (left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new UnavailableException(method + " answer lost (injected)", null);
        }
        if (result instanceof ImportOutcome.Pending p && retryAfter != null) {
            @SuppressWarnings("unchecked")
            T changed = (T) new ImportOutcome.Pending(p.idempotencyKey(), retryAfter);
            return changed;
        }
        return result;
    }

    @Override
    public Optional<EFile> findByFileReference(String fileReference) {
        call("findByFileReference");
        requireDeclared(ProcedureCapability.FIND_BY_FILE_REFERENCE);
        return answer("findByFileReference", target.findByFileReference(fileReference));
    }

    @Override
    public List<EFile> findByAzrNumber(String azrNumber) {
        call("findByAzrNumber");
        requireDeclared(ProcedureCapability.FIND_BY_AZR_NUMBER);
        return answer("findByAzrNumber", target.findByAzrNumber(azrNumber));
    }

    @Override
    public List<EFile> findBySubject(SubjectQuery subject) {
        call("findBySubject");
        requireDeclared(ProcedureCapability.FIND_BY_SUBJECT);
        return answer("findBySubject", target.findBySubject(subject));
    }

    @Override
    public EFile createEFile(EFileRequest request) {
        call("createEFile");
        return answer("createEFile", target.createEFile(request));
    }

    @Override
    public ImportOutcome importPackage(ImportPackage pkg) {
        call("importPackage");
        return answer("importPackage", target.importPackage(pkg));
    }

    @Override
    public ImportOutcome status(String idempotencyKey) {
        call("status");
        return answer("status", target.status(idempotencyKey));
    }
}
