package io.github.aktenlift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aktenlift.Decider.Decision;
import io.github.aktenlift.ImportLedger.MatchedBy;
import io.github.aktenlift.ImportLedger.Track;
import io.github.aktenlift.Projection.FileRec;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RejectImport;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.efile.Imports;
import io.github.aktenlift.efile.MatchReason;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectMatching;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Imports verified case files into the specialist procedure: matches the e-file, builds the
 * package from the stored renditions and scan protocol, hands it over under a deterministic key,
 * and records match, hand-over and outcome in the journal. Every step can be repeated: what is
 * recorded is not done again, what is not recorded is redone with the same key.
 */
final class ImportService implements Imports {

    private static final Logger LOG = LoggerFactory.getLogger(Imports.class);
    /** The role that is told about rejected imports and matches that need a decision. */
    static final String OFFICE = "office";
    static final Duration FIRST_POLL = Duration.ofSeconds(30);
    static final Duration MAX_POLL = Duration.ofHours(1);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");
    private static final Pattern REASON = Pattern.compile("[A-Za-z0-9_:.-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final Projection state;
    private final Storage storage;
    private final Clock clock;
    private final SpecialistProcedure procedure;
    private final Notifier notifier;
    /** When to ask about each pending hand-over next; in memory: a new instance asks at once. */
    private final Map<Barcode, Poll> polls = new HashMap<>();

    private record Poll(String key, int count, Instant next) {
    }

    /** A hand-over recorded in the journal, as seen when the attempt began. */
    private record Sent(String key, String eFile, int attempt) {
    }

    /** What an attempt needs to know about a case file, read under the lock at its start. */
    private record Snapshot(Barcode barcode, FileReference reference, String origin, String protection,
            CaseFileState state, Instant since, Instant recallSince, int attempt, MatchedBy matchedBy, String eFile,
            List<MatchReason> heldReasons, List<String> heldCandidates, List<Sent> unsettled, String delivery,
            String protocol) {

        boolean held() {
            return heldReasons != null;
        }
    }

    /** The e-file to hand over to, and the match to record with the hand-over (if not recorded yet). */
    private record Target(String eFile, PendingEvent match) {
    }

    /** A package ready to hand over. */
    private record Built(String key, ImportPackage pkg) {
    }

    ImportService(Engine engine, Projection state, Storage storage, Clock clock, SpecialistProcedure procedure,
            Notifier notifier) {
        this.engine = engine;
        this.state = state;
        this.storage = storage;
        this.clock = clock;
        this.procedure = procedure;
        this.notifier = notifier;
    }

    @Override
    public synchronized ImportResult importCaseFile(Actor actor, Barcode caseFile) {
        requireActor(actor);
        if (caseFile == null) {
            throw new InvalidValueException("caseFile", "must not be null");
        }
        engine.refresh();
        Snapshot s = engine.read(() -> {
            FileRec f = state.files.get(caseFile);
            if (f == null) {
                throw new UnknownIdentifierException(Decider.CASE_FILE, caseFile.value());
            }
            if (f.state != CaseFileState.VERIFIED) {
                throw new IllegalTransitionException(Decider.CASE_FILE, caseFile.value(), f.state.name(), "ImportCaseFile");
            }
            return snapshot(f);
        });
        return attempt(actor, s);
    }

    @Override
    public synchronized ImportReport importReady(Actor actor) {
        requireActor(actor);
        engine.refresh();
        List<Snapshot> ready = engine.read(() -> verified(false));
        return run(actor, ready);
    }

    @Override
    public synchronized ImportReport poll(Actor actor) {
        requireActor(actor);
        engine.refresh();
        Instant now = clock.instant();
        List<Snapshot> due = engine.read(() -> verified(true)).stream().filter(s -> {
            Poll p = polls.get(s.barcode());
            return p == null || !p.next().isAfter(now);
        }).toList();
        return run(actor, due);
    }

    @Override
    public List<ImportResult.Held> held() {
        return engine.read(() -> {
            List<ImportResult.Held> out = new ArrayList<>();
            for (Barcode b : state.imports.barcodes()) {
                Track t = state.imports.track(b);
                if (t.held() && state.files.get(b).state == CaseFileState.VERIFIED) {
                    out.add(new ImportResult.Held(b, t.heldReasons, t.heldCandidates));
                }
            }
            out.sort(Comparator.comparing(ImportResult.Held::barcode));
            return out;
        });
    }

    private ImportReport run(Actor actor, List<Snapshot> files) {
        List<ImportResult> results = new ArrayList<>(files.size());
        for (Snapshot s : files) {
            results.add(attempt(actor, s));
        }
        ImportReport report = new ImportReport(results);
        if (!results.isEmpty()) {
            LOG.info("import run: {} imported, {} pending, {} rejected, {} held, {} failed", report.imported().size(),
                    report.pending().size(), report.rejected().size(), report.held().size(), report.failed().size());
        }
        return report;
    }

    private static void requireActor(Actor actor) {
        if (actor == null) {
            throw new InvalidValueException("actor", "must not be null");
        }
    }

    /**
     * @param pending {@code true}: the files with a hand-over awaiting an answer; {@code false}: the
     *     files ready for a first hand-over
     * @return {@code VERIFIED} files, those with an open scan-on-demand recall first (longest
     *     waiting first), then in the order they were verified
     */
    private List<Snapshot> verified(boolean pending) {
        List<Snapshot> out = new ArrayList<>();
        for (FileRec f : state.files.values()) {
            if (f.state != CaseFileState.VERIFIED) {
                continue;
            }
            Track t = state.imports.track(f.barcode);
            boolean waiting = t != null && !t.unsettled().isEmpty();
            boolean held = t != null && t.held();
            if (pending ? waiting : !waiting && !held) {
                out.add(snapshot(f));
            }
        }
        out.sort(Comparator.comparing((Snapshot s) -> s.recallSince() == null)
                .thenComparing(s -> s.recallSince() == null ? s.since() : s.recallSince())
                .thenComparing(Snapshot::barcode));
        return out;
    }

    private Snapshot snapshot(FileRec f) {
        Track t = state.imports.track(f.barcode);
        Instant recall = f.recall == RecallMode.SCAN_ON_DEMAND ? f.recallSince : null;
        if (t == null) {
            return new Snapshot(f.barcode, f.reference, f.origin, f.protection.name(), f.state, f.since, recall, 0, null,
                    null, null, null, List.of(), null, null);
        }
        List<Sent> unsettled = t.unsettled().stream().map(x -> new Sent(x.key, x.eFile, x.attempt)).toList();
        return new Snapshot(f.barcode, f.reference, f.origin, f.protection.name(), f.state, f.since, recall, t.attempt,
                t.matchedBy, t.eFile, t.heldReasons, t.heldCandidates, unsettled, t.delivery, t.protocol);
    }

    // ---- one attempt ---------------------------------------------------------------------------

    private ImportResult attempt(Actor actor, Snapshot s) {
        try {
            // earlier hand-overs first: one the procedure accepted after all must not be imported again
            for (Sent sent : s.unsettled()) {
                ImportOutcome o;
                try {
                    o = procedure.status(sent.key());
                } catch (NotFoundException e) {
                    if (sent.attempt() != s.attempt()) {
                        continue; // an earlier attempt that never reached the procedure
                    }
                    return handOver(actor, s, new Target(sent.eFile(), null), sent.key());
                }
                if (o instanceof ImportOutcome.Rejected && sent.attempt() != s.attempt()) {
                    continue; // an earlier attempt's rejection: nothing of it is in the e-file
                }
                return settle(actor, s, sent.key(), null, null, o);
            }
            if (s.held()) {
                return new ImportResult.Held(s.barcode(), s.heldReasons(), s.heldCandidates());
            }
            Target target;
            if (s.matchedBy() != null) {
                target = new Target(s.eFile(), null);
            } else {
                EFileMatcher.Result m = match(s);
                if (m instanceof EFileMatcher.Held h) {
                    return hold(actor, s, h);
                }
                String eFile;
                MatchedBy by;
                if (m instanceof EFileMatcher.Unique u) {
                    eFile = u.eFile();
                    by = u.by();
                } else {
                    // recorded only with the hand-over: a replay finds the created e-file by its data
                    eFile = createEFile(s);
                    by = MatchedBy.NONE;
                }
                target = new Target(eFile, PendingEvent.of(Projection.FILE + s.barcode().value(), EventKind.EFILE_MATCHED,
                        "by", by.name(), "eFile", eFile));
            }
            if (target.eFile() == null) {
                // a clerk decided to create a new e-file
                target = new Target(createEFile(s), null);
            }
            return handOver(actor, s, target, null);
        } catch (ProviderException | AktenliftException e) {
            LOG.warn("import of case file {} failed: {}", s.barcode(), e.getMessage());
            return new ImportResult.Failed(s.barcode(), e);
        }
    }

    private ImportResult handOver(Actor actor, Snapshot s, Target target, String recordedKey) {
        Built b = build(s, target.eFile(), recordedKey);
        ImportOutcome o = procedure.importPackage(b.pkg());
        PendingEvent submitted = recordedKey != null ? null
                : PendingEvent.of(Projection.FILE + s.barcode().value(), EventKind.IMPORT_SUBMITTED, "key", b.key(),
                        "eFile", target.eFile(), "attempt", Integer.toString(s.attempt()),
                        "documents", Integer.toString(b.pkg().documents().size()), "protocol", s.protocol());
        return settle(actor, s, b.key(), target.match(), submitted, o);
    }

    /**
     * Records what the procedure answered, together with the match and the hand-over if they are
     * not recorded yet. Each event is added only if the journal, as it is when the batch is
     * appended, does not have it already: another instance may have got there first.
     */
    private ImportResult settle(Actor actor, Snapshot s, String key, PendingEvent match, PendingEvent submitted,
            ImportOutcome outcome) {
        Barcode bc = s.barcode();
        ImportResult result;
        Command command;
        if (outcome instanceof ImportOutcome.Accepted a) {
            command = new ConfirmImport(bc, checkedId("eFileId", a.eFileId()), checkedId("receiptId", a.receiptId()));
            result = new ImportResult.Imported(bc, a.eFileId(), a.receiptId());
        } else if (outcome instanceof ImportOutcome.Rejected r) {
            String reason = REASON.matcher(r.reasonCode()).matches() ? r.reasonCode() : "UNREADABLE_REASON";
            // before recording, so that a crash in between repeats the notification rather than losing it
            notifier.deliver(new Notification("import-rejected-" + key, NotificationType.IMPORT_REJECTED,
                    Recipient.role(OFFICE), clock.instant(), Map.of("barcode", bc.value(), "reason", reason,
                            "idempotencyKey", key)));
            command = new RejectImport(bc, reason);
            result = new ImportResult.Rejected(bc, key, reason);
        } else {
            command = null;
            result = null;
        }
        engine.record(actor, "Import", now -> {
            FileRec f = state.files.get(bc);
            Track t = state.imports.track(bc);
            List<PendingEvent> events = new ArrayList<>(3);
            if (match != null && (t == null || t.matchedBy == null)) {
                events.add(match);
            }
            if (submitted != null && (t == null || t.submission(key) == null)) {
                events.add(submitted);
            }
            boolean open = f.state == CaseFileState.VERIFIED
                    || (command instanceof ConfirmImport && f.state == CaseFileState.IMPORT_REJECTED);
            if (command != null && open) {
                for (PendingEvent e : engine.decide(command, now).events()) {
                    boolean outcomeEvent = e.kind() == EventKind.IMPORT_CONFIRMED || e.kind() == EventKind.IMPORT_REJECTED;
                    events.add(outcomeEvent ? withKey(e, key) : e);
                }
            }
            return Decision.of(events);
        });
        if (result != null) {
            polls.remove(bc);
            LOG.debug("case file {}: {} under key {}", bc, outcome.getClass().getSimpleName(), key);
            return result;
        }
        return pending(bc, key, ((ImportOutcome.Pending) outcome).retryAfter());
    }

    private static PendingEvent withKey(PendingEvent e, String key) {
        TreeMap<String, String> payload = new TreeMap<>(e.payload());
        payload.put("key", key);
        return new PendingEvent(e.stream(), e.kind(), payload);
    }

    /** Schedules the next poll: after {@code retryAfter}, but no sooner than the doubling backoff allows. */
    private ImportResult pending(Barcode bc, String key, Duration retryAfter) {
        Poll previous = polls.get(bc);
        int count = previous == null || !previous.key().equals(key) ? 0 : previous.count();
        Duration backoff = FIRST_POLL.multipliedBy(1L << Math.min(count, 16));
        if (backoff.compareTo(MAX_POLL) > 0) {
            backoff = MAX_POLL;
        }
        Duration wait = retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
        Instant next = clock.instant().plus(wait);
        polls.put(bc, new Poll(key, count + 1, next));
        return new ImportResult.Pending(bc, key, next);
    }

    private ImportResult hold(Actor actor, Snapshot s, EFileMatcher.Held h) {
        Barcode bc = s.barcode();
        Map<String, String> details = new TreeMap<>();
        details.put("barcode", bc.value());
        details.put("reasons", String.join(",", h.reasons().stream().map(Enum::name).toList()));
        details.put("candidates", String.join(",", h.candidates()));
        // before recording, so that a crash in between repeats the notification rather than losing it
        notifier.deliver(new Notification("match-held-" + bc.value() + "-" + s.attempt(),
                NotificationType.MATCH_NEEDS_DECISION, Recipient.role(OFFICE), clock.instant(), details));
        engine.record(actor, "HoldMatch", now -> {
            Track t = state.imports.track(bc);
            boolean decided = t != null && (t.held() || t.matchedBy != null);
            return decided || state.files.get(bc).state != CaseFileState.VERIFIED ? Decision.of(List.of())
                    : Decision.of(ImportLedger.held(bc, h.reasons(), h.candidates()));
        });
        LOG.info("case file {} held for a matching decision: {}", bc, h.reasons());
        return new ImportResult.Held(bc, h.reasons(), List.copyOf(h.candidates()));
    }

    // ---- matching ------------------------------------------------------------------------------

    private EFileMatcher.Result match(Snapshot s) {
        if (s.origin() == null) {
            // a file of the bulk project: its e-file is the one kept under its reference
            Optional<EFile> e = procedure.findByFileReference(s.reference().value());
            return e.isPresent() ? new EFileMatcher.Unique(checkedId("eFileId", e.get().id()), MatchedBy.FILE_REFERENCE)
                    : new EFileMatcher.None();
        }
        Subject subject = subjectOf(s.barcode());
        List<String> byAzr = subject.azrNumber() == null ? List.of() : ids(procedure.findByAzrNumber(subject.azrNumber()));
        List<String> byReference = ids(procedure.findByFileReference(s.reference().value()).stream().toList());
        List<String> bySubject = ids(procedure.findBySubject(query(subject)));
        Set<String> named = new LinkedHashSet<>(byAzr);
        named.addAll(byReference);
        named.addAll(bySubject);
        Set<String> local = new TreeSet<>();
        Set<String> othersIn = new TreeSet<>();
        engine.read(() -> {
            crossCheck(s.barcode(), subject, named, local, othersIn);
            return null;
        });
        return EFileMatcher.decide(new EFileMatcher.Evidence(byAzr, byReference, bySubject, local, othersIn::contains));
    }

    /**
     * Aktenlift's own record: into which e-files it imported other case files of this person, and
     * which of the named e-files received a different person's case file from it.
     */
    private void crossCheck(Barcode self, Subject subject, Set<String> named, Set<String> local, Set<String> othersIn) {
        Set<FileRec> same = new LinkedHashSet<>();
        if (subject.azrNumber() != null) {
            same.addAll(state.byAzr.getOrDefault(subject.azrNumber(), List.of()));
        }
        same.addAll(state.bySubject.getOrDefault(
                Projection.subjectKey(subject.surname(), subject.givenNames(), subject.dateOfBirth()), List.of()));
        for (FileRec f : same) {
            Track t = state.imports.track(f.barcode);
            if (!f.barcode.equals(self) && t != null && t.importedTo != null && samePerson(subject, subjectOf(f.barcode))) {
                local.add(t.importedTo);
            }
        }
        for (String eFile : named) {
            for (Barcode b : state.imports.importedInto(eFile)) {
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
        return engine.subject(b).orElseThrow(() -> new UnknownIdentifierException("subject of case file", b.value()));
    }

    private static SubjectQuery query(Subject s) {
        return new SubjectQuery(s.surname(), s.givenNames(), s.dateOfBirth(), s.azrNumber());
    }

    private static List<String> ids(List<EFile> found) {
        return found.stream().map(e -> checkedId("eFileId", e.id())).distinct().toList();
    }

    /** Ids from the procedure go into commands and the journal: they must be plain ids. */
    private static String checkedId(String field, String id) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidValueException(field, "the procedure answered an id that is not 1 to 128 of A-Z a-z 0-9 . _ : / -");
        }
        return id;
    }

    /** Creates the case file's e-file, or finds the one created for it before: the key is its barcode. */
    private String createEFile(Snapshot s) {
        EFile e = procedure.createEFile(new EFileRequest("efile-" + s.barcode().value(), s.reference().value(),
                query(subjectOf(s.barcode()))));
        return checkedId("eFileId", e.id());
    }

    // ---- the package ---------------------------------------------------------------------------

    /**
     * Builds the package from the latest capture: the renditions its scan protocol lists (a rescan's
     * protocol lists the documents it kept, too), each checked against the protocol's hash, and the
     * protocol checked against the journal's.
     *
     * @param recordedKey the key of a recorded hand-over to send again, or {@code null} to derive it
     */
    private Built build(Snapshot s, String eFile, String recordedKey) {
        String bc = s.barcode().value();
        if (s.protocol() == null) {
            throw new PreconditionFailedException(Decider.CASE_FILE, bc, List.of("NO_SCAN_PROTOCOL"));
        }
        Key json = Key.of("protocols/" + bc + "/" + s.delivery() + ".json");
        Key pdf = Key.of("protocols/" + bc + "/" + s.delivery() + ".pdf");
        ContentInfo jsonInfo = head(json);
        if (!jsonInfo.sha256().equals(s.protocol())) {
            throw new IntegrityException(json.value(), "differs from the SHA-256 the journal records");
        }
        JsonNode protocol;
        try (InputStream in = storage.content().get(json)) {
            protocol = JSON.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new UnavailableException("reading " + json.value() + " failed", e);
        }
        Map<String, JsonNode> documents = new java.util.LinkedHashMap<>();
        protocol.get("documents").forEach(d -> documents.put(d.get("documentId").asText(), d));
        List<String> order = new ArrayList<>(documents.keySet());
        List<JsonNode> renditions = new ArrayList<>();
        protocol.get("renditions").forEach(renditions::add);
        renditions.sort(Comparator.comparingInt(r -> order.indexOf(r.get("documentId").asText())));

        MessageDigest keyDigest = sha256();
        update(keyDigest, "aktenlift-import/1\n" + bc + "\n" + s.attempt() + "\n" + eFile + "\n" + s.protocol() + "\n");
        TreeMap<String, String> metadata = new TreeMap<>();
        List<PackageItem> items = new ArrayList<>();
        String width = "%0" + Math.max(2, Integer.toString(renditions.size()).length()) + "d-%s.pdf";
        for (JsonNode r : renditions) {
            String documentId = r.get("documentId").asText();
            boolean whole = "*".equals(documentId);
            Key key = Key.of(r.get("key").asText());
            long size = r.get("size").asLong();
            String sha = r.get("sha256").asText();
            ContentInfo stored = head(key);
            if (stored.size() != size || !stored.sha256().equals(sha)) {
                throw new IntegrityException(key.value(), "differs from the size and SHA-256 the scan protocol records");
            }
            String name = String.format(width, items.size() + 1, whole ? "case-file" : documentId);
            JsonNode d = documents.get(documentId);
            String type = whole || d == null ? "CASE_FILE" : d.get("type").asText();
            items.add(new PackageItem(name, type, "application/pdf", size, sha, () -> storage.content().get(key)));
            update(keyDigest, name + "=" + sha + "\n");
            metadata.put("file." + name + ".document", documentId);
        }
        for (Map.Entry<String, JsonNode> d : documents.entrySet()) {
            String prefix = "document." + d.getKey() + ".";
            metadata.put(prefix + "type", d.getValue().get("type").asText());
            metadata.put(prefix + "pages", Integer.toString(d.getValue().get("pages").size()));
            if (d.getValue().hasNonNull("date")) {
                metadata.put(prefix + "date", d.getValue().get("date").asText());
            }
        }
        ContentInfo pdfInfo = head(pdf);
        PackageItem scanProtocol = new PackageItem("scan-protocol.pdf", "SCAN_PROTOCOL", "application/pdf",
                pdfInfo.size(), pdfInfo.sha256(), () -> storage.content().get(pdf));
        String key = recordedKey != null ? recordedKey
                : "akl-" + bc + "-" + s.attempt() + "-" + HexFormat.of().formatHex(keyDigest.digest()).substring(0, 32);
        metadata.put("barcode", bc);
        metadata.put("fileReference", s.reference().value());
        metadata.put("deliveryId", s.delivery());
        metadata.put("protection", s.protection());
        metadata.put("attempt", Integer.toString(s.attempt()));
        metadata.put("scanProtocolSha256", s.protocol());
        metadata.put("capturedAt", protocol.path("capturedAt").asText(""));
        if (s.origin() != null) {
            metadata.put("originAuthority", s.origin());
        }
        return new Built(key, new ImportPackage(key, eFile, s.reference().value(), items, scanProtocol, metadata));
    }

    private ContentInfo head(Key key) {
        return storage.content().head(key).orElseThrow(() -> new NotFoundException(key.value()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest md, String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
    }
}
