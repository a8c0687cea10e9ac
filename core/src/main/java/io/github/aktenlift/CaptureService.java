package io.github.aktenlift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.capture.Capture;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaptureProblem.Kind;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.CaseFileOutcome.StoredRendition;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.capture.InvalidDeliveryException;
import io.github.aktenlift.capture.RenditionMode;
import io.github.aktenlift.capture.delivery.CaseFileEntry;
import io.github.aktenlift.capture.delivery.DeliveryIndex;
import io.github.aktenlift.capture.delivery.DocumentEntry;
import io.github.aktenlift.capture.delivery.PageEntry;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CapturedDocument;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.imaging.ImageProblem;
import io.github.aktenlift.pdfa.PageImageException;
import io.github.aktenlift.pdfa.PageSource;
import io.github.aktenlift.pdfa.PdfARenderer;
import io.github.aktenlift.pdfa.RenditionRequest;
import io.github.aktenlift.rendition.PageRendition;
import io.github.aktenlift.rendition.PageTreatment;
import io.github.aktenlift.rendition.RenditionResult;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.WhereIs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Ingests deliveries: checks every case file on its own, renders and stores what passes, records
 * it in the tracking, and reports what does not. Thread-safe; case files of a delivery are taken
 * in parallel on a small bounded pool.
 */
final class CaptureService implements Capture {

    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);
    private static final long MAX_INDEX_BYTES = 64L << 20;
    static final String AUTO_REVIEWER = "aktenlift:auto-qa";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private final Engine engine;
    private final Storage storage;
    private final Clock clock;
    private final CapturePolicy policy;
    private final Notifier notifier;
    private final CommandValidator validator;
    private final ImageInspector inspector;
    private final int parallelism;
    /** The threads that write renditions and protocols into the pipes the store reads; idle ones end. */
    private final ExecutorService renderers = Executors.newCachedThreadPool(daemon("aktenlift-render"));

    CaptureService(Engine engine, Storage storage, Clock clock, CapturePolicy policy, Notifier notifier,
            CommandValidator validator, int parallelism) {
        this.engine = engine;
        this.storage = storage;
        this.clock = clock;
        this.policy = policy;
        this.notifier = notifier;
        this.validator = validator;
        this.inspector = new ImageInspector(policy.maxPixels(), policy.maxDimension());
        this.parallelism = parallelism;
    }

    @Override
    public IngestReport ingest(Actor actor, Path deliveryFolder) {
        if (actor == null) {
            throw new InvalidValueException("actor", "must not be null");
        }
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
        DeliveryIndex index = readIndex(dir);
        Map<String, Integer> seen = new HashMap<>();
        for (CaseFileEntry e : index.caseFiles()) {
            if (e.barcode() != null) {
                seen.merge(e.barcode(), 1, Integer::sum);
            }
        }
        List<CaseFileOutcome> outcomes = new ArrayList<>();
        long[] pagesAndBytes = new long[2];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, index.caseFiles().size())),
                daemon("aktenlift-capture"));
        try {
            // recalled case files start first; the report keeps the index's order
            List<Future<Job>> futures = new ArrayList<>(Collections.nCopies(index.caseFiles().size(), null));
            for (int n : engine.workOrder(index.caseFiles().stream().map(CaseFileEntry::barcode).toList())) {
                futures.set(n, pool.submit(() -> process(actor, dir, index, n, seen)));
            }
            for (Future<Job> f : futures) {
                Job job = join(f);
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
        return report;
    }

    private static Job join(Future<Job> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.github.aktenlift.spi.UnavailableException("interrupted while ingesting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private record Job(CaseFileOutcome outcome, long bytes) {
    }

    private DeliveryIndex readIndex(Path dir) {
        Path file = dir.resolve("index.json");
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidDeliveryException("index.json", "missing");
            }
            if (Files.size(file) > MAX_INDEX_BYTES) {
                throw new InvalidDeliveryException("index.json", "larger than " + (MAX_INDEX_BYTES >> 20) + " MiB");
            }
            DeliveryIndex index = JSON.readValue(file.toFile(), DeliveryIndex.class);
            if (index == null) {
                throw new InvalidDeliveryException("index.json", "is empty");
            }
            try {
                validator.check("DeliveryIndex", index);
            } catch (InvalidCommandException e) {
                InvalidCommandException.FieldViolation v = e.violations().get(0);
                throw new InvalidDeliveryException(v.path(), v.message());
            }
            return index;
        } catch (JsonMappingException e) {
            // the path names the field; Jackson's own message may quote values, so it is not passed on
            throw new InvalidDeliveryException(path(e), "does not fit the delivery format");
        } catch (JsonProcessingException e) {
            throw new InvalidDeliveryException("index.json", "is not valid JSON (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new InvalidDeliveryException("index.json", "cannot be read");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "index.json" : b.toString();
    }

    /**
     * A page that passed its checks, ready to render; or, in a rescan, a page carried over from the
     * previous rendition (its image taken back out of the PDF, {@code entry} as the previous protocol
     * recorded it).
     */
    private record CheckedPage(DocumentEntry document, PageEntry entry, Path file, ImageInfo info, int pageInFile,
            long size, boolean carried) {
    }

    /** The previous capture of a case file that is being rescanned. */
    private record Previous(String deliveryId, JsonNode protocol) {
    }

    private Job process(Actor actor, Path dir, DeliveryIndex index, int n, Map<String, Integer> seen) {
        CaseFileEntry entry = index.caseFiles().get(n);
        String bc = entry.barcode() == null ? "caseFiles[" + n + "]" : entry.barcode();
        List<CaptureProblem> problems = new ArrayList<>();
        try {
            validator.check("CaseFileEntry", entry);
        } catch (InvalidCommandException e) {
            for (InvalidCommandException.FieldViolation v : e.violations()) {
                problems.add(new CaptureProblem(Kind.INVALID_ENTRY, bc, "", "caseFiles[" + n + "]." + v.path() + " "
                        + v.message()));
            }
            return reject(index, bc, problems);
        }
        if (seen.getOrDefault(bc, 0) > 1) {
            return reject(index, bc, List.of(new CaptureProblem(Kind.DUPLICATE_BARCODE, bc, "",
                    "the delivery lists this barcode " + seen.get(bc) + " times")));
        }
        Barcode barcode = new Barcode(bc);
        WhereIs where = engine.tracking().whereIs(barcode).orElse(null);
        if (where == null) {
            return reject(index, bc, List.of(new CaptureProblem(Kind.UNKNOWN_BARCODE, bc, "", "no such case file")));
        }
        if (where.state() != CaseFileState.PREPARED && where.state() != CaseFileState.QA_FAILED) {
            return reject(index, bc, List.of(new CaptureProblem(Kind.WRONG_STATE, bc, "",
                    "case file is " + where.state() + ", expected PREPARED or QA_FAILED")));
        }
        List<CheckedPage> pages = check(dir, entry, bc, problems);
        if (!problems.isEmpty()) {
            walkJpegs(pages, bc, problems);
            return reject(index, bc, problems);
        }
        long bytes = pages.stream().mapToLong(CheckedPage::size).sum();
        if (where.state() != CaseFileState.QA_FAILED) {
            checkCoverage(entry, bc, pages.stream().map(CheckedPage::entry).toList(), problems);
            if (!problems.isEmpty()) {
                walkJpegs(pages, bc, problems);
                return reject(index, bc, problems);
            }
            return new Job(capture(actor, index, entry, where, pages, List.of(), null, problems), bytes);
        }
        Path scratch = null;
        try {
            Previous previous = previousCapture(barcode);
            scratch = Files.createTempDirectory("aktenlift-rescan-");
            Rescan merged = merge(entry, bc, pages, previous, scratch, problems);
            if (problems.isEmpty()) {
                List<PageEntry> all = new ArrayList<>();
                merged.pages.forEach(p -> all.add(p.entry()));
                merged.kept.forEach(d -> all.addAll(d.pages()));
                checkCoverage(entry, bc, all, problems);
            }
            if (!problems.isEmpty()) {
                return reject(index, bc, problems);
            }
            return new Job(capture(actor, index, entry, where, merged.pages, merged.kept, previous, problems), bytes);
        } catch (IOException | RuntimeException e) {
            problems.add(new CaptureProblem(Kind.RENDITION_FAILED, bc, "", "the previous capture cannot be read: "
                    + e.getClass().getSimpleName()));
            return reject(index, bc, problems);
        } finally {
            deleteTree(scratch);
        }
    }

    /** Pages of a rescanned case file: delivered and carried over, in order, plus documents kept whole. */
    private record Rescan(List<CheckedPage> pages, List<DocumentEntry> kept) {
    }

    private Previous previousCapture(Barcode barcode) throws IOException {
        JournalEvent last = null;
        for (JournalEvent e : engine.tracking().history(barcode)) {
            if (e.kind() == io.github.aktenlift.tracking.EventKind.CAPTURED) {
                last = e;
            }
        }
        if (last == null || last.get("protocol") == null) {
            throw new IOException("no stored scan protocol for the previous capture");
        }
        Key key = Key.of("protocols/" + barcode.value() + "/" + last.get("delivery") + ".json");
        byte[] bytes;
        try (java.io.InputStream in = storage.content().get(key)) {
            bytes = in.readAllBytes();
        }
        if (!storage.content().head(key).orElseThrow().sha256().equals(last.get("protocol"))) {
            throw new io.github.aktenlift.spi.IntegrityException(key.value(), "differs from the hash in the journal");
        }
        return new Previous(last.get("delivery"), JSON.readTree(bytes));
    }

    /**
     * Replaces pages of the previous capture by the delivered ones (same sheet and side), adds new
     * ones, and takes the untouched pages of touched documents back out of the previous renditions.
     * Documents the rescan does not touch keep their renditions.
     */
    private Rescan merge(CaseFileEntry entry, String bc, List<CheckedPage> delivered, Previous previous, Path scratch,
            List<CaptureProblem> problems) throws IOException {
        Map<String, List<CheckedPage>> byDocument = new LinkedHashMap<>();
        for (CheckedPage p : delivered) {
            byDocument.computeIfAbsent(p.document().documentId(), k -> new ArrayList<>()).add(p);
        }
        Map<String, String> renditionOf = new HashMap<>();
        for (JsonNode r : previous.protocol().get("renditions")) {
            renditionOf.put(r.get("documentId").asText(), r.get("key").asText());
        }
        boolean whole = policy.renditionMode() == RenditionMode.PER_CASE_FILE;
        List<CheckedPage> out = new ArrayList<>();
        List<DocumentEntry> kept = new ArrayList<>();
        Map<String, org.apache.pdfbox.pdmodel.PDDocument> open = new HashMap<>();
        Map<String, Integer> offsetInCaseFile = new HashMap<>();
        int running = 0;
        try {
            for (JsonNode d : previous.protocol().get("documents")) {
                String id = d.get("documentId").asText();
                offsetInCaseFile.put(id, running);
                running += d.get("pages").size();
            }
            Set<String> previousIds = new HashSet<>();
            for (JsonNode d : previous.protocol().get("documents")) {
                String id = d.get("documentId").asText();
                previousIds.add(id);
                DocumentEntry prevDoc = documentOf(d);
                List<CheckedPage> replacing = byDocument.getOrDefault(id, List.of());
                if (replacing.isEmpty() && !whole) {
                    kept.add(prevDoc);
                    continue;
                }
                DocumentEntry doc = replacing.isEmpty() ? prevDoc : replacing.get(0).document();
                Map<String, CheckedPage> bySide = new HashMap<>();
                replacing.forEach(p -> bySide.put(p.entry().sheet() + p.entry().side(), p));
                List<CheckedPage> merged = new ArrayList<>();
                int i = 0;
                for (PageEntry old : prevDoc.pages()) {
                    CheckedPage fresh = bySide.remove(old.sheet() + old.side());
                    if (fresh != null) {
                        merged.add(fresh);
                    } else {
                        String renditionKey = renditionOf.get(whole ? "*" : id);
                        int pageIndex = whole ? offsetInCaseFile.get(id) + i : i;
                        merged.add(carry(doc, old, renditionKey, pageIndex, scratch, open));
                    }
                    i++;
                }
                merged.addAll(bySide.values());
                merged.sort(java.util.Comparator.comparingInt((CheckedPage p) -> p.entry().sheet())
                        .thenComparing(p -> p.entry().side().equals("BACK")));
                // the document as it is now: the rescan's metadata over the merged pages
                DocumentEntry now = new DocumentEntry(id, doc.type(), doc.date(), doc.originalToReturn(),
                        merged.stream().map(CheckedPage::entry).toList());
                for (CheckedPage p : merged) {
                    out.add(new CheckedPage(now, p.entry(), p.file(), p.info(), p.pageInFile(), p.size(), p.carried()));
                }
            }
            for (Map.Entry<String, List<CheckedPage>> e : byDocument.entrySet()) {
                if (!previousIds.contains(e.getKey())) {
                    out.addAll(e.getValue());
                }
            }
        } finally {
            for (org.apache.pdfbox.pdmodel.PDDocument doc : open.values()) {
                doc.close();
            }
        }
        if (out.isEmpty() && kept.isEmpty()) {
            problems.add(new CaptureProblem(Kind.PAGE_COUNT, bc, "", "the rescan leaves no pages"));
        }
        return new Rescan(out, kept);
    }

    private CheckedPage carry(DocumentEntry doc, PageEntry old, String renditionKey, int pageIndex, Path scratch,
            Map<String, org.apache.pdfbox.pdmodel.PDDocument> open) throws IOException {
        org.apache.pdfbox.pdmodel.PDDocument pdf = open.get(renditionKey);
        if (pdf == null) {
            Path copy = scratch.resolve("previous-" + open.size() + ".pdf");
            try (java.io.InputStream in = storage.content().get(Key.of(renditionKey))) {
                Files.copy(in, copy);
            }
            pdf = org.apache.pdfbox.Loader.loadPDF(copy.toFile());
            open.put(renditionKey, pdf);
        }
        Path file = io.github.aktenlift.imaging.RenditionPages.extract(pdf, pageIndex, scratch,
                "carried-" + old.sheet() + old.side());
        ImageInfo info;
        try {
            info = inspector.inspect(file);
        } catch (ImageProblem e) {
            throw new IOException("a carried-over page cannot be read back: " + e.getMessage());
        }
        return new CheckedPage(doc, old, file, info, 1, Files.size(file), true);
    }

    private static DocumentEntry documentOf(JsonNode d) {
        List<PageEntry> pages = new ArrayList<>();
        for (JsonNode p : d.get("pages")) {
            pages.add(new PageEntry(p.get("file").asText(), p.get("sha256").asText(), p.get("sheet").asInt(),
                    p.get("side").asText(), p.get("blank").asBoolean(), p.get("resolutionDpi").asInt(),
                    p.get("colorMode").asText()));
        }
        return new DocumentEntry(d.get("documentId").asText(), d.get("type").asText(),
                d.hasNonNull("date") ? d.get("date").asText() : null, d.get("originalToReturn").asBoolean(), pages);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // scratch space; the OS temp cleaner takes what is left
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }

    /**
     * A case file rejected before rendering still gets every page's findings: the JPEG walk, which
     * otherwise rides along with the rendition, runs on its own for the pages that passed so far.
     */
    private static void walkJpegs(List<CheckedPage> pages, String bc, List<CaptureProblem> problems) {
        for (CheckedPage p : pages) {
            if (p.carried() || p.info().format() != io.github.aktenlift.imaging.ImageFormat.JPEG) {
                continue;
            }
            try {
                io.github.aktenlift.imaging.JpegStreamCheck.verify(p.file());
            } catch (ImageProblem e) {
                problems.add(new CaptureProblem(kindOf(e.kind()), bc, printable(p.entry().file()), e.getMessage()));
            } catch (IOException | UncheckedIOException e) {
                problems.add(new CaptureProblem(Kind.MISSING_PAGE, bc, printable(p.entry().file()), "cannot be read"));
            }
        }
    }

    /** Sheets × sides − dropped blank backs = pages: every counted sheet needs its front. */
    private static void checkCoverage(CaseFileEntry entry, String bc, List<PageEntry> pages, List<CaptureProblem> problems) {
        Set<String> sides = new HashSet<>();
        pages.forEach(p -> sides.add(p.sheet() + p.side()));
        for (int sheet = 1; sheet <= entry.sheets(); sheet++) {
            if (!sides.contains(sheet + "FRONT")) {
                problems.add(new CaptureProblem(Kind.PAGE_COUNT, bc, "", "sheet " + sheet + " has no front page"));
            }
        }
    }

    private Job reject(DeliveryIndex index, String bc, List<CaptureProblem> problems) {
        LOG.warn("delivery {}: case file {} rejected: {}", index.deliveryId(), bc,
                problems.stream().map(p -> p.kind() + (p.page().isEmpty() ? "" : "@" + p.page())).toList());
        Map<String, String> details = new TreeMap<>();
        details.put("barcode", bc);
        details.put("delivery", index.deliveryId());
        details.put("problems", String.join(",", problems.stream().map(p -> p.kind().name()).distinct().toList()));
        notifySafely(new Notification("capture-" + index.deliveryId() + "-" + safeId(bc), NotificationType.QA_FAILED,
                Recipient.role("scan-service"), clock.instant(), details));
        return new Job(new CaseFileOutcome.Rejected(bc, problems), 0);
    }

    private static String safeId(String s) {
        return s.replaceAll("[^A-Za-z0-9._:-]", "_");
    }

    private void notifySafely(Notification n) {
        try {
            notifier.deliver(n);
        } catch (ProviderException | IllegalArgumentException e) {
            LOG.warn("notification {} not delivered: {}", n.id(), e.getMessage());
        }
    }

    /** Checks documents and pages; adds a problem per finding and returns the pages that passed. */
    private List<CheckedPage> check(Path dir, CaseFileEntry entry, String bc, List<CaptureProblem> problems) {
        Set<String> documentIds = new HashSet<>();
        Set<String> sides = new HashSet<>();
        Set<Path> listed = new HashSet<>();
        List<CheckedPage> out = new ArrayList<>();
        io.github.aktenlift.imaging.G4StreamCheck g4 = new io.github.aktenlift.imaging.G4StreamCheck();
        for (DocumentEntry d : entry.documents()) {
            if (!documentIds.add(d.documentId())) {
                problems.add(new CaptureProblem(Kind.DUPLICATE_DOCUMENT, bc, "", "document " + d.documentId()));
            }
            if (!policy.documentTypes().contains(d.type())) {
                problems.add(new CaptureProblem(Kind.UNKNOWN_DOCUMENT_TYPE, bc, "", "document " + d.documentId()
                        + " has type " + d.type() + ", not in the catalogue"));
            }
            if (d.date() != null) {
                try {
                    LocalDate.parse(d.date());
                } catch (java.time.format.DateTimeParseException e) {
                    problems.add(new CaptureProblem(Kind.INVALID_ENTRY, bc, "", "document " + d.documentId()
                            + " has no valid date"));
                }
            }
            for (PageEntry p : d.pages()) {
                CheckedPage c = checkPage(dir, entry, bc, d, p, problems, listed, g4);
                if (!sides.add(p.sheet() + p.side())) {
                    problems.add(new CaptureProblem(Kind.PAGE_COUNT, bc, printable(p.file()), "sheet " + p.sheet()
                            + " " + p.side() + " appears twice"));
                }
                if (p.sheet() > entry.sheets()) {
                    problems.add(new CaptureProblem(Kind.PAGE_COUNT, bc, printable(p.file()), "sheet " + p.sheet()
                            + " beyond the " + entry.sheets() + " sheets counted"));
                }
                if ("BACK".equals(p.side()) && !entry.scanner().settings().duplex()) {
                    problems.add(new CaptureProblem(Kind.PAGE_COUNT, bc, printable(p.file()),
                            "a back side from a simplex scan"));
                }
                if (c != null) {
                    out.add(c);
                }
            }
        }
        Path folder = dir.resolve(bc);
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            // the walk has read each entry's attributes (links not followed) already
            try (Stream<Path> files = Files.find(folder, Integer.MAX_VALUE, (f, a) -> a.isRegularFile())) {
                files.sorted()
                        .filter(f -> !listed.contains(f.normalize()))
                        .forEach(f -> problems.add(new CaptureProblem(Kind.EXTRA_FILE, bc,
                                printable(dir.relativize(f).toString().replace('\\', '/')), "not listed in the index")));
            } catch (IOException e) {
                problems.add(new CaptureProblem(Kind.INVALID_ENTRY, bc, "", "case file folder cannot be listed"));
            }
        }
        return out;
    }

    private CheckedPage checkPage(Path dir, CaseFileEntry entry, String bc, DocumentEntry d, PageEntry p,
            List<CaptureProblem> problems, Set<Path> listed, io.github.aktenlift.imaging.G4StreamCheck g4) {
        String name = printable(p.file());
        String fileName = p.file();
        int pageInFile = 1;
        int hash = fileName.lastIndexOf('#');
        if (hash > 0 && fileName.substring(hash + 1).matches("[1-9][0-9]{0,4}")) {
            pageInFile = Integer.parseInt(fileName.substring(hash + 1));
            fileName = fileName.substring(0, hash);
        }
        Path file = safePath(dir, fileName);
        if (file == null) {
            problems.add(new CaptureProblem(Kind.UNSAFE_PATH, bc, name,
                    "must be a relative path inside the delivery folder, without '..', '\\\\' or links"));
            return null;
        }
        java.nio.file.attribute.BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            problems.add(new CaptureProblem(Kind.MISSING_PAGE, bc, name, "listed in the index but not delivered"));
            return null;
        }
        listed.add(file.normalize());
        ImageInfo info;
        long size;
        try {
            // safePath left no link between the (real) delivery folder and the file, so only a link
            // in the file's own place needs resolving; a plain file is opened without following one,
            // in case one took its place since
            Path real = file;
            java.nio.file.OpenOption[] open = {java.nio.file.StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
            if (attributes.isSymbolicLink()) {
                real = file.toRealPath();
                open = new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.READ};
            }
            if (!real.startsWith(dir) || !(attributes.isSymbolicLink() ? Files.isRegularFile(real)
                    : attributes.isRegularFile())) {
                problems.add(new CaptureProblem(Kind.UNSAFE_PATH, bc, name, "leads outside the delivery folder"));
                return null;
            }
            // one open for the headers and the walk
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(real, open)) {
                size = channel.size();
                if (size == 0) {
                    problems.add(new CaptureProblem(Kind.EMPTY_FILE, bc, name, "0 bytes"));
                    return null;
                }
                info = inspector.inspect(real, channel);
                // a walk over the compressed data finds corruption a header read cannot see; a JPEG's
                // rides along with its rendition (read once), a G4 strip's is done here
                if (info.format() == io.github.aktenlift.imaging.ImageFormat.TIFF) {
                    g4.check(channel, info);
                }
            }
        } catch (ImageProblem e) {
            problems.add(new CaptureProblem(kindOf(e.kind()), bc, name, e.getMessage()));
            return null;
        } catch (IOException | UncheckedIOException e) {
            problems.add(new CaptureProblem(Kind.MISSING_PAGE, bc, name, "cannot be read"));
            return null;
        }
        if (pageInFile > info.pageCount()) {
            problems.add(new CaptureProblem(Kind.MISSING_PAGE, bc, name, "the file has " + info.pageCount() + " page(s)"));
            return null;
        }
        double dpiX = info.pages().isEmpty() ? info.dpiX() : info.pages().get(pageInFile - 1).dpiX();
        double dpiY = info.pages().isEmpty() ? info.dpiY() : info.pages().get(pageInFile - 1).dpiY();
        if (dpiX > 0 && (Math.abs(dpiX - p.resolutionDpi()) > 1 || Math.abs(dpiY - p.resolutionDpi()) > 1)) {
            problems.add(new CaptureProblem(Kind.RESOLUTION, bc, name, "header says " + Math.round(dpiX) + "x"
                    + Math.round(dpiY) + " dpi, index " + p.resolutionDpi()));
        }
        double effective = dpiX > 0 ? Math.min(dpiX, dpiY) : p.resolutionDpi();
        if (effective < policy.minimumDpi()) {
            problems.add(new CaptureProblem(Kind.RESOLUTION, bc, name, Math.round(effective) + " dpi, minimum "
                    + policy.minimumDpi()));
        }
        String mode = colorMode(info, pageInFile);
        if (!mode.equals(p.colorMode())) {
            problems.add(new CaptureProblem(Kind.COLOR_MODE, bc, name, "image is " + mode + ", index says "
                    + p.colorMode()));
        }
        return new CheckedPage(d, p, file, info, pageInFile, size, false);
    }

    private static String colorMode(ImageInfo info, int pageInFile) {
        int bits = info.pages().isEmpty() ? info.bitsPerComponent() : info.pages().get(pageInFile - 1).bitsPerSample();
        int components = info.pages().isEmpty() ? info.components() : info.pages().get(pageInFile - 1).samplesPerPixel();
        if (bits == 1 && components == 1) {
            return "BITONAL";
        }
        return components >= 3 ? "COLOR" : "GRAYSCALE";
    }

    private static Kind kindOf(ImageProblem.Kind k) {
        return switch (k) {
            case EMPTY -> Kind.EMPTY_FILE;
            case TRUNCATED -> Kind.TRUNCATED_IMAGE;
            case CORRUPT -> Kind.CORRUPT_IMAGE;
            case WRONG_FORMAT -> Kind.WRONG_FORMAT;
            case TOO_LARGE -> Kind.TOO_LARGE;
            case UNSUPPORTED -> Kind.UNSUPPORTED_IMAGE;
        };
    }

    /** @return the file inside the delivery folder, or {@code null} if the name tries to leave it */
    static Path safePath(Path dir, String relative) {
        if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.contains(":")
                || relative.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        Path p = dir.resolve(relative).normalize();
        if (!p.startsWith(dir)) {
            return null;
        }
        for (Path q = p.getParent(); q != null && !q.equals(dir); q = q.getParent()) {
            if (Files.isSymbolicLink(q)) {
                return null;
            }
        }
        return p;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 300; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    // ---- rendering, protocol, tracking -------------------------------------------------------

    private CaseFileOutcome capture(Actor actor, DeliveryIndex index, CaseFileEntry entry, WhereIs where,
            List<CheckedPage> pages, List<DocumentEntry> kept, Previous previous, List<CaptureProblem> problems) {
        String bc = entry.barcode();
        Instant now = clock.instant();
        boolean whole = policy.renditionMode() == RenditionMode.PER_CASE_FILE;
        Map<String, List<CheckedPage>> groups = new LinkedHashMap<>();
        Map<String, DocumentEntry> documents = new LinkedHashMap<>();
        if (previous != null) {
            for (JsonNode d : previous.protocol().get("documents")) {
                documents.put(d.get("documentId").asText(), null); // keeps the previous order
            }
        }
        for (CheckedPage p : pages) {
            groups.computeIfAbsent(whole ? "case-file" : p.document().documentId(), k -> new ArrayList<>()).add(p);
            documents.put(p.document().documentId(), p.document());
        }
        for (DocumentEntry d : kept) {
            documents.put(d.documentId(), d);
        }
        String base = "renditions/" + bc + "/" + index.deliveryId() + "/";
        List<Key> written = new ArrayList<>();
        List<StoredRendition> renditions = new ArrayList<>();
        Map<String, PageRendition> rendered = new HashMap<>();
        try {
            for (Map.Entry<String, List<CheckedPage>> g : groups.entrySet()) {
                List<CheckedPage> group = g.getValue();
                DocumentEntry first = group.get(0).document();
                RenditionRequest request = new RenditionRequest(
                        whole ? "Akte " + where.reference().value() : first.type() + " " + first.documentId(),
                        whole ? "CASE_FILE" : first.type(),
                        whole || first.date() == null ? null : LocalDate.parse(first.date()),
                        where.reference().value(), bc, now,
                        group.stream().map(p -> new PageSource(p.file(), p.info(), p.pageInFile())).toList());
                Key key = Key.of(base + g.getKey() + ".pdf");
                RenditionResult[] result = new RenditionResult[1];
                written.add(key);
                // the store hashes what it stores; the renderer need not hash the same bytes again
                ContentInfo stored = pipe(key, out -> result[0] = new PdfARenderer().render(request, out, false));
                for (int i = 0; i < group.size(); i++) {
                    PageRendition pr = result[0].pages().get(i);
                    CheckedPage cp = group.get(i);
                    rendered.put(cp.document().documentId() + "/" + cp.entry().sheet() + cp.entry().side(), pr);
                    // a carried-over page was verified through its stored rendition's hash on the way out
                    if (!cp.carried() && !pr.sourceSha256().equals(cp.entry().sha256())) {
                        problems.add(new CaptureProblem(Kind.HASH_MISMATCH, bc, printable(cp.entry().file()),
                                "index says " + cp.entry().sha256() + ", file has " + pr.sourceSha256()));
                    }
                }
                if (stored.size() != result[0].size()) {
                    problems.add(new CaptureProblem(Kind.RENDITION_FAILED, bc, "", "rendition " + g.getKey()
                            + " changed between renderer and storage"));
                }
                renditions.add(new StoredRendition(whole ? "*" : g.getKey(), key, stored.size(), stored.sha256(),
                        group.size(), (int) result[0].reencodedPages()));
            }
        } catch (PageImageException e) {
            // the JPEG walk that rides along with rendering found a broken page
            String file = pages.stream().filter(p -> p.file().toString().equals(e.file())).findFirst()
                    .map(p -> printable(p.entry().file())).orElse("");
            problems.add(new CaptureProblem(kindOf(e.problem().kind()), bc, file, e.problem().getMessage()));
        } catch (IOException | RuntimeException e) {
            problems.add(new CaptureProblem(Kind.RENDITION_FAILED, bc, "", e.getClass().getSimpleName()
                    + (e instanceof ProviderException ? ": " + e.getMessage() : "")));
        }
        if (!problems.isEmpty()) {
            written.forEach(this::deleteQuietly);
            return reject(index, bc, problems).outcome;
        }
        if (previous != null) {
            for (JsonNode r : previous.protocol().get("renditions")) {
                String id = r.get("documentId").asText();
                if (kept.stream().anyMatch(d -> d.documentId().equals(id))) {
                    renditions.add(new StoredRendition(id, Key.of(r.get("key").asText()), r.get("size").asLong(),
                            r.get("sha256").asText(), r.get("pages").asInt(), 0));
                }
            }
        }
        List<DocumentEntry> finalDocuments = documents.values().stream().filter(java.util.Objects::nonNull).toList();
        ObjectNode protocolTree = protocolJson(actor, index, entry, where, finalDocuments, pages, renditions, rendered,
                previous, now);
        byte[] protocol;
        try {
            protocol = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(protocolTree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        Key protocolJson = Key.of("protocols/" + bc + "/" + index.deliveryId() + ".json");
        Key protocolPdf = Key.of("protocols/" + bc + "/" + index.deliveryId() + ".pdf");
        ContentInfo protocolInfo;
        try {
            protocolInfo = storage.content().put(protocolJson, new ByteArrayInputStream(protocol));
            pipe(protocolPdf, out -> ScanProtocolPdf.write(protocolTree, now, out));
        } catch (IOException | RuntimeException e) {
            written.forEach(this::deleteQuietly);
            deleteQuietly(protocolJson);
            deleteQuietly(protocolPdf);
            return reject(index, bc, List.of(new CaptureProblem(Kind.RENDITION_FAILED, bc, "",
                    "scan protocol could not be stored: " + e.getClass().getSimpleName()))).outcome;
        }
        List<CapturedDocument> recorded = finalDocuments.stream()
                .map(d -> new CapturedDocument(d.documentId(), d.type(), d.pages().size(), d.originalToReturn())).toList();
        List<JournalEvent> events = engine.execute(actor, new RecordCapture(new Barcode(bc), index.deliveryId(),
                recorded, protocolInfo.sha256()));
        String sample = events.get(0).get("sample");
        List<String> inspection = sample == null ? List.of() : List.of(sample.split(","));
        CaseFileState state = CaseFileState.CAPTURED;
        if (inspection.isEmpty() && !engine.policies().profileFor(where.protection()).fourEyes()) {
            engine.execute(actor, new PassQualityCheck(new Barcode(bc), AUTO_REVIEWER));
            state = CaseFileState.VERIFIED;
        }
        int pageCount = finalDocuments.stream().mapToInt(d -> d.pages().size()).sum();
        return new CaseFileOutcome.Captured(bc, pageCount, renditions, protocolJson, protocolPdf, inspection, state);
    }

    private void deleteQuietly(Key k) {
        try {
            storage.content().delete(k);
        } catch (RuntimeException e) {
            LOG.warn("could not remove {} after a failed capture: {}", k, e.getMessage());
        }
    }

    /** Something that writes a document to a stream. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final int PIPE_CHUNK = 256 * 1024;
    private static final int PIPE_CHUNKS = 4;

    /**
     * Streams what the writer produces into the content store, through a pipe: the writer runs on
     * a thread of its own, the store reads (and hashes) while it writes (and hashes its sources),
     * and nothing is held whole in memory, at most four chunks of 256 KiB. If the writer fails,
     * the store's stream fails too instead of ending, so that the store keeps nothing of it; the
     * writer's exception is the one thrown.
     */
    ContentInfo pipe(Key key, Writer writer) throws IOException {
        List<Future<?>> task = new ArrayList<>(1); // read only by this thread, the pipe's reader
        Pipe pipe = new Pipe(PIPE_CHUNK, PIPE_CHUNKS, () -> task.get(0).isDone());
        InputStream source = pipe.source();
        Future<?> producing = renderers.submit(() -> {
            try (OutputStream o = pipe.sink()) {
                writer.write(o);
            }
            return null;
        });
        task.add(producing);
        InputStream in = new java.io.FilterInputStream(source) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    producerSucceeded(producing);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    producerSucceeded(producing);
                }
                return n;
            }
        };
        ContentInfo info;
        try {
            info = storage.content().put(key, in);
        } catch (RuntimeException e) {
            if (producing.isDone()) {
                producerSucceeded(producing); // throws the writer's own exception if it failed
            }
            producing.cancel(true);
            source.close();
            throw e;
        }
        try {
            producerSucceeded(producing);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(key);
            throw e;
        }
        return info;
    }

    /** Waits for the writer behind a pipe to finish; throws what it threw. */
    private static void producerSucceeded(Future<?> producing) throws IOException {
        try {
            producing.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            throw new IOException("rendering was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private ObjectNode protocolJson(Actor actor, DeliveryIndex index, CaseFileEntry entry, WhereIs where,
            List<DocumentEntry> documents, List<CheckedPage> pages, List<StoredRendition> renditions,
            Map<String, PageRendition> rendered, Previous previous, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "aktenlift-scan-protocol/1");
        root.put("barcode", entry.barcode());
        root.put("fileReference", where.reference().value());
        root.put("protection", where.protection().name());
        root.put("deliveryId", index.deliveryId());
        root.put("scanService", index.scanService());
        root.put("operator", entry.operator());
        root.put("scannedAt", entry.scannedAt());
        root.put("capturedAt", now.toString());
        root.put("capturedBy", actor.id());
        root.put("rescan", previous != null);
        ObjectNode scanner = root.putObject("scanner");
        scanner.put("model", entry.scanner().model());
        scanner.put("resolutionDpi", entry.scanner().settings().resolutionDpi());
        scanner.put("colorMode", entry.scanner().settings().colorMode());
        scanner.put("duplex", entry.scanner().settings().duplex());
        root.put("sheets", entry.sheets());
        int total = documents.stream().mapToInt(d -> d.pages().size()).sum();
        root.put("pages", total);
        long backs = documents.stream().flatMap(d -> d.pages().stream()).filter(p -> "BACK".equals(p.side())).count();
        long dropped = entry.scanner().settings().duplex() ? entry.sheets() - backs : 0;
        ArrayNode checks = root.putArray("checksPassed");
        for (String c : List.of("INDEX_FORMAT", "BARCODE_KNOWN", "STATE", "DOCUMENT_TYPES", "PATHS", "IMAGE_HEADERS",
                "RESOLUTION_MIN_" + policy.minimumDpi(), "COLOR_MODES", "PAGE_COUNT", "NO_EXTRA_FILES", "SHA256")) {
            checks.add(c);
        }
        ArrayNode deviations = root.putArray("deviations");
        if (dropped > 0) {
            deviations.addObject().put("kind", "DROPPED_BLANK_BACKS").put("count", dropped);
        }
        if (previous != null) {
            ObjectNode rescan = deviations.addObject().put("kind", "RESCAN").put("of", previous.deliveryId());
            ArrayNode replaced = rescan.putArray("pages");
            pages.stream().filter(p -> !p.carried())
                    .forEach(p -> replaced.add(p.document().documentId() + ":" + p.entry().sheet() + p.entry().side()));
            rescan.put("carriedOver", pages.stream().filter(CheckedPage::carried).count());
        }
        Map<String, JsonNode> previousDocs = new HashMap<>();
        if (previous != null) {
            previous.protocol().get("documents").forEach(d -> previousDocs.put(d.get("documentId").asText(), d));
        }
        ArrayNode docs = root.putArray("documents");
        for (DocumentEntry d : documents) {
            boolean untouched = previous != null
                    && pages.stream().noneMatch(p -> p.document().documentId().equals(d.documentId()));
            if (untouched) {
                docs.add(previousDocs.get(d.documentId()).deepCopy());
                continue;
            }
            ObjectNode doc = docs.addObject();
            doc.put("documentId", d.documentId());
            doc.put("type", d.type());
            if (d.date() != null) {
                doc.put("date", d.date());
            }
            doc.put("originalToReturn", d.originalToReturn());
            ArrayNode ps = doc.putArray("pages");
            for (CheckedPage cp : pages) {
                if (!cp.document().documentId().equals(d.documentId())) {
                    continue;
                }
                PageEntry p = cp.entry();
                PageRendition pr = rendered.get(d.documentId() + "/" + p.sheet() + p.side());
                ObjectNode page = ps.addObject();
                page.put("file", p.file());
                page.put("sha256", p.sha256());
                page.put("sheet", p.sheet());
                page.put("side", p.side());
                page.put("blank", p.blank());
                page.put("width", pr.width());
                page.put("height", pr.height());
                page.put("resolutionDpi", Math.round(pr.dpiX()));
                page.put("colorMode", p.colorMode());
                page.put("treatment", pr.treatment().name());
                page.put("how", pr.how());
                if (cp.carried()) {
                    page.put("carriedOverFrom", previous.deliveryId());
                }
                if (pr.treatment() == PageTreatment.REENCODED) {
                    deviations.addObject().put("kind", "REENCODED").put("page", p.file()).put("detail", pr.how());
                }
            }
        }
        ArrayNode rs = root.putArray("renditions");
        for (StoredRendition r : renditions) {
            rs.addObject().put("documentId", r.documentId()).put("key", r.key().value()).put("size", r.size())
                    .put("sha256", r.sha256()).put("pages", r.pages()).put("format", "PDF/A-2b");
        }
        return root;
    }
}
