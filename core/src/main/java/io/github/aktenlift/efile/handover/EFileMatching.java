package io.github.aktenlift.efile.handover;

import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.lifecycle.CaseFileRecord;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.ImportTrack;
import io.github.aktenlift.lifecycle.MatchedBy;
import io.github.aktenlift.lifecycle.Projection;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ProcedureCapability;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectMatching;
import io.github.aktenlift.spi.procedure.SubjectQuery;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the e-file a case file goes into, or creates it: a file of the bulk project goes to the
 * e-file kept under its reference; a transfer is matched by AZR number, file reference, and name
 * and date of birth, cross-checked against Aktenlift's own earlier imports, and decided by
 * {@link EFileMatcher}.
 *
 * <p>Only the look-ups the procedure declares ({@link SpecialistProcedure#capabilities()}) are
 * called. A transfer needs the look-up by file reference and by name and date of birth, and by AZR
 * number when the subject has one; a procedure that lacks any of them has the transfer held for a
 * clerk ({@link io.github.aktenlift.efile.MatchReason#PROCEDURE_CANNOT_LOOK_UP}), with what the
 * declared look-ups and Aktenlift's own record found as candidates. A file of the bulk project is
 * the paper archive's first way into the e-file system: without a look-up by reference, its e-file
 * is created under its barcode's key (idempotently), which an xdomea partner, for example, creates
 * from the first hand-over. Thread-safe.
 */
final class EFileMatching {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

    private final CommandLoop loop;
    private final SpecialistProcedure procedure;

    EFileMatching(CommandLoop loop, SpecialistProcedure procedure) {
        this.loop = loop;
        this.procedure = procedure;
    }

    EFileMatcher.Result match(ImportSnapshot s) {
        Set<ProcedureCapability> declared = procedure.capabilities();
        if (s.origin() == null) {
            if (!declared.contains(ProcedureCapability.FIND_BY_FILE_REFERENCE)) {
                return new EFileMatcher.None();
            }
            // a file of the bulk project: its e-file is the one kept under its reference
            Optional<EFile> e = procedure.findByFileReference(s.reference().value());
            return e.isPresent() ? new EFileMatcher.Unique(checkedId("eFileId", e.get().id()), MatchedBy.FILE_REFERENCE)
                    : new EFileMatcher.None();
        }
        Subject subject = subjectOf(s.barcode());
        Set<MatchedBy> unasked = EnumSet.noneOf(MatchedBy.class);
        List<String> byAzr = List.of();
        if (subject.azrNumber() != null) {
            if (declared.contains(ProcedureCapability.FIND_BY_AZR_NUMBER)) {
                byAzr = ids(procedure.findByAzrNumber(subject.azrNumber()));
            } else {
                unasked.add(MatchedBy.AZR_NUMBER);
            }
        }
        List<String> byReference = List.of();
        if (declared.contains(ProcedureCapability.FIND_BY_FILE_REFERENCE)) {
            byReference = ids(procedure.findByFileReference(s.reference().value()).stream().toList());
        } else {
            unasked.add(MatchedBy.FILE_REFERENCE);
        }
        List<String> bySubject = List.of();
        if (declared.contains(ProcedureCapability.FIND_BY_SUBJECT)) {
            bySubject = ids(procedure.findBySubject(query(subject)));
        } else {
            unasked.add(MatchedBy.SUBJECT);
        }
        Set<String> named = new LinkedHashSet<>(byAzr);
        named.addAll(byReference);
        named.addAll(bySubject);
        Set<String> local = new TreeSet<>();
        Set<String> othersIn = new TreeSet<>();
        loop.read(state -> {
            crossCheck(state, s.barcode(), subject, named, local, othersIn);
            return null;
        });
        return EFileMatcher.decide(new EFileMatcher.Evidence(byAzr, byReference, bySubject, local, othersIn::contains,
                unasked));
    }

    /**
     * Aktenlift's own record: into which e-files it imported other case files of this person, and
     * which of the named e-files received a different person's case file from it.
     */
    private void crossCheck(Projection state, Barcode self, Subject subject, Set<String> named, Set<String> local,
            Set<String> othersIn) {
        Set<CaseFileRecord> same = new LinkedHashSet<>();
        if (subject.azrNumber() != null) {
            same.addAll(state.byAzrNumber(subject.azrNumber()));
        }
        same.addAll(state.bySubject(Projection.subjectKey(subject.surname(), subject.givenNames(),
                subject.dateOfBirth())));
        for (CaseFileRecord f : same) {
            ImportTrack t = state.imports().track(f.barcode());
            if (!f.barcode().equals(self) && t != null && t.importedTo() != null
                    && samePerson(subject, subjectOf(f.barcode()))) {
                local.add(t.importedTo());
            }
        }
        for (String eFile : named) {
            for (Barcode b : state.imports().importedInto(eFile)) {
                if (!b.equals(self) && !samePerson(subject, subjectOf(b))) {
                    othersIn.add(eFile);
                }
            }
        }
    }

    /** With two AZR numbers the numbers decide; otherwise name and date of birth. */
    private static boolean samePerson(Subject a, Subject b) {
        if (a.azrNumber() != null && b.azrNumber() != null) {
            return a.azrNumber().equals(b.azrNumber());
        }
        return SubjectMatching.sameNameAndBirth(query(a), query(b));
    }

    private Subject subjectOf(Barcode b) {
        return loop.subject(b).orElseThrow(() -> new UnknownIdentifierException("subject of case file", b.value()));
    }

    private static SubjectQuery query(Subject s) {
        return new SubjectQuery(s.surname(), s.givenNames(), s.dateOfBirth(), s.azrNumber());
    }

    private static List<String> ids(List<EFile> found) {
        return found.stream().map(e -> checkedId("eFileId", e.id())).distinct().toList();
    }

    /** Creates the case file's e-file, or finds the one created for it before: the key is its barcode. */
    String createEFile(ImportSnapshot s) {
        EFile e = procedure.createEFile(new EFileRequest("efile-" + s.barcode().value(), s.reference().value(),
                query(subjectOf(s.barcode()))));
        return checkedId("eFileId", e.id());
    }

    /** Ids from the procedure go into commands and the journal: they must be plain ids. */
    static String checkedId(String field, String id) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidValueException(field, "the procedure answered an id that is not 1 to 128 of A-Z a-z 0-9 . _ : / -");
        }
        return id;
    }
}
