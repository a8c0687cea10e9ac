package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.Actor;
import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.capture.Capture;
import io.github.aktenlift.capture.SealBatch;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaptureProblem.Kind;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestListener;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.capture.InvalidDeliveryException;
import io.github.aktenlift.capture.delivery.CaseFileEntry;
import io.github.aktenlift.capture.delivery.DeliveryIndex;
import io.github.aktenlift.capture.delivery.IndexListing;
import io.github.aktenlift.capture.delivery.IndexReader;
import io.github.aktenlift.capture.delivery.ListedCaseFile;
import io.github.aktenlift.capture.delivery.PageEntry;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.lifecycle.CaseFileRecord;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.ImportTrack;
import io.github.aktenlift.lifecycle.WorkOrder;
import io.github.aktenlift.metrics.Statistics;
import io.github.aktenlift.telemetry.Mdc;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.spi.ocr.OcrEngine;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.SlaPolicy;
import io.github.aktenlift.tracking.WhereIs;
import io.github.aktenlift.tracking.WorkItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ingests deliveries: reads the index, checks every case file on its own ({@link PageChecks}),
 * merges a rescan with the previous capture ({@link RescanMerge}), has what passes rendered,
 * stored and recorded ({@link CaseFileCapture}), and reports and notifies what does not.
 * Thread-safe; case files of a delivery are taken in parallel on a small bounded pool, recalled
 * ones first.
 */
public final class Ingest implements Capture {

    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);
    /** How many rejected case files a delivery's notification names. */
    static final int NOTIFIED_BARCODES = 100;

    private final CommandLoop loop;
    private final Notifier notifier;
    private final int parallelism;
    private final IndexReader reader;
    private final PageChecks checks;
    private final RescanMerge rescans;
    private final CaseFileCapture captures;
    private final Optional<EvidenceSealer> sealer;
    private final SealBatch sealBatch;

    /**
     * @param loop the command loop that records captures
     * @param storage where renditions and protocols go
     * @param notifier where the scan service's notifications go (best effort)
     * @param parallelism how many case files of a delivery are captured at once; twice as many where a
     *     protection level demands seals and a sealer is configured
     * @param sealer seals the products of case files whose protection level demands it
     * @param sealBatch how many case files share the sealer's key calls
     * @param ocr recognises pages where the capture policy says so
     */
    public Ingest(CommandLoop loop, Storage storage, Notifier notifier, int parallelism,
            Optional<EvidenceSealer> sealer, SealBatch sealBatch, Optional<OcrEngine> ocr) {
        CapturePolicy policy = loop.policies().capture();
        ImageInspector inspector = new ImageInspector(policy.maxPixels(), policy.maxDimension());
        this.loop = loop;
        this.notifier = notifier;
        // a sealed case file waits between its steps for the key and the timestamp authority (round
        // trips to remote services in production): twice as many at once keep the processors busy
        boolean seals = sealer.isPresent() && Arrays.stream(ProtectionLevel.values())
                .anyMatch(l -> loop.policies().profileFor(l).sealing().seals());
        this.parallelism = seals ? 2 * parallelism : parallelism;
        this.reader = new IndexReader(policy, loop.validator());
        this.checks = new PageChecks(policy, inspector);
        this.rescans = new RescanMerge(loop, storage, policy, inspector);
        this.captures = new CaseFileCapture(loop, storage, policy, new ContentPipe(storage), sealer,
                ocr.map(Recognitions::new));
        this.sealer = sealer;
        this.sealBatch = sealBatch;
    }

    @Override
    public IngestReport ingest(Actor actor, Path deliveryFolder) {
        return ingest(actor, deliveryFolder, IngestListener.NONE);
    }

    @Override
    public IngestReport ingest(Actor actor, Path deliveryFolder, IngestListener listener) {
        if (actor == null) {
            throw new InvalidValueException("actor", "must not be null");
        }
        long t0 = System.nanoTime();
        try (Mdc mdc = Mdc.command("Ingest")) {
            IngestReport report = ingest(actor, deliveryFolder, listener, mdc);
            loop.counters().ingested(System.nanoTime() - t0, report.pages(), report.bytes());
            return report;
        }
    }

    private IngestReport ingest(Actor actor, Path deliveryFolder, IngestListener listener, Mdc mdc) {
        long t0 = System.nanoTime();
        Path dir;
        try {
            dir = deliveryFolder.toRealPath();
        } catch (IOException e) {
            throw new InvalidDeliveryException("folder", "does not exist or cannot be read");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidDeliveryException("folder", "is not a directory");
        }
        IndexListing listing = reader.read(dir);
        DeliveryIndex index = listing.index();
        mdc.delivery(index.deliveryId());
        List<ListedCaseFile> listed = listing.caseFiles();
        // what other instances on the same storage recorded meanwhile (a delivery taken twice)
        loop.refresh();
        Map<String, Integer> seen = new HashMap<>();
        for (ListedCaseFile c : listed) {
            if (c.barcode() != null) {
                seen.merge(c.barcode(), 1, Integer::sum);
            }
        }
        tell(() -> listener.indexRead(index.deliveryId(), listed.size()));
        List<CaseFileOutcome> outcomes = new ArrayList<>();
        long[] pagesAndBytes = new long[2];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, listed.size())),
                ContentPipe.daemon("aktenlift-capture"));
        try {
            // recalled case files start first; the report keeps the index's order
            int[] order = workOrder(listed.stream().map(ListedCaseFile::barcode).toList());
            List<Future<Job>> futures = new ArrayList<>(Collections.nCopies(listed.size(), null));
            if (sealer.isPresent() && sealBatch.caseFiles() > 1) {
                batched(actor, dir, index, listed, seen, listener, pool, order, futures);
            } else {
                for (int n : order) {
                    futures.set(n, pool.submit(() -> {
                        Job job = processWithContext(actor, dir, index, listed.get(n), seen, false);
                        tell(() -> listener.caseFileDone(job.outcome));
                        return job;
                    }));
                }
            }
            for (Job job : Tasks.joinAll(futures)) {
                outcomes.add(job.outcome);
                if (job.outcome instanceof CaseFileOutcome.Captured c) {
                    pagesAndBytes[0] += c.pages();
                    pagesAndBytes[1] += job.bytes;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        IngestReport report = new IngestReport(index.deliveryId(), outcomes, pagesAndBytes[0], pagesAndBytes[1],
                Duration.ofNanos(System.nanoTime() - t0));
        LOG.info("delivery {}: {} case files captured, {} rejected, {} pages in {} ms", index.deliveryId(),
                report.captured().size(), report.rejected().size(), report.pages(), report.took().toMillis());
        notifyRejected(report);
        return report;
    }

    /**
     * Captures the case files in batches of {@link SealBatch#caseFiles()}
     * (in working order): each batch's case files are checked and, if sealed, rendered in parallel,
     * then {@link SealRounds} calls the key twice for all of the batch's sealed ones. Case files that
     * are not sealed, rejected early or rescans (sealed on their own) end in the first step.
     *
     * @param futures receives every case file's finished job at its index
     */
    private void batched(Actor actor, Path dir, DeliveryIndex index, List<ListedCaseFile> listed,
            Map<String, Integer> seen, IngestListener listener, ExecutorService pool, int[] order,
            List<Future<Job>> futures) {
        int size = (int) Math.min(sealBatch.caseFiles(), order.length);
        for (int from = 0; from < order.length; from += size) {
            int[] chunk = Arrays.copyOfRange(order, from, Math.min(order.length, from + size));
            Map<Integer, Future<Job>> first = new LinkedHashMap<>();
            for (int n : chunk) {
                first.put(n, pool.submit(() -> processWithContext(actor, dir, index, listed.get(n), seen, true)));
            }
            Map<Integer, Job> waiting = new LinkedHashMap<>();
            List<Job> firstSteps = Tasks.joinAll(first.values());
            int k = 0;
            for (int n : first.keySet()) {
                Job job = firstSteps.get(k++);
                if (job.pending == null) {
                    tell(() -> listener.caseFileDone(job.outcome));
                    futures.set(n, CompletableFuture.completedFuture(job));
                } else {
                    waiting.put(n, job);
                }
            }
            if (waiting.isEmpty()) {
                continue;
            }
            List<SealedCapture> batch = waiting.values().stream().map(j -> j.pending).toList();
            try {
                SealRounds.run(batch, sealer.orElseThrow(), pool);
            } finally {
                batch.forEach(SealedCapture::close);
            }
            for (Map.Entry<Integer, Job> e : waiting.entrySet()) {
                SealedCapture c = e.getValue().pending;
                Job job;
                try (Mdc mdc = Mdc.command("Ingest").delivery(index.deliveryId()).barcode(c.barcode())) {
                    job = count(done(index, new Barcode(c.barcode()), c.outcome(), e.getValue().bytes));
                }
                tell(() -> listener.caseFileDone(job.outcome));
                futures.set(e.getKey(), CompletableFuture.completedFuture(job));
            }
        }
    }

    /** A listener's fault is its own: it never fails the ingest. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("an ingest listener failed: {}", e.getClass().getName());
        }
    }

    /**
     * The order in which to work on a delivery's case files: those with an open recall first, by
     * SLA deadline, then the rest as listed. Entries that name no known case file keep their place
     * among the rest; capture rejects them.
     *
     * @param barcodes the barcode text of each entry, {@code null} where there is none
     * @return the entries' indexes in working order
     */
    private int[] workOrder(List<String> barcodes) {
        SlaPolicy sla = loop.policies().sla();
        return loop.read(s -> {
            List<Integer> recalled = new ArrayList<>();
            List<Integer> rest = new ArrayList<>();
            Map<Integer, WorkItem> items = new HashMap<>();
            for (int i = 0; i < barcodes.size(); i++) {
                CaseFileRecord f = null;
                try {
                    f = barcodes.get(i) == null ? null : s.caseFile(new Barcode(barcodes.get(i)));
                } catch (InvalidValueException e) {
                    // a malformed barcode: capture reports it in its place
                }
                if (f != null && f.recall() != null) {
                    items.put(i, WorkOrder.item(f, sla));
                    recalled.add(i);
                } else {
                    rest.add(i);
                }
            }
            recalled.sort((a, b) -> WorkOrder.ORDER.compare(items.get(a), items.get(b)));
            recalled.addAll(rest);
            return recalled.stream().mapToInt(Integer::intValue).toArray();
        });
    }

    /** A case file's outcome and the bytes of its pages; or, with {@code pending}, a sealed capture waiting for its batch. */
    private record Job(CaseFileOutcome outcome, long bytes, SealedCapture pending) {
        Job(CaseFileOutcome outcome, long bytes) {
            this(outcome, bytes, null);
        }
    }

    /**
     * On a pool thread: names delivery and case file in the MDC, and counts the outcome.
     *
     * @param defer whether a sealed capture waits for its batch's key calls (then the job is pending)
     */
    private Job processWithContext(Actor actor, Path dir, DeliveryIndex index, ListedCaseFile listed,
            Map<String, Integer> seen, boolean defer) {
        Job job;
        Mdc mdc = Mdc.command("Ingest").delivery(index.deliveryId()).barcode(listed.barcode());
        try {
            job = process(actor, dir, index, listed, seen, defer);
        } finally {
            mdc.close();
        }
        return job.pending == null ? count(job) : job;
    }

    /** Counts a finished case file's outcome in the statistics. */
    private Job count(Job job) {
        if (job.outcome instanceof CaseFileOutcome.Rejected r) {
            EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
            r.problems().forEach(p -> kinds.add(p.kind()));
            loop.counters().caseFile(Statistics.CaseFileOutcome.REJECTED, kinds);
        } else if (job.outcome instanceof CaseFileOutcome.AlreadyCaptured) {
            loop.counters().caseFile(Statistics.CaseFileOutcome.ALREADY_CAPTURED, Set.of());
        } else {
            loop.counters().caseFile(Statistics.CaseFileOutcome.CAPTURED, Set.of());
        }
        return job;
    }

    /**
     * Every failure inside the capture of one case file becomes a problem of that case file: the
     * others go on, and the report names it.
     */
    private Job process(Actor actor, Path dir, DeliveryIndex index, ListedCaseFile listed, Map<String, Integer> seen,
            boolean defer) {
        String bc = listed.label();
        try {
            return processOrThrow(actor, dir, index, listed, seen, bc, defer);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.warn("delivery {}: capture of case file {} failed", index.deliveryId(), bc, e);
            return reject(index, bc, List.of(new CaptureProblem(Kind.CAPTURE_FAILED, bc, "",
                    "capture failed: " + Failures.describe(e))));
        }
    }

    private Job processOrThrow(Actor actor, Path dir, DeliveryIndex index, ListedCaseFile listed,
            Map<String, Integer> seen, String bc, boolean defer) {
        if (listed.entry() == null) {
            return reject(index, bc, listed.problems());
        }
        CaseFileEntry entry = listed.entry();
        List<CaptureProblem> problems = new ArrayList<>();
        if (seen.getOrDefault(bc, 0) > 1) {
            return reject(index, bc, List.of(new CaptureProblem(Kind.DUPLICATE_BARCODE, bc, "",
                    "the delivery lists this barcode " + seen.get(bc) + " times")));
        }
        Barcode barcode = new Barcode(bc);
        WhereIs where = loop.read(s -> Optional.ofNullable(s.caseFile(barcode)).map(s::whereIs)).orElse(null);
        if (where == null) {
            return reject(index, bc, List.of(new CaptureProblem(Kind.UNKNOWN_BARCODE, bc, "", "no such case file")));
        }
        if (where.state() != CaseFileState.PREPARED && where.state() != CaseFileState.QA_FAILED) {
            Job again = alreadyCaptured(index, barcode);
            return again != null ? again : reject(index, bc, List.of(new CaptureProblem(Kind.WRONG_STATE, bc, "",
                    "case file is " + where.state() + ", expected PREPARED or QA_FAILED")));
        }
        List<CheckedPage> pages = checks.check(dir, entry, bc, problems);
        if (!problems.isEmpty()) {
            PageChecks.walkJpegs(pages, bc, problems);
            return reject(index, bc, problems);
        }
        long bytes = pages.stream().mapToLong(CheckedPage::size).sum();
        if (where.state() != CaseFileState.QA_FAILED) {
            PageChecks.checkCoverage(entry, bc, pages.stream().map(CheckedPage::entry).toList(), problems);
            if (!problems.isEmpty()) {
                PageChecks.walkJpegs(pages, bc, problems);
                return reject(index, bc, problems);
            }
            if (defer && captures.seals(where)) {
                // rendered and sealed with the other case files of its batch (SealRounds)
                return new Job(null, bytes, captures.sealed(actor, index, entry, where, pages, List.of(), null));
            }
            return done(index, barcode, captures.capture(actor, index, entry, where, pages, List.of(), null), bytes);
        }
        Path scratch = null;
        try {
            RescanMerge.Previous previous = rescans.previous(barcode);
            scratch = Files.createTempDirectory("aktenlift-rescan-");
            RescanMerge.Merged merged = rescans.merge(bc, pages, previous, scratch, problems);
            if (problems.isEmpty()) {
                List<PageEntry> all = new ArrayList<>();
                merged.pages().forEach(p -> all.add(p.entry()));
                merged.kept().forEach(d -> all.addAll(d.pages()));
                PageChecks.checkCoverage(entry, bc, all, problems);
            }
            if (!problems.isEmpty()) {
                return reject(index, bc, problems);
            }
            return done(index, barcode, captures.capture(actor, index, entry, where, merged.pages(), merged.kept(),
                    previous), bytes);
        } catch (IOException | RuntimeException e) {
            problems.add(new CaptureProblem(Kind.RENDITION_FAILED, bc, "", "the previous capture cannot be read: "
                    + Failures.describe(e)));
            return reject(index, bc, problems);
        } finally {
            RescanMerge.deleteTree(scratch);
        }
    }

    private Job done(DeliveryIndex index, Barcode barcode, CaseFileOutcome outcome, long bytes) {
        if (outcome == null) {
            // another ingest recorded the case file while this one was storing
            Job again = alreadyCaptured(index, barcode);
            return again != null ? again : reject(index, barcode.value(), List.of(CaseFileCapture.conflict(barcode.value())));
        }
        if (outcome instanceof CaseFileOutcome.Rejected r) {
            return reject(index, barcode.value(), r.problems());
        }
        return new Job(outcome, bytes);
    }

    /**
     * @return the outcome for a case file whose latest recorded capture came from this delivery (a
     *     repeated delivery, or a second ingest of it that lost the race), or {@code null}
     */
    private Job alreadyCaptured(DeliveryIndex index, Barcode barcode) {
        CaseFileState state = loop.read(s -> {
            ImportTrack t = s.imports().track(barcode);
            CaseFileRecord f = s.caseFile(barcode);
            boolean same = t != null && index.deliveryId().equals(t.delivery()) && f != null
                    && f.state() != CaseFileState.PREPARED && f.state() != CaseFileState.QA_FAILED;
            return same ? f.state() : null;
        });
        if (state == null) {
            return null;
        }
        LOG.info("delivery {}: case file {} already captured", index.deliveryId(), barcode.value());
        return new Job(new CaseFileOutcome.AlreadyCaptured(barcode.value(), state), 0);
    }

    private Job reject(DeliveryIndex index, String bc, List<CaptureProblem> problems) {
        LOG.warn("delivery {}: case file {} rejected: {}", index.deliveryId(), bc,
                problems.stream().map(p -> p.kind() + (p.page().isEmpty() ? "" : "@" + p.page())).toList());
        return new Job(new CaseFileOutcome.Rejected(bc, problems), 0);
    }

    /**
     * One notification for the delivery, however many case files it lost: the rejected ones by
     * barcode (the first {@value #NOTIFIED_BARCODES}, and how many more) and the kinds of problem.
     * A delivery of a hundred thousand unknown barcodes gives one message, not a hundred thousand.
     */
    private void notifyRejected(IngestReport report) {
        // a case file another ingest is taking at the same moment is no quality failure
        List<CaseFileOutcome.Rejected> rejected = report.rejected().stream()
                .filter(r -> !r.problems().stream().allMatch(p -> p.kind() == Kind.CAPTURE_CONFLICT)).toList();
        if (rejected.isEmpty()) {
            return;
        }
        Map<String, String> details = new TreeMap<>();
        details.put("delivery", report.deliveryId());
        details.put("caseFiles", Integer.toString(report.caseFiles().size()));
        details.put("rejected", Integer.toString(rejected.size()));
        details.put("barcodes", String.join(",", rejected.stream().limit(NOTIFIED_BARCODES)
                .map(CaseFileOutcome.Rejected::barcode).toList()));
        if (rejected.size() > NOTIFIED_BARCODES) {
            details.put("unlisted", Integer.toString(rejected.size() - NOTIFIED_BARCODES));
        }
        details.put("problems", String.join(",", rejected.stream().flatMap(r -> r.problems().stream())
                .map(p -> p.kind().name()).distinct().sorted().toList()));
        notifySafely(new Notification("capture-" + report.deliveryId(), NotificationType.QA_FAILED,
                Recipient.role("scan-service"), loop.clock().instant(), details));
    }

    private void notifySafely(Notification n) {
        try {
            notifier.deliver(n);
        } catch (ProviderException | IllegalArgumentException e) {
            LOG.warn("notification {} not delivered: {}", n.id(), e.getMessage());
        }
    }
}
