package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaptureProblem.Kind;
import io.github.aktenlift.capture.delivery.CaseFileEntry;
import io.github.aktenlift.capture.delivery.DeliveryIndex;
import io.github.aktenlift.capture.delivery.IndexListing;
import io.github.aktenlift.capture.delivery.IndexReader;
import io.github.aktenlift.capture.delivery.ListedCaseFile;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.imaging.ImageProblem;
import io.github.aktenlift.lifecycle.CommandValidator;
import io.github.aktenlift.pdfa.PageImageException;
import io.github.aktenlift.pdfa.PageSource;
import io.github.aktenlift.pdfa.PdfARenderer;
import io.github.aktenlift.pdfa.RenditionRequest;
import io.github.aktenlift.rendition.RenditionResult;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Capture's checks on a delivery folder, without a workspace and without keeping anything: the
 * index read by capture's {@link IndexReader}, every case file's documents and pages checked by
 * capture's {@link PageChecks}, sheets counted as capture counts them, and every page that passed
 * rendered by capture's {@link PdfARenderer} into nothing, so that its hash is taken and its
 * compressed data walked (or decoded, where capture re-encodes) exactly as capture does. What
 * needs the tracking state cannot be checked here: whether a barcode is registered and waiting for
 * a scan, and which pages a rescan carries over (a rescan delivery is checked as if it were
 * complete). Reads the folder only; writes nothing anywhere. Thread-safe.
 */
public final class DeliveryTrial {

    /** The renderer needs a creation time; none of it is kept. */
    private static final Instant NO_TIME = Instant.EPOCH;

    private final CapturePolicy policy;
    private final Optional<BarcodeScheme> barcodes;
    private final IndexReader reader;
    private final PageChecks checks;
    private final ImageInspector inspector;

    /**
     * @param policy the capture policy whose limits and catalogue apply
     * @param barcodes the scheme case file barcodes must follow, or empty to take any well-formed one
     */
    public DeliveryTrial(CapturePolicy policy, Optional<BarcodeScheme> barcodes) {
        this.policy = policy;
        this.barcodes = barcodes;
        this.reader = new IndexReader(policy, new CommandValidator(Clock.systemUTC()));
        this.inspector = new ImageInspector(policy.maxPixels(), policy.maxDimension());
        this.checks = new PageChecks(policy, inspector);
    }

    /**
     * What one case file of the delivery gave.
     *
     * @param label the barcode, or {@code caseFiles[n]} where the entry names none
     * @param entry its entry, {@code null} if the entry itself is bad
     * @param problems every problem found, empty if none
     * @param pages pages checked
     * @param bytes their bytes
     */
    public record Result(String label, CaseFileEntry entry, List<CaptureProblem> problems, int pages, long bytes) {
        /** Copies the list. */
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /**
     * What the whole delivery gave.
     *
     * @param index the delivery's own fields
     * @param caseFiles each case file, in the index's order
     */
    public record Trial(DeliveryIndex index, List<Result> caseFiles) {
        /** Copies the list. */
        public Trial {
            caseFiles = List.copyOf(caseFiles);
        }
    }

    /**
     * What an index must say of one page of an image file, as capture reads it from the header.
     *
     * @param resolutionDpi the resolution, rounded, or 0 where the header records none
     * @param colorMode GRAYSCALE, BITONAL or COLOR, as capture judges the image
     */
    public record PageHeader(int resolutionDpi, String colorMode) {
    }

    /**
     * Reads an image file's header with capture's inspector and the policy's pixel limits.
     *
     * @param file the image file
     * @return one entry per page of the file (several for a multi-page TIFF)
     * @throws ImageProblem if capture would refuse the file from its header
     * @throws IOException if it cannot be read
     */
    public List<PageHeader> describe(Path file) throws ImageProblem, IOException {
        ImageInfo info;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            info = inspector.inspect(file, channel);
        }
        List<PageHeader> out = new ArrayList<>();
        for (int n = 1; n <= info.pageCount(); n++) {
            double dpi = info.pages().isEmpty() ? info.dpiX() : info.pages().get(n - 1).dpiX();
            out.add(new PageHeader(dpi > 0 ? (int) Math.round(dpi) : 0, PageChecks.colorMode(info, n)));
        }
        return out;
    }

    /**
     * @param file a page file as the index names it
     * @return the page as capture's problems name it: control characters escaped, at most 300 characters
     */
    public static String pageName(String file) {
        return PageChecks.printable(file);
    }

    /**
     * @param folder the delivery folder, a real path of a directory
     * @return every case file's problems
     * @throws io.github.aktenlift.capture.InvalidDeliveryException if the index cannot be taken at all
     */
    public Trial check(Path folder) {
        IndexListing listing = reader.read(folder);
        Map<String, Integer> seen = new HashMap<>();
        for (ListedCaseFile c : listing.caseFiles()) {
            if (c.barcode() != null) {
                seen.merge(c.barcode(), 1, Integer::sum);
            }
        }
        List<Result> results = new ArrayList<>();
        for (ListedCaseFile c : listing.caseFiles()) {
            results.add(check(folder, c, seen));
        }
        return new Trial(listing.index(), results);
    }

    private Result check(Path dir, ListedCaseFile listed, Map<String, Integer> seen) {
        String bc = listed.label();
        if (listed.entry() == null) {
            return new Result(bc, null, listed.problems(), 0, 0);
        }
        CaseFileEntry entry = listed.entry();
        List<CaptureProblem> problems = new ArrayList<>();
        if (seen.getOrDefault(bc, 0) > 1) {
            problems.add(new CaptureProblem(Kind.DUPLICATE_BARCODE, bc, "",
                    "the delivery lists this barcode " + seen.get(bc) + " times"));
        }
        if (barcodes.isPresent() && !barcodes.get().accepts(new Barcode(bc))) {
            problems.add(new CaptureProblem(Kind.UNKNOWN_BARCODE, bc, "",
                    "not a case file barcode of the office's scheme (prefix, length or check digit)"));
        }
        List<CheckedPage> pages;
        try {
            pages = checks.check(dir, entry, bc, problems);
        } catch (RuntimeException e) {
            problems.add(new CaptureProblem(Kind.CAPTURE_FAILED, bc, "", "checking failed: " + Failures.describe(e)));
            return new Result(bc, entry, problems, 0, 0);
        }
        // every listed page, as capture counts them once the pages have passed: a missing page is its
        // own problem, not a missing sheet as well
        PageChecks.checkCoverage(entry, bc, entry.documents().stream().flatMap(d -> d.pages().stream()).toList(),
                problems);
        long bytes = 0;
        for (CheckedPage page : pages) {
            bytes += page.size();
            render(page, bc, problems);
        }
        return new Result(bc, entry, problems, pages.size(), bytes);
    }

    /**
     * Renders one page on its own into nothing: its hash, the walk over its compressed data and its
     * decoding (where capture re-encodes) are the renderer's, and a fault in one page does not hide
     * the next page's.
     */
    private void render(CheckedPage page, String bc, List<CaptureProblem> problems) {
        RenditionRequest request = new RenditionRequest(page.document().type() + " " + page.document().documentId(),
                page.document().type(), null, bc, bc, NO_TIME,
                List.of(new PageSource(page.file(), page.info(), page.pageInFile())));
        try {
            RenditionResult result = new PdfARenderer().render(request, OutputStream.nullOutputStream(), false);
            PageChecks.compareHashes(List.of(page), result, bc, problems);
        } catch (PageImageException e) {
            problems.add(PageChecks.brokenPage(e, List.of(page), bc));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            problems.add(new CaptureProblem(Kind.RENDITION_FAILED, bc, PageChecks.printable(page.entry().file()),
                    "the page cannot be rendered: " + Failures.describe(e)));
        }
    }
}
