package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.Actor;
import io.github.aktenlift.capture.CaseFileOutcome.StoredRendition;
import io.github.aktenlift.capture.delivery.CaseFileEntry;
import io.github.aktenlift.capture.delivery.DeliveryIndex;
import io.github.aktenlift.capture.delivery.DocumentEntry;
import io.github.aktenlift.capture.delivery.PageEntry;
import io.github.aktenlift.capture.protocol.ScanProtocol;
import io.github.aktenlift.rendition.PageRendition;
import io.github.aktenlift.rendition.PageTreatment;
import io.github.aktenlift.tracking.WhereIs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link ScanProtocol} of one case file's capture from what the checks and the
 * renderer found. Pure: no I/O.
 */
final class ProtocolWriter {

    private ProtocolWriter() {
    }

    /** What the protocol is made of. */
    record Capture(Actor actor, DeliveryIndex index, CaseFileEntry entry, WhereIs where, List<DocumentEntry> documents,
            List<CheckedPage> pages, List<StoredRendition> renditions, Map<String, PageRendition> rendered,
            RescanMerge.Previous previous, Instant now, int minimumDpi, Map<String, PageTextReport> texts,
            double lowConfidence) {

        Capture(Actor actor, DeliveryIndex index, CaseFileEntry entry, WhereIs where, List<DocumentEntry> documents,
                List<CheckedPage> pages, List<StoredRendition> renditions, Map<String, PageRendition> rendered,
                RescanMerge.Previous previous, Instant now, int minimumDpi) {
            this(actor, index, entry, where, documents, pages, renditions, rendered, previous, now, minimumDpi, Map.of(),
                    1);
        }
    }

    static ScanProtocol protocol(Capture c) {
        CaseFileEntry entry = c.entry();
        RescanMerge.Previous previous = c.previous();
        int total = c.documents().stream().mapToInt(d -> d.pages().size()).sum();
        long backs = c.documents().stream().flatMap(d -> d.pages().stream()).filter(p -> "BACK".equals(p.side()))
                .count();
        long dropped = entry.scanner().settings().duplex() ? entry.sheets() - backs : 0;
        List<String> checks = List.of("INDEX_FORMAT", "BARCODE_KNOWN", "STATE", "DOCUMENT_TYPES", "PATHS",
                "IMAGE_HEADERS", "RESOLUTION_MIN_" + c.minimumDpi(), "COLOR_MODES", "PAGE_COUNT", "NO_EXTRA_FILES",
                "SHA256");
        List<ScanProtocol.Deviation> deviations = new ArrayList<>();
        if (dropped > 0) {
            deviations.add(new ScanProtocol.DroppedBlankBacks(dropped));
        }
        if (previous != null) {
            List<String> replaced = c.pages().stream().filter(p -> !p.carried())
                    .map(p -> p.document().documentId() + ":" + p.entry().sheet() + p.entry().side()).toList();
            deviations.add(new ScanProtocol.Rescan(previous.deliveryId(), replaced,
                    c.pages().stream().filter(CheckedPage::carried).count()));
        }
        List<ScanProtocol.Document> docs = new ArrayList<>();
        for (DocumentEntry d : c.documents()) {
            boolean untouched = previous != null
                    && c.pages().stream().noneMatch(p -> p.document().documentId().equals(d.documentId()));
            if (untouched) {
                docs.add(previous.protocol().document(d.documentId()));
                continue;
            }
            List<ScanProtocol.Page> pages = new ArrayList<>();
            for (CheckedPage cp : c.pages()) {
                if (!cp.document().documentId().equals(d.documentId())) {
                    continue;
                }
                PageEntry p = cp.entry();
                PageRendition pr = c.rendered().get(cp.place());
                PageTextReport text = c.texts().get(cp.place());
                ScanProtocol.TextLayer layer = null;
                if (text != null) {
                    Double mean = Double.isNaN(text.meanConfidence()) ? null
                            : Math.round(text.meanConfidence() * 1000) / 1000.0;
                    layer = new ScanProtocol.TextLayer(text.source(), text.words(), mean);
                    if (mean != null && text.words() > 0 && text.meanConfidence() < c.lowConfidence()) {
                        deviations.add(new ScanProtocol.LowOcrConfidence(p.file(), mean, c.lowConfidence()));
                    }
                }
                pages.add(new ScanProtocol.Page(p.file(), p.sha256(), p.sheet(), p.side(), p.blank(), pr.width(),
                        pr.height(), Math.round(pr.dpiX()), p.colorMode(), pr.treatment().name(), pr.how(),
                        cp.carried() ? previous.deliveryId() : null, layer));
                if (pr.treatment() == PageTreatment.REENCODED) {
                    deviations.add(new ScanProtocol.Reencoded(p.file(), pr.how()));
                }
            }
            docs.add(new ScanProtocol.Document(d.documentId(), d.type(), d.date(), d.originalToReturn(), pages));
        }
        List<ScanProtocol.Rendition> renditions = c.renditions().stream()
                .map(r -> new ScanProtocol.Rendition(r.documentId(), r.key().value(), r.size(), r.sha256(), r.pages(),
                        withText(c, r.documentId()) ? "PDF/A-2u" : "PDF/A-2b"))
                .toList();
        CaseFileEntry.Settings settings = entry.scanner().settings();
        return new ScanProtocol(ScanProtocol.FORMAT, entry.barcode(), c.where().reference().value(),
                c.where().protection().name(), c.index().deliveryId(), c.index().scanService(), entry.operator(),
                entry.scannedAt(), c.now().toString(), c.actor().id(), previous != null,
                new ScanProtocol.Scanner(entry.scanner().model(), settings.resolutionDpi(), settings.colorMode(),
                        settings.duplex()),
                entry.sheets(), total, checks, deviations, docs, renditions);
    }

    /** Whether any page of the rendition (a document's, or {@code *} the whole case file's) has a text layer. */
    private static boolean withText(Capture c, String documentId) {
        return c.pages().stream().anyMatch(p -> c.texts().containsKey(p.place())
                && ("*".equals(documentId) || p.document().documentId().equals(documentId)));
    }
}
