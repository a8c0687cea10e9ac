package io.github.aktenlift.examples.host;

import io.github.aktenlift.spi.procedure.SubjectMatching;
import io.github.aktenlift.spi.procedure.SubjectQuery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The host application's own case software, in its own process: persons, their e-files, and an
 * inbox where documents handed in from outside wait for a clerk to file them into the e-file or to
 * refuse them. It knows nothing of Aktenlift; its one concession to integrations is the
 * <em>external key</em> it keeps with what others create, so that a repeated request finds the
 * first one. Thread-safe.
 *
 * @since 0.1
 */
public final class CaseSoftware {

    /**
     * A person the office keeps an e-file for. Personal data: {@link #toString()} reveals nothing.
     *
     * @param surname family name
     * @param givenNames given names
     * @param dateOfBirth date of birth
     * @param azrNumber number in the central register of foreigners, or {@code null}
     */
    public record Person(String surname, String givenNames, LocalDate dateOfBirth, String azrNumber) {
        /** Checks for {@code null} where required. */
        public Person {
            Objects.requireNonNull(surname, "surname");
            Objects.requireNonNull(givenNames, "givenNames");
            Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        }

        /** @return {@code Person[redacted]} */
        @Override
        public String toString() {
            return "Person[redacted]";
        }

        SubjectQuery asQuery() {
            return new SubjectQuery(surname, givenNames, dateOfBirth, azrNumber);
        }
    }

    /**
     * A document, as the case software stores it.
     *
     * @param name file name
     * @param type document type code
     * @param content the bytes
     */
    public record Document(String name, String type, byte[] content) {
        /** Copies the bytes. */
        public Document {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            content = content.clone();
        }

        /** @return a copy of the bytes */
        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /** Where a submission stands. */
    public enum Status {
        /** In the inbox, waiting for a clerk. */
        WAITING,
        /** Filed into the e-file, with a receipt. */
        FILED,
        /** Refused by a clerk, with a reason. */
        REFUSED
    }

    /**
     * Documents handed in for an e-file.
     *
     * @param id the case software's id
     * @param externalKey the key the sender gave it
     * @param eFileId the e-file it is for
     * @param documents what was handed in
     * @param status where it stands
     * @param receipt the receipt number once filed, else {@code null}
     * @param decidedAt when a clerk decided, else {@code null}
     * @param reason why it was refused, else {@code null}
     */
    public record Submission(String id, String externalKey, String eFileId, List<Document> documents, Status status,
            String receipt, Instant decidedAt, String reason) {
        /** Copies the list. */
        public Submission {
            documents = List.copyOf(documents);
        }
    }

    private record EFileEntry(String id, String reference, Person person, String externalKey, List<Document> filed) {
    }

    private final Clock clock;
    private final Map<String, EFileEntry> eFiles = new LinkedHashMap<>();
    private final Map<String, Submission> submissions = new LinkedHashMap<>();
    private int receipts;

    /** @param clock stamps the clerks' decisions */
    public CaseSoftware(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens an e-file, or returns the one opened earlier under the same external key.
     *
     * @param reference the office's file number
     * @param person whom it concerns
     * @param externalKey the requester's key, or {@code null} for the office's own clerks
     * @return the e-file's id
     */
    public synchronized String openEFile(String reference, Person person, String externalKey) {
        if (externalKey != null) {
            for (EFileEntry e : eFiles.values()) {
                if (externalKey.equals(e.externalKey())) {
                    return e.id();
                }
            }
        }
        String id = String.format("FA-%04d", eFiles.size() + 1);
        eFiles.put(id, new EFileEntry(id, Objects.requireNonNull(reference), Objects.requireNonNull(person),
                externalKey, new ArrayList<>()));
        return id;
    }

    /**
     * @param reference a file number
     * @return the id of the e-file kept under it
     */
    public synchronized Optional<String> eFileByReference(String reference) {
        return eFiles.values().stream().filter(e -> e.reference().equals(reference)).map(EFileEntry::id).findFirst();
    }

    /**
     * @param eFileId an e-file
     * @return its file number
     */
    public synchronized String referenceOf(String eFileId) {
        return entry(eFileId).reference();
    }

    /**
     * @param person a person
     * @return the ids of the e-files of persons with the same names and date of birth, compared the
     *     tolerant way {@link SubjectMatching} describes (umlauts, transliterations, case)
     */
    public synchronized List<String> eFilesOf(Person person) {
        return eFiles.values().stream()
                .filter(e -> SubjectMatching.sameNameAndBirth(e.person().asQuery(), person.asQuery()))
                .map(EFileEntry::id).toList();
    }

    /**
     * @param azrNumber a number in the central register of foreigners
     * @return the ids of the e-files of the person with that number
     */
    public synchronized List<String> eFilesWithAzrNumber(String azrNumber) {
        return eFiles.values().stream().filter(e -> azrNumber.equals(e.person().azrNumber()))
                .map(EFileEntry::id).toList();
    }

    /**
     * Puts documents into the inbox, or returns the submission made earlier under the same key.
     *
     * @param eFileId the e-file they are for
     * @param documents the documents
     * @param externalKey the sender's key
     * @return the submission's id
     */
    public synchronized String submit(String eFileId, List<Document> documents, String externalKey) {
        Optional<Submission> earlier = submissionByExternalKey(externalKey);
        if (earlier.isPresent()) {
            return earlier.get().id();
        }
        entry(eFileId);
        String id = String.format("EG-%05d", submissions.size() + 1);
        submissions.put(id, new Submission(id, externalKey, eFileId, documents, Status.WAITING, null, null, null));
        return id;
    }

    /**
     * @param externalKey a sender's key
     * @return the submission made under it
     */
    public synchronized Optional<Submission> submissionByExternalKey(String externalKey) {
        return submissions.values().stream().filter(s -> s.externalKey().equals(externalKey)).findFirst();
    }

    /** @return every submission handed in, whatever became of it, oldest first */
    public synchronized List<Submission> submissions() {
        return List.copyOf(submissions.values());
    }

    /** @return the submissions waiting for a clerk, oldest first */
    public synchronized List<Submission> inbox() {
        return submissions.values().stream().filter(s -> s.status() == Status.WAITING).toList();
    }

    /**
     * A clerk files a submission's documents into its e-file.
     *
     * @param submissionId the submission
     * @return the receipt number
     */
    public synchronized String file(String submissionId) {
        Submission s = waiting(submissionId);
        String receipt = String.format("QT-%05d", ++receipts);
        entry(s.eFileId()).filed().addAll(s.documents());
        submissions.put(s.id(), new Submission(s.id(), s.externalKey(), s.eFileId(), s.documents(), Status.FILED,
                receipt, clock.instant(), null));
        return receipt;
    }

    /**
     * A clerk refuses a submission.
     *
     * @param submissionId the submission
     * @param reason a reason code, such as {@code WRONG_PERSON}
     */
    public synchronized void refuse(String submissionId, String reason) {
        Submission s = waiting(submissionId);
        submissions.put(s.id(), new Submission(s.id(), s.externalKey(), s.eFileId(), s.documents(), Status.REFUSED,
                null, clock.instant(), Objects.requireNonNull(reason)));
    }

    /**
     * @param eFileId an e-file
     * @return the documents filed in it, in filing order
     */
    public synchronized List<Document> documents(String eFileId) {
        return List.copyOf(entry(eFileId).filed());
    }

    private EFileEntry entry(String eFileId) {
        EFileEntry e = eFiles.get(eFileId);
        if (e == null) {
            throw new IllegalArgumentException("no e-file " + eFileId);
        }
        return e;
    }

    private Submission waiting(String submissionId) {
        Submission s = submissions.get(submissionId);
        if (s == null || s.status() != Status.WAITING) {
            throw new IllegalStateException("submission " + submissionId + " is not waiting");
        }
        return s;
    }
}
