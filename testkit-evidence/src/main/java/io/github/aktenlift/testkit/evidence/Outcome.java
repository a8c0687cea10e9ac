package io.github.aktenlift.testkit.evidence;

import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.JournalIntegrityException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.DeepVerificationReport;
import io.github.aktenlift.tracking.EvidenceProblem;
import io.github.aktenlift.tracking.JournalViolation;

/**
 * What verification said about a storage: opening an instance (which replays and checks the
 * journal and refuses a bad one with {@link JournalIntegrityException}), then {@code verify()} or
 * {@code verifyDeep()} on it. The storage's own {@link IntegrityException} is a documented answer
 * too; any other exception is kept as unexpected.
 *
 * @param violation the journal's first violation, or {@code null}
 * @param refusedToOpen whether opening refused the journal (the violation came from there)
 * @param damage the storage's own integrity failure, or {@code null}
 * @param deep the deep report, if deep verification ran
 * @param unexpected any other exception, or {@code null}
 */
record Outcome(JournalViolation violation, boolean refusedToOpen, IntegrityException damage,
        DeepVerificationReport deep, RuntimeException unexpected) {

    /** Opens the storage read-only (nothing is executed) and verifies. */
    static Outcome of(Storage storage, boolean deep) {
        Aktenlift lift;
        try {
            lift = ReferenceOffice.builder(storage).build();
        } catch (JournalIntegrityException e) {
            return new Outcome(e.violation(), true, null, null, null);
        } catch (IntegrityException e) {
            return new Outcome(null, true, e, null, null);
        } catch (RuntimeException e) {
            return new Outcome(null, true, null, null, e);
        }
        try (lift) {
            if (deep) {
                DeepVerificationReport r = lift.tracking().verifyDeep();
                return new Outcome(r.journal().firstViolation().orElse(null), false, null, r, null);
            }
            return new Outcome(lift.tracking().verify().firstViolation().orElse(null), false, null, null, null);
        } catch (IntegrityException e) {
            return new Outcome(null, false, e, null, null);
        } catch (RuntimeException e) {
            return new Outcome(null, false, null, null, e);
        }
    }

    /** @return whether anything was found wrong */
    boolean detected() {
        return violation != null || damage != null || (deep != null && !deep.isIntact());
    }

    /** @return whether a deep problem, or the storage's own failure, names the object */
    boolean names(String object) {
        if (damage != null && object.equals(damage.key())) {
            return true;
        }
        return deep != null && deep.problems().stream().map(EvidenceProblem::object).anyMatch(object::equals);
    }

    /** @return whether a deep problem of this kind names the object */
    boolean names(String object, EvidenceProblem.Kind kind) {
        return deep != null && deep.problems().stream().anyMatch(p -> p.object().equals(object) && p.kind() == kind);
    }

    @Override
    public String toString() {
        if (unexpected != null) {
            return "unexpected " + unexpected;
        }
        StringBuilder s = new StringBuilder();
        s.append(violation == null ? "no violation" : violation.toString());
        s.append(refusedToOpen ? " (refused to open)" : "");
        if (damage != null) {
            s.append("; storage: ").append(damage.getMessage());
        }
        if (deep != null) {
            s.append("; deep: ").append(deep.problemsFound()).append(" problem(s)");
            deep.problems().stream().limit(3).forEach(p -> s.append(" [").append(p).append(']'));
        }
        return s.toString();
    }
}
