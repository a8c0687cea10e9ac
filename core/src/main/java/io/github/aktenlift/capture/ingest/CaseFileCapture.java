package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.Actor;
import io.github.aktenlift.ConcurrentUpdateException;
import io.github.aktenlift.IllegalTransitionException;
import io.github.aktenlift.PreconditionFailedException;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.OcrPolicy;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaptureProblem.Kind;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.CaseFileOutcome.StoredRendition;
import io.github.aktenlift.capture.RenditionMode;
import io.github.aktenlift.capture.delivery.CaseFileEntry;
import io.github.aktenlift.capture.delivery.DeliveryIndex;
import io.github.aktenlift.capture.delivery.DocumentEntry;
import io.github.aktenlift.capture.protocol.ProtocolReport;
import io.github.aktenlift.capture.protocol.ScanProtocol;
import io.github.aktenlift.capture.protocol.ScanProtocolCodec;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CapturedDocument;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.CorePoints;
import io.github.aktenlift.lifecycle.ImportTrack;
import io.github.aktenlift.lifecycle.Payload;
import io.github.aktenlift.lifecycle.RecordIngestedCapture;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.pdfa.PageImageException;
import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.pdfa.PageSource;
import io.github.aktenlift.textlayer.PageText;
import io.github.aktenlift.pdfa.PdfARenderer;
import io.github.aktenlift.pdfa.RenditionRequest;
import io.github.aktenlift.rendition.PageRendition;
import io.github.aktenlift.rendition.RenditionResult;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.WhereIs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * The capture of one case file whose pages passed their checks: renders a PDF/A-2b per document
 * (or one per case file), streaming each into the content store, two at a time (while one is
 * written and made durable, the next renders); writes the scan protocol as JSON
 * and PDF/A; records the capture in the journal, and passes the visual check at once where the
 * protection level draws no document for inspection. Every object is created under the capture's
 * own number ({@link StorageKeys#rendition}) and never over another; what fails removes what it
 * created itself and nothing else. Thread-safe.
 */
final class CaseFileCapture {

    /** The reviewer recorded when no document was drawn for inspection. */
    static final String AUTO_REVIEWER = "aktenlift:auto-qa";

    private final CommandLoop loop;
    private final Storage storage;
    private final CapturePolicy policy;
    private final ContentPipe pipe;
    private final Optional<EvidenceSealer> sealer;
    private final Optional<Recognitions> ocr;

    CaseFileCapture(CommandLoop loop, Storage storage, CapturePolicy policy, ContentPipe pipe,
            Optional<EvidenceSealer> sealer) {
        this(loop, storage, policy, pipe, sealer, Optional.empty());
    }

    CaseFileCapture(CommandLoop loop, Storage storage, CapturePolicy policy, ContentPipe pipe,
            Optional<EvidenceSealer> sealer, Optional<Recognitions> ocr) {
        this.ocr = ocr;
        this.loop = loop;
        this.storage = storage;
        this.policy = policy;
        this.pipe = pipe;
        this.sealer = sealer;
    }

    /**
     * @param pages the pages to render, checked (and, for a rescan, merged with those carried over)
     * @param kept for a rescan, the documents it leaves untouched, whose renditions stay
     * @param previous the capture a rescan replaces pages of, or {@code null}
     * @return the outcome: captured, or rejected with the problems found while rendering or storing;
     *     {@code null} if another ingest recorded the case file while this one was storing (what this
     *     one created is removed again)
     */
    CaseFileOutcome capture(Actor actor, DeliveryIndex index, CaseFileEntry entry, WhereIs where,
            List<CheckedPage> pages, List<DocumentEntry> kept, RescanMerge.Previous previous) {
        if (seals(where)) {
            try (SealedCapture sealed = sealed(actor, index, entry, where, pages, kept, previous)) {
                return sealed.alone();
            }
        }
        Plan plan = plan(entry, where, pages, kept, previous);
        String bc = entry.barcode();
        Instant now = loop.clock().instant();
        List<CaptureProblem> problems = new ArrayList<>();
        // only what this capture created itself is ever removed again
        List<Key> written = new ArrayList<>();
        int number = number(bc);
        List<StoredRendition> renditions = new ArrayList<>();
        Map<String, PageRendition> rendered = new HashMap<>();
        // what each page's text layer was made of, by page place, for the scan protocol; written by
        // the renderers of two renditions at a time
        Map<String, PageTextReport> texts = new ConcurrentHashMap<>();
        // renditions being rendered and stored, oldest first: a rendition's forces and commit overlap
        // the rendering of the next
        Deque<Storing> storing = new ArrayDeque<>();
        Error fatal = null;
        try {
            for (Map.Entry<String, List<CheckedPage>> g : plan.groups().entrySet()) {
                List<CheckedPage> group = g.getValue();
                RenditionRequest request = request(plan, where, bc, now, group, texts);
                Key key = StorageKeys.rendition(bc, number, g.getKey());
                RenditionResult[] result = new RenditionResult[1];
                // the store hashes what it stores; the renderer need not hash the same bytes again
                storing.add(new Storing(g.getKey(), group, key, result,
                        pipe.createLater(key, out -> result[0] = new PdfARenderer().render(request, out, false))));
                // the first rendition is stored alone: its create-if-absent decides a race with another
                // ingest for the capture's number, before any second key is contested
                if (storing.size() == RENDITIONS_IN_FLIGHT || written.isEmpty()) {
                    stored(storing.poll(), plan, bc, written, rendered, problems, renditions);
                }
            }
            while (!storing.isEmpty()) {
                stored(storing.poll(), plan, bc, written, rendered, problems, renditions);
            }
        } catch (PageImageException e) {
            // the JPEG walk that rides along with rendering found a broken page
            problems.add(PageChecks.brokenPage(e, pages, bc));
        } catch (Recognitions.Failed e) {
            problems.add(new CaptureProblem(Kind.OCR_FAILED, bc, PageChecks.printable(e.page()), e.getMessage()));
        } catch (ConflictException e) {
            problems.add(conflict(bc));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            problems.add(new CaptureProblem(Kind.RENDITION_FAILED, bc, "", "rendering or storing failed: "
                    + Failures.describe(e)));
        } catch (Error e) {
            fatal = e; // not the case file's fault: thrown on, once what the capture created is removed
        } finally {
            // a rendition still being stored after a failure is waited for, so that what it created is
            // known (and removed below) rather than left to appear after the removal
            for (Storing s : storing) {
                if (ContentPipe.created(s.stored())) {
                    written.add(s.key());
                }
            }
        }
        if (fatal != null || !problems.isEmpty()) {
            written.forEach(pipe::deleteQuietly);
            if (fatal != null) {
                throw fatal;
            }
            return new CaseFileOutcome.Rejected(bc, problems);
        }
        addKept(renditions, kept, previous);
        List<DocumentEntry> finalDocuments = plan.finalDocuments();
        ScanProtocol protocol = ProtocolWriter.protocol(new ProtocolWriter.Capture(actor, index, entry, where,
                finalDocuments, pages, renditions, rendered, previous, now, policy.minimumDpi(), texts,
                policy.ocr().lowConfidence()));
        Key protocolJson = StorageKeys.protocolJson(bc, index.deliveryId(), number);
        Key protocolPdf = StorageKeys.protocolPdf(bc, index.deliveryId(), number);
        ContentInfo protocolInfo;
        ContentInfo protocolPdfInfo;
        try {
            byte[] json = ScanProtocolCodec.write(protocol);
            protocolInfo = storage.content().create(protocolJson, new ByteArrayInputStream(json));
            written.add(protocolJson);
            protocolPdfInfo = pipe.create(protocolPdf, out -> ProtocolReport.write(protocol, now, out));
            written.add(protocolPdf);
        } catch (ConflictException e) {
            written.forEach(pipe::deleteQuietly);
            return new CaseFileOutcome.Rejected(bc, List.of(conflict(bc)));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            written.forEach(pipe::deleteQuietly);
            return new CaseFileOutcome.Rejected(bc, List.of(new CaptureProblem(Kind.RENDITION_FAILED, bc, "",
                    "scan protocol could not be stored: " + Failures.describe(e))));
        } catch (Error e) {
            written.forEach(pipe::deleteQuietly);
            throw e;
        }
        return record(actor, index, bc, finalDocuments, renditions, number, written, new Recorded(protocolJson, protocolInfo,
                protocolPdf, protocolPdfInfo, null, null));
    }

    /** How many renditions of one case file are rendered and stored at once. */
    private static final int RENDITIONS_IN_FLIGHT = 2;

    /** A rendition handed to {@link ContentPipe#createLater}, its result filled in by its renderer. */
    private record Storing(String id, List<CheckedPage> group, Key key, RenditionResult[] result,
            Future<ContentInfo> stored) {
    }

    /**
     * Waits for a rendition to be stored and takes in what its renderer found; the rendition's key
     * counts as written once the store has created it.
     */
    private static void stored(Storing s, Plan plan, String bc, List<Key> written, Map<String, PageRendition> rendered,
            List<CaptureProblem> problems, List<StoredRendition> renditions) throws IOException {
        ContentInfo stored = ContentPipe.stored(s.stored());
        written.add(s.key());
        RenditionResult result = s.result()[0];
        List<CheckedPage> group = s.group();
        for (int i = 0; i < group.size(); i++) {
            rendered.put(group.get(i).place(), result.pages().get(i));
        }
        PageChecks.compareHashes(group, result, bc, problems);
        if (stored.size() != result.size()) {
            problems.add(new CaptureProblem(Kind.RENDITION_FAILED, bc, "", "rendition " + s.id()
                    + " changed between renderer and storage"));
        }
        renditions.add(new StoredRendition(plan.whole() ? "*" : s.id(), s.key(), stored.size(), stored.sha256(),
                group.size(), (int) result.reencodedPages()));
    }

    /** Whether the products of a case file at this place are sealed: then {@link #sealed} instead of {@link #capture}. */
    boolean seals(WhereIs where) {
        return loop.policies().profileFor(where.protection()).sealing().seals();
    }

    /**
     * A sealed capture of the case file, not yet begun: {@link SealedCapture#alone} runs it with
     * key calls of its own, {@link SealRounds} together with other case files'.
     *
     * @throws IllegalStateException if no sealer is configured (the builder refuses to start so)
     */
    SealedCapture sealed(Actor actor, DeliveryIndex index, CaseFileEntry entry, WhereIs where,
            List<CheckedPage> pages, List<DocumentEntry> kept, RescanMerge.Previous previous) {
        if (sealer.isEmpty()) {
            // the builder refuses to start without a sealer where a level demands one
            throw new IllegalStateException("no sealer configured for " + where.protection());
        }
        return new SealedCapture(this, sealer.get(), new ProtocolWriter.Capture(actor, index, entry, where, List.of(),
                pages, List.of(), Map.of(), previous, loop.clock().instant(), policy.minimumDpi(), Map.of(),
                policy.ocr().lowConfidence()),
                plan(entry, where, pages, kept, previous), kept);
    }

    /**
     * What a capture renders: the pages grouped by rendition (per document, or one for the case
     * file), and the documents of the capture in order (a rescan keeps the previous order).
     */
    record Plan(boolean whole, Map<String, List<CheckedPage>> groups, Map<String, DocumentEntry> documents) {
        List<DocumentEntry> finalDocuments() {
            return documents.values().stream().filter(Objects::nonNull).toList();
        }
    }

    Plan plan(CaseFileEntry entry, WhereIs where, List<CheckedPage> pages, List<DocumentEntry> kept,
            RescanMerge.Previous previous) {
        boolean whole = policy.renditionMode() == RenditionMode.PER_CASE_FILE;
        Map<String, List<CheckedPage>> groups = new LinkedHashMap<>();
        Map<String, DocumentEntry> documents = new LinkedHashMap<>();
        if (previous != null) {
            for (ScanProtocol.Document d : previous.protocol().documents()) {
                documents.put(d.documentId(), null); // keeps the previous order
            }
        }
        for (CheckedPage p : pages) {
            groups.computeIfAbsent(whole ? "case-file" : p.document().documentId(), k -> new ArrayList<>()).add(p);
            documents.put(p.document().documentId(), p.document());
        }
        for (DocumentEntry d : kept) {
            documents.put(d.documentId(), d);
        }
        return new Plan(whole, groups, documents);
    }

    /**
     * @param texts receives, by page place, what each page's text layer was made of, as the
     *     renderer reaches the page
     */
    RenditionRequest request(Plan plan, WhereIs where, String bc, Instant now, List<CheckedPage> group,
            Map<String, PageTextReport> texts) {
        DocumentEntry first = group.get(0).document();
        return new RenditionRequest(
                plan.whole() ? "Akte " + where.reference().value() : first.type() + " " + first.documentId(),
                plan.whole() ? "CASE_FILE" : first.type(),
                plan.whole() || first.date() == null ? null : LocalDate.parse(first.date()),
                where.reference().value(), bc, now,
                sources(group, texts));
    }

    /**
     * The pages' sources for the renderer, in order; where the OCR policy says so, the engine
     * recognises pages ahead of the renderer (at most its parallelism at once).
     */
    private List<PageSource> sources(List<CheckedPage> group, Map<String, PageTextReport> texts) {
        OcrPolicy.Mode mode = policy.ocr().mode();
        List<PageSource> out = new ArrayList<>(group.size());
        List<CheckedPage> toRecognise = new ArrayList<>();
        for (CheckedPage p : group) {
            boolean recognise = ocr.isPresent() && !p.carried() && !p.entry().blank()
                    && (mode == OcrPolicy.Mode.ALWAYS || mode == OcrPolicy.Mode.WHEN_NOT_DELIVERED && p.ocrFile() == null)
                    && Recognitions.canRead(p);
            if (recognise) {
                toRecognise.add(p);
            }
        }
        Recognitions.Batch batch = toRecognise.isEmpty() ? null : ocr.orElseThrow().start(toRecognise);
        for (CheckedPage p : group) {
            if (batch != null && toRecognise.contains(p)) {
                out.add(new PageSource(p.file(), p.info(), p.pageInFile(), () -> {
                    PageText t = batch.next(p);
                    texts.put(p.place(), PageTextReport.of(t));
                    return t;
                }));
            } else {
                out.add(source(p, texts));
            }
        }
        return out;
    }

    /**
     * The page's source for the renderer; a page with a delivered OCR file gets its text from the
     * file read again (and checked again) when the renderer reaches it.
     */
    private static PageSource source(CheckedPage p, Map<String, PageTextReport> texts) {
        if (p.ocrFile() == null) {
            return new PageSource(p.file(), p.info(), p.pageInFile());
        }
        ImageInfo info = p.info();
        int n = p.pageInFile() - 1;
        int width = info.pages().isEmpty() ? info.width() : info.pages().get(n).width();
        int height = info.pages().isEmpty() ? info.height() : info.pages().get(n).height();
        double dpiX = info.pages().isEmpty() ? info.dpiX() : info.pages().get(n).dpiX();
        double dpiY = info.pages().isEmpty() ? info.dpiY() : info.pages().get(n).dpiY();
        return new PageSource(p.file(), info, p.pageInFile(), () -> {
            PageText t = OcrFile.reread(p.ocrFile(), p.entry().ocr(), width, height, dpiX, dpiY);
            texts.put(p.place(), PageTextReport.of(t));
            return t;
        });
    }

    /** A rescan's renditions of the documents it leaves untouched stay as they were. */
    static void addKept(List<StoredRendition> renditions, List<DocumentEntry> kept, RescanMerge.Previous previous) {
        if (previous != null) {
            for (ScanProtocol.Rendition r : previous.protocol().renditions()) {
                if (kept.stream().anyMatch(d -> d.documentId().equals(r.documentId()))) {
                    renditions.add(new StoredRendition(r.documentId(), Key.of(r.key()), r.size(), r.sha256(),
                            r.pages(), 0));
                }
            }
        }
    }

    /** The stored scan protocol of a capture, and its seal if it has one. */
    record Recorded(Key protocolJson, ContentInfo protocolInfo, Key protocolPdf, ContentInfo protocolPdfInfo,
            ContentInfo protocolSealInfo, String sealLevel) {
    }

    /**
     * Records a capture whose objects are stored, and passes the visual check at once where the
     * protection level draws no document for inspection.
     *
     * @return the outcome; {@code null} if another ingest recorded the case file meanwhile (this
     *     one's objects are removed again)
     */
    CaseFileOutcome record(Actor actor, DeliveryIndex index, String bc, List<DocumentEntry> finalDocuments,
            List<StoredRendition> renditions, int number, List<Key> written, Recorded r) {
        CorePoints.CAPTURE_STORED.reach();
        List<CapturedDocument> recorded = finalDocuments.stream()
                .map(d -> new CapturedDocument(d.documentId(), d.type(), d.pages().size(), d.originalToReturn()))
                .toList();
        List<JournalEvent> events;
        try {
            events = loop.execute(actor, new RecordIngestedCapture(new RecordCapture(new Barcode(bc),
                    index.deliveryId(), recorded, r.protocolInfo().sha256()), AUTO_REVIEWER, number,
                    r.protocolPdfInfo().sha256(), r.protocolSealInfo() == null ? null : r.protocolSealInfo().sha256(),
                    r.sealLevel()));
        } catch (IllegalTransitionException | PreconditionFailedException e) {
            // refused before anything was appended: another ingest recorded this case file meanwhile
            written.forEach(pipe::deleteQuietly);
            return null;
        } catch (ConcurrentUpdateException e) {
            // other writers kept winning and nothing of this capture was recorded: its objects go again
            written.forEach(pipe::deleteQuietly);
            return new CaseFileOutcome.Rejected(bc, List.of(conflict(bc)));
        }
        // any other failure of the append leaves the objects: the event may have been recorded
        String sample = events.get(0).get(Payload.SAMPLE);
        List<String> inspection = sample == null ? List.of() : List.of(sample.split(","));
        CaseFileState state = events.get(events.size() - 1).kind() == EventKind.QA_PASSED ? CaseFileState.VERIFIED
                : CaseFileState.CAPTURED;
        int pageCount = finalDocuments.stream().mapToInt(d -> d.pages().size()).sum();
        return new CaseFileOutcome.Captured(bc, pageCount, renditions, r.protocolJson(), r.protocolPdf(), inspection, state);
    }

    /** @return the storage products go to */
    Storage storage() {
        return storage;
    }

    /** Removes an object this capture created, as far as possible; a failure is logged, never thrown. */
    void deleteQuietly(Key key) {
        pipe.deleteQuietly(key);
    }

    /** Stores a finished product under a new key (create-if-absent) and notes the key as written. */
    ContentInfo store(Key key, InputStream in, List<Key> written) {
        ContentInfo info = storage.content().create(key, in);
        written.add(key);
        return info;
    }

    /** Stores a finished file under a new key (create-if-absent) and notes the key as written. */
    ContentInfo store(Key key, Path file, List<Key> written) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ContentInfo info = storage.content().create(key, in);
            written.add(key);
            return info;
        }
    }

    /**
     * The number for a new capture of the case file: after the latest recorded, and past every
     * number under which objects lie already (left by an ingest that stopped before recording, or
     * being written by one running at the same time). The create-if-absent of every object
     * decides a race for the same number.
     */
    int number(String bc) {
        int n = loop.read(s -> {
            ImportTrack t = s.imports().track(new Barcode(bc));
            return t == null ? 0 : t.lastCapture();
        }) + 1;
        while (storage.content().head(StorageKeys.protocolJson(bc, null, n)).isPresent()
                || !storage.content().list(StorageKeys.renditions(bc, n), Optional.empty(), 1).items().isEmpty()) {
            n++;
        }
        return n;
    }

    static CaptureProblem conflict(String bc) {
        return new CaptureProblem(Kind.CAPTURE_CONFLICT, bc, "", "another ingest is capturing this case file at the "
                + "same time; nothing of this one was kept");
    }
}
