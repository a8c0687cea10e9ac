package io.github.aktenlift.efile.handover;

import io.github.aktenlift.lifecycle.MatchedBy;
import io.github.aktenlift.efile.MatchReason;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Decides from the evidence which e-file a transfer belongs in. The criteria rank AZR number, then
 * file reference, then name and date of birth: the strongest one that finds anything names the
 * e-file, and every weaker one that finds something must include it. Aktenlift's own record is
 * the cross-check: the person's earlier imports must have gone to that e-file, and no other
 * person's may have. Anything else is held for a person's decision, and so is every transfer for
 * which the procedure could not be asked all it needs to be asked: what it cannot answer is
 * unknown, not "no e-file". Pure: no I/O.
 */
final class EFileMatcher {

    private EFileMatcher() {
    }

    /**
     * @param byAzrNumber e-files the procedure keeps under the subject's AZR number (empty without one)
     * @param byReference the e-file kept under the case file's reference, if any
     * @param bySubject e-files of persons with the same name and date of birth
     * @param local e-files Aktenlift imported other case files of the same person into
     * @param holdsOtherPerson whether Aktenlift imported a different person's case file into an e-file
     * @param unasked the criteria the procedure could not be asked about, because it does not
     *     declare the look-up; their lists are empty for that reason alone
     */
    record Evidence(List<String> byAzrNumber, List<String> byReference, List<String> bySubject, Set<String> local,
            Predicate<String> holdsOtherPerson, Set<MatchedBy> unasked) {
        Evidence {
            byAzrNumber = distinct(byAzrNumber);
            byReference = distinct(byReference);
            bySubject = distinct(bySubject);
            local = Set.copyOf(local);
            unasked = Set.copyOf(unasked);
        }

        /** Evidence from a procedure that answered every question. */
        Evidence(List<String> byAzrNumber, List<String> byReference, List<String> bySubject, Set<String> local,
                Predicate<String> holdsOtherPerson) {
            this(byAzrNumber, byReference, bySubject, local, holdsOtherPerson, Set.of());
        }

        private static List<String> distinct(List<String> ids) {
            return List.copyOf(new LinkedHashSet<>(ids));
        }
    }

    /** The decision. */
    sealed interface Result {
    }

    /** Exactly one consistent e-file. */
    record Unique(String eFile, MatchedBy by) implements Result {
    }

    /** Nothing anywhere: a new e-file is to be created. */
    record None() implements Result {
    }

    /** A person must decide; the candidates are every e-file the evidence named, sorted. */
    record Held(List<MatchReason> reasons, SortedSet<String> candidates) implements Result {
    }

    private record Criterion(MatchedBy by, List<String> found) {
    }

    static Result decide(Evidence ev) {
        Result answered = decideOnAnswers(ev);
        if (ev.unasked().isEmpty()) {
            return answered;
        }
        // a criterion not asked may hold exactly the conflict that would stop an append, or the
        // e-file that a "nothing found" would duplicate: a person decides, with what was found
        List<MatchReason> reasons = new ArrayList<>();
        reasons.add(MatchReason.PROCEDURE_CANNOT_LOOK_UP);
        boolean foundAny = !ev.byAzrNumber().isEmpty() || !ev.byReference().isEmpty() || !ev.bySubject().isEmpty();
        if (answered instanceof Held h && foundAny) {
            // a conflict among the answers given; with none found, the local record differs from silence only
            reasons.addAll(h.reasons());
        }
        SortedSet<String> all = new TreeSet<>(ev.local());
        all.addAll(ev.byAzrNumber());
        all.addAll(ev.byReference());
        all.addAll(ev.bySubject());
        return new Held(reasons, all);
    }

    private static Result decideOnAnswers(Evidence ev) {
        List<Criterion> ranked = List.of(new Criterion(MatchedBy.AZR_NUMBER, ev.byAzrNumber()),
                new Criterion(MatchedBy.FILE_REFERENCE, ev.byReference()),
                new Criterion(MatchedBy.SUBJECT, ev.bySubject()));
        SortedSet<String> all = new TreeSet<>(ev.local());
        ranked.forEach(c -> all.addAll(c.found()));
        Criterion strongest = ranked.stream().filter(c -> !c.found().isEmpty()).findFirst().orElse(null);
        if (strongest == null) {
            return ev.local().isEmpty() ? new None() : new Held(List.of(MatchReason.LOCAL_RECORD_DIFFERS), all);
        }
        List<MatchReason> reasons = new ArrayList<>();
        if (strongest.found().size() > 1) {
            reasons.add(strongest.by() == MatchedBy.AZR_NUMBER ? MatchReason.AMBIGUOUS_AZR_NUMBER
                    : MatchReason.AMBIGUOUS_SUBJECT);
            return new Held(reasons, all);
        }
        String eFile = strongest.found().get(0);
        for (Criterion weaker : ranked.subList(ranked.indexOf(strongest) + 1, ranked.size())) {
            if (!weaker.found().isEmpty() && !weaker.found().contains(eFile)) {
                reasons.add(conflict(strongest.by(), weaker.by()));
            }
        }
        if (!ev.local().isEmpty() && !ev.local().contains(eFile)) {
            reasons.add(MatchReason.LOCAL_RECORD_DIFFERS);
        }
        if (ev.holdsOtherPerson().test(eFile)) {
            reasons.add(MatchReason.EFILE_HOLDS_OTHER_PERSON);
        }
        return reasons.isEmpty() ? new Unique(eFile, strongest.by()) : new Held(reasons, all);
    }

    private static MatchReason conflict(MatchedBy stronger, MatchedBy weaker) {
        if (stronger == MatchedBy.AZR_NUMBER) {
            return weaker == MatchedBy.FILE_REFERENCE ? MatchReason.AZR_NUMBER_VS_REFERENCE
                    : MatchReason.AZR_NUMBER_VS_SUBJECT;
        }
        return MatchReason.REFERENCE_VS_SUBJECT;
    }
}
