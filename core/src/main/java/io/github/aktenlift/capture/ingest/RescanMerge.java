package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaptureProblem.Kind;
import io.github.aktenlift.capture.RenditionMode;
import io.github.aktenlift.capture.delivery.DocumentEntry;
import io.github.aktenlift.capture.delivery.PageEntry;
import io.github.aktenlift.capture.protocol.ScanProtocol;
import io.github.aktenlift.capture.protocol.ScanProtocolCodec;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.imaging.ImageProblem;
import io.github.aktenlift.imaging.RenditionPages;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.ImportTrack;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A rescan: the delivered pages replace those of the previous capture (same sheet and side) or
 * are added; the untouched pages of a touched document are taken back out of the previous
 * rendition, byte for byte; documents the rescan does not touch keep their renditions.
 * Thread-safe.
 */
final class RescanMerge {

    /** The previous capture of a case file that is being rescanned. */
    record Previous(String deliveryId, ScanProtocol protocol) {
    }

    /** Pages of a rescanned case file: delivered and carried over, in order, plus documents kept whole. */
    record Merged(List<CheckedPage> pages, List<DocumentEntry> kept) {
    }

    private final CommandLoop loop;
    private final Storage storage;
    private final CapturePolicy policy;
    private final ImageInspector inspector;

    RescanMerge(CommandLoop loop, Storage storage, CapturePolicy policy, ImageInspector inspector) {
        this.loop = loop;
        this.storage = storage;
        this.policy = policy;
        this.inspector = inspector;
    }

    /**
     * @return the latest capture's delivery and its stored protocol, checked against the journal's hash
     * @throws IOException if there is none or it cannot be read
     */
    Previous previous(Barcode barcode) throws IOException {
        String[] latest = loop.read(s -> {
            ImportTrack t = s.imports().track(barcode);
            return t == null ? null : new String[] {t.delivery(), t.protocol(), Integer.toString(t.capture())};
        });
        if (latest == null || latest[1] == null) {
            throw new IOException("no stored scan protocol for the previous capture");
        }
        Key key = StorageKeys.protocolJson(barcode.value(), latest[0], Integer.parseInt(latest[2]));
        byte[] bytes;
        try (InputStream in = storage.content().get(key)) {
            bytes = in.readAllBytes();
        }
        if (!storage.content().head(key).orElseThrow().sha256().equals(latest[1])) {
            throw new IntegrityException(key.value(), "differs from the hash in the journal");
        }
        return new Previous(latest[0], ScanProtocolCodec.read(bytes, key.value()));
    }

    /**
     * Merges the delivered pages into the previous capture.
     *
     * @param scratch where carried-over pages are written as image files
     */
    Merged merge(String bc, List<CheckedPage> delivered, Previous previous, Path scratch,
            List<CaptureProblem> problems) throws IOException {
        Map<String, List<CheckedPage>> byDocument = new LinkedHashMap<>();
        for (CheckedPage p : delivered) {
            byDocument.computeIfAbsent(p.document().documentId(), k -> new ArrayList<>()).add(p);
        }
        Map<String, String> renditionOf = new HashMap<>();
        for (ScanProtocol.Rendition r : previous.protocol().renditions()) {
            renditionOf.put(r.documentId(), r.key());
        }
        boolean whole = policy.renditionMode() == RenditionMode.PER_CASE_FILE;
        List<CheckedPage> out = new ArrayList<>();
        List<DocumentEntry> kept = new ArrayList<>();
        Map<String, PDDocument> open = new HashMap<>();
        Map<String, Integer> offsetInCaseFile = new HashMap<>();
        int running = 0;
        try {
            for (ScanProtocol.Document d : previous.protocol().documents()) {
                offsetInCaseFile.put(d.documentId(), running);
                running += d.pages().size();
            }
            Set<String> previousIds = new HashSet<>();
            for (ScanProtocol.Document d : previous.protocol().documents()) {
                String id = d.documentId();
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
                merged.sort(Comparator.comparingInt((CheckedPage p) -> p.entry().sheet())
                        .thenComparing(p -> p.entry().side().equals("BACK")));
                // the document as it is now: the rescan's metadata over the merged pages
                DocumentEntry now = new DocumentEntry(id, doc.type(), doc.date(), doc.originalToReturn(),
                        merged.stream().map(CheckedPage::entry).toList());
                for (CheckedPage p : merged) {
                    out.add(new CheckedPage(now, p.entry(), p.file(), p.info(), p.pageInFile(), p.size(), p.carried(),
                            p.ocrFile()));
                }
            }
            for (Map.Entry<String, List<CheckedPage>> e : byDocument.entrySet()) {
                if (!previousIds.contains(e.getKey())) {
                    out.addAll(e.getValue());
                }
            }
        } finally {
            for (PDDocument doc : open.values()) {
                doc.close();
            }
        }
        if (out.isEmpty() && kept.isEmpty()) {
            problems.add(new CaptureProblem(Kind.PAGE_COUNT, bc, "", "the rescan leaves no pages"));
        }
        return new Merged(out, kept);
    }

    private CheckedPage carry(DocumentEntry doc, PageEntry old, String renditionKey, int pageIndex, Path scratch,
            Map<String, PDDocument> open) throws IOException {
        PDDocument pdf = open.get(renditionKey);
        if (pdf == null) {
            Path copy = scratch.resolve("previous-" + open.size() + ".pdf");
            try (InputStream in = storage.content().get(Key.of(renditionKey))) {
                Files.copy(in, copy);
            }
            pdf = Loader.loadPDF(copy.toFile());
            open.put(renditionKey, pdf);
        }
        Path file = RenditionPages.extract(pdf, pageIndex, scratch, "carried-" + old.sheet() + old.side());
        ImageInfo info;
        try {
            info = inspector.inspect(file);
        } catch (ImageProblem e) {
            throw new IOException("a carried-over page cannot be read back: " + e.getMessage());
        }
        return new CheckedPage(doc, old, file, info, 1, Files.size(file), true);
    }

    /** @return the document as the delivery index would list it, from the protocol */
    static DocumentEntry documentOf(ScanProtocol.Document d) {
        List<PageEntry> pages = new ArrayList<>();
        for (ScanProtocol.Page p : d.pages()) {
            pages.add(new PageEntry(p.file(), p.sha256(), p.sheet(), p.side(), p.blank(), (int) p.resolutionDpi(),
                    p.colorMode()));
        }
        return new DocumentEntry(d.documentId(), d.type(), d.date(), d.originalToReturn(), pages);
    }

    /** Removes a scratch folder; what cannot be removed is left for the OS's temp cleaner. */
    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
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
}
