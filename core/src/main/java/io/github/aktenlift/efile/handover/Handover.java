package io.github.aktenlift.efile.handover;

import io.github.aktenlift.Actor;
import io.github.aktenlift.AktenliftException;
import io.github.aktenlift.Command;
import io.github.aktenlift.IllegalTransitionException;
import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.RejectImport;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.efile.Imports;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.lifecycle.CaseFileRecord;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.CorePoints;
import io.github.aktenlift.lifecycle.Decision;
import io.github.aktenlift.lifecycle.EntityNames;
import io.github.aktenlift.lifecycle.ImportLedger;
import io.github.aktenlift.lifecycle.ImportTrack;
import io.github.aktenlift.lifecycle.MatchedBy;
import io.github.aktenlift.lifecycle.Payload;
import io.github.aktenlift.lifecycle.Projection;
import io.github.aktenlift.lifecycle.Streams;
import io.github.aktenlift.metrics.Statistics;
import io.github.aktenlift.telemetry.Mdc;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Imports verified case files into the specialist procedure: matches the e-file
 * ({@link EFileMatching}), builds the package from the stored renditions and scan protocol
 * ({@link PackageBuilder}), hands it over under a deterministic key, and records match, hand-over
 * and outcome in the journal. Every step can be repeated: what is recorded is not done again, what
 * is not recorded is redone with the same key. Thread-safe (one import run at a time).
 */
public final class Handover implements Imports {

    private static final Logger LOG = LoggerFactory.getLogger(Imports.class);
    /** The role that is told about rejected imports and matches that need a decision. */
    private static final String OFFICE = "office";
    private static final Duration FIRST_POLL = Duration.ofSeconds(30);
    private static final Duration MAX_POLL = Duration.ofHours(1);
    private static final Pattern REASON = Pattern.compile("[A-Za-z0-9_:.-]{1,64}");

    private final CommandLoop loop;
    private final Clock clock;
    private final SpecialistProcedure procedure;
    private final Notifier notifier;
    private final EFileMatching matching;
    private final PackageBuilder packages;
    /** When to ask about each pending hand-over next; in memory: a new instance asks at once. */
    private final Map<Barcode, Poll> polls = new HashMap<>();

    private record Poll(String key, int count, Instant next) {
    }

    /** The e-file to hand over to, and the match to record with the hand-over (if not recorded yet). */
    private record Target(String eFile, PendingEvent match) {
    }

    /**
     * @param loop the command loop that records matches, hand-overs and outcomes
     * @param storage where renditions and protocols are read from
     * @param procedure the specialist procedure that holds the e-files
     * @param notifier where rejections and held matches are notified; imports notify before they
     *     record (a crash repeats the notice rather than losing it), so they talk to the notifier
     *     directly and see its failures
     */
    public Handover(CommandLoop loop, Storage storage, SpecialistProcedure procedure, Notifier notifier) {
        this.loop = loop;
        this.clock = loop.clock();
        this.procedure = procedure;
        this.notifier = notifier;
        this.matching = new EFileMatching(loop, procedure);
        this.packages = new PackageBuilder(storage);
    }

    @Override
    public synchronized ImportResult importCaseFile(Actor actor, Barcode caseFile) {
        requireActor(actor);
        if (caseFile == null) {
            throw new InvalidValueException("caseFile", "must not be null");
        }
        loop.refresh();
        ImportSnapshot s = loop.read(state -> {
            CaseFileRecord f = state.caseFile(caseFile);
            if (f == null) {
                throw new UnknownIdentifierException(EntityNames.CASE_FILE, caseFile.value());
            }
            if (f.state() != CaseFileState.VERIFIED) {
                throw new IllegalTransitionException(EntityNames.CASE_FILE, caseFile.value(), f.state().name(),
                        "ImportCaseFile");
            }
            return ImportSnapshot.of(f, state.imports().track(caseFile));
        });
        return attempt(actor, s);
    }

    @Override
    public synchronized ImportReport importReady(Actor actor) {
        requireActor(actor);
        loop.refresh();
        return run(actor, loop.read(state -> verified(state, false)));
    }

    @Override
    public synchronized ImportReport poll(Actor actor) {
        requireActor(actor);
        loop.refresh();
        Instant now = clock.instant();
        List<ImportSnapshot> due = loop.read(state -> verified(state, true)).stream().filter(s -> {
            Poll p = polls.get(s.barcode());
            return p == null || !p.next().isAfter(now);
        }).toList();
        return run(actor, due);
    }

    @Override
    public List<ImportResult.Held> held() {
        return loop.read(state -> {
            List<ImportResult.Held> out = new ArrayList<>();
            ImportLedger imports = state.imports();
            for (Barcode b : imports.barcodes()) {
                ImportTrack t = imports.track(b);
                if (t.held() && state.caseFile(b).state() == CaseFileState.VERIFIED) {
                    out.add(new ImportResult.Held(b, t.heldReasons(), t.heldCandidates()));
                }
            }
            out.sort(Comparator.comparing(ImportResult.Held::barcode));
            return out;
        });
    }

    private ImportReport run(Actor actor, List<ImportSnapshot> files) {
        List<ImportResult> results = new ArrayList<>(files.size());
        for (ImportSnapshot s : files) {
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
    private static List<ImportSnapshot> verified(Projection state, boolean pending) {
        List<ImportSnapshot> out = new ArrayList<>();
        for (CaseFileRecord f : state.caseFiles()) {
            if (f.state() != CaseFileState.VERIFIED) {
                continue;
            }
            ImportTrack t = state.imports().track(f.barcode());
            boolean waiting = t != null && !t.unsettled().isEmpty();
            boolean held = t != null && t.held();
            if (pending ? waiting : !waiting && !held) {
                out.add(ImportSnapshot.of(f, t));
            }
        }
        out.sort(Comparator.comparing((ImportSnapshot s) -> s.recallSince() == null)
                .thenComparing(s -> s.recallSince() == null ? s.since() : s.recallSince())
                .thenComparing(ImportSnapshot::barcode));
        return out;
    }

    /** One attempt, with the case file named in the MDC, counted by outcome. */
    private ImportResult attempt(Actor actor, ImportSnapshot s) {
        long t0 = System.nanoTime();
        ImportResult r;
        Mdc mdc = Mdc.command("ImportCaseFile").barcode(s.barcode().value());
        try {
            r = attemptOnce(actor, s);
        } finally {
            mdc.close();
        }
        loop.counters().imported(outcome(r), System.nanoTime() - t0);
        return r;
    }

    private static Statistics.ImportOutcome outcome(ImportResult r) {
        if (r instanceof ImportResult.Imported) {
            return Statistics.ImportOutcome.IMPORTED;
        }
        if (r instanceof ImportResult.Pending) {
            return Statistics.ImportOutcome.PENDING;
        }
        if (r instanceof ImportResult.Rejected) {
            return Statistics.ImportOutcome.REJECTED;
        }
        if (r instanceof ImportResult.Held) {
            return Statistics.ImportOutcome.HELD;
        }
        return Statistics.ImportOutcome.FAILED;
    }

    private ImportResult attemptOnce(Actor actor, ImportSnapshot s) {
        try {
            // earlier hand-overs first: one the procedure accepted after all must not be imported again
            for (ImportSnapshot.Sent sent : s.unsettled()) {
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
                EFileMatcher.Result m = matching.match(s);
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
                    eFile = matching.createEFile(s);
                    by = MatchedBy.NONE;
                }
                target = new Target(eFile, PendingEvent.of(Streams.caseFile(s.barcode()), EventKind.EFILE_MATCHED,
                        Payload.BY, by.name(), Payload.EFILE, eFile));
            }
            if (target.eFile() == null) {
                // a clerk decided to create a new e-file
                target = new Target(matching.createEFile(s), null);
            }
            return handOver(actor, s, target, null);
        } catch (ProviderException | AktenliftException e) {
            LOG.warn("import of case file {} failed: {}", s.barcode(), e.getMessage());
            return new ImportResult.Failed(s.barcode(), e);
        }
    }

    private ImportResult handOver(Actor actor, ImportSnapshot s, Target target, String recordedKey) {
        PackageBuilder.Built b = packages.build(s, target.eFile(), recordedKey);
        ImportOutcome o = procedure.importPackage(b.pkg());
        CorePoints.IMPORT_HANDED_OVER.reach();
        PendingEvent submitted = recordedKey != null ? null
                : PendingEvent.of(Streams.caseFile(s.barcode()), EventKind.IMPORT_SUBMITTED, Payload.KEY, b.key(),
                        Payload.EFILE, target.eFile(), Payload.ATTEMPT, Integer.toString(s.attempt()),
                        Payload.DOCUMENTS, Integer.toString(b.pkg().documents().size()), Payload.PROTOCOL, s.protocol());
        return settle(actor, s, b.key(), target.match(), submitted, o);
    }

    /**
     * Records what the procedure answered, together with the match and the hand-over if they are
     * not recorded yet. Each event is added only if the journal, as it is when the batch is
     * appended, does not have it already: another instance may have got there first.
     */
    private ImportResult settle(Actor actor, ImportSnapshot s, String key, PendingEvent match, PendingEvent submitted,
            ImportOutcome outcome) {
        Barcode bc = s.barcode();
        ImportResult result;
        Command command;
        if (outcome instanceof ImportOutcome.Accepted a) {
            command = new ConfirmImport(bc, EFileMatching.checkedId("eFileId", a.eFileId()),
                    EFileMatching.checkedId("receiptId", a.receiptId()));
            result = new ImportResult.Imported(bc, a.eFileId(), a.receiptId());
        } else if (outcome instanceof ImportOutcome.Rejected r) {
            String reason = REASON.matcher(r.reasonCode()).matches() ? r.reasonCode() : "UNREADABLE_REASON";
            // before recording, so that a crash in between repeats the notification rather than losing it
            // the procedure's explanation goes to the office as the procedure gave it (the SPI bars
            // personal data from it), without control characters and bounded; never into the journal
            String detail = r.detail().replaceAll("\\p{Cntrl}", " ").strip();
            notifier.deliver(new Notification("import-rejected-" + key, NotificationType.IMPORT_REJECTED,
                    Recipient.role(OFFICE), clock.instant(), Map.of("barcode", bc.value(), "reason", reason,
                            "idempotencyKey", key, "detail", detail.length() > 1000 ? detail.substring(0, 1000) : detail)));
            command = new RejectImport(bc, reason);
            result = new ImportResult.Rejected(bc, key, reason);
        } else {
            command = null;
            result = null;
        }
        loop.record(actor, "Import", (now, state) -> {
            CaseFileRecord f = state.caseFile(bc);
            ImportTrack t = state.imports().track(bc);
            List<PendingEvent> events = new ArrayList<>(3);
            if (match != null && (t == null || t.matchedBy() == null)) {
                events.add(match);
            }
            if (submitted != null && (t == null || t.submission(key) == null)) {
                events.add(submitted);
            }
            boolean open = f.state() == CaseFileState.VERIFIED
                    || (command instanceof ConfirmImport && f.state() == CaseFileState.IMPORT_REJECTED);
            if (command != null && open) {
                for (PendingEvent e : loop.decide(command, now).events()) {
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
        payload.put(Payload.KEY, key);
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

    private ImportResult hold(Actor actor, ImportSnapshot s, EFileMatcher.Held h) {
        Barcode bc = s.barcode();
        Map<String, String> details = new TreeMap<>();
        details.put("barcode", bc.value());
        details.put("reasons", String.join(",", h.reasons().stream().map(Enum::name).toList()));
        details.put("candidates", String.join(",", h.candidates()));
        // before recording, so that a crash in between repeats the notification rather than losing it
        notifier.deliver(new Notification("match-held-" + bc.value() + "-" + s.attempt(),
                NotificationType.MATCH_NEEDS_DECISION, Recipient.role(OFFICE), clock.instant(), details));
        loop.record(actor, "HoldMatch", (now, state) -> {
            ImportTrack t = state.imports().track(bc);
            boolean decided = t != null && (t.held() || t.matchedBy() != null);
            return decided || state.caseFile(bc).state() != CaseFileState.VERIFIED ? Decision.nothing()
                    : Decision.of(ImportLedger.held(bc, h.reasons(), h.candidates()));
        });
        LOG.info("case file {} held for a matching decision: {}", bc, h.reasons());
        return new ImportResult.Held(bc, h.reasons(), List.copyOf(h.candidates()));
    }
}
