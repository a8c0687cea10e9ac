package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaptureProblem.Kind;
import io.github.aktenlift.capture.delivery.CaseFileEntry;
import io.github.aktenlift.capture.delivery.DocumentEntry;
import io.github.aktenlift.capture.delivery.PageEntry;
import io.github.aktenlift.imaging.G4StreamCheck;
import io.github.aktenlift.imaging.ImageFormat;
import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.imaging.ImageProblem;
import io.github.aktenlift.imaging.JpegStreamCheck;
import io.github.aktenlift.imaging.Photometric;
import io.github.aktenlift.pdfa.PageImageException;
import io.github.aktenlift.rendition.PageRendition;
import io.github.aktenlift.rendition.RenditionResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checks of a case file's documents and pages before anything is rendered: document ids and
 * types, every page's path (inside the case file's own folder, no links of any kind, a regular
 * file, one page per image), header, format, size, resolution (present and sufficient), colour
 * mode (of the image itself, palette included), sheet and side, and for G4 pages a walk over the compressed data; files in the case
 * file's folder that the index does not list. Each finding is a {@link CaptureProblem} naming the
 * page. Thread-safe.
 */
final class PageChecks {

    private final CapturePolicy policy;
    private final ImageInspector inspector;

    PageChecks(CapturePolicy policy, ImageInspector inspector) {
        this.policy = policy;
        this.inspector = inspector;
    }

    /**
     * A case file rejected before rendering still gets every page's findings: the JPEG walk, which
     * otherwise rides along with the rendition, runs on its own for the pages that passed so far.
     */
    static void walkJpegs(List<CheckedPage> pages, String bc, List<CaptureProblem> problems) {
        for (CheckedPage p : pages) {
            if (p.carried() || p.info().format() != ImageFormat.JPEG) {
                continue;
            }
            try {
                JpegStreamCheck.verify(p.file());
            } catch (ImageProblem e) {
                problems.add(new CaptureProblem(kindOf(e.kind()), bc, printable(p.entry().file()), e.getMessage()));
            } catch (IOException | UncheckedIOException e) {
                problems.add(new CaptureProblem(Kind.MISSING_PAGE, bc, printable(p.entry().file()), "cannot be read"));
            }
        }
    }

    /**
     * The index's hash of every delivered page against the one the renderer took while the page's
     * bytes streamed through it; a page carried over from a previous capture was verified through
     * its stored rendition's hash on the way out.
     *
     * @param group the pages rendered, in the rendition's order
     * @param result what the renderer made of them
     */
    static void compareHashes(List<CheckedPage> group, RenditionResult result, String bc,
            List<CaptureProblem> problems) {
        for (int i = 0; i < group.size(); i++) {
            PageRendition pr = result.pages().get(i);
            CheckedPage cp = group.get(i);
            if (!cp.carried() && !pr.sourceSha256().equals(cp.entry().sha256())) {
                problems.add(new CaptureProblem(Kind.HASH_MISMATCH, bc, printable(cp.entry().file()),
                        "index says " + cp.entry().sha256() + ", file has " + pr.sourceSha256()));
            }
        }
    }

    /** @return the problem of a page whose compressed data the renderer found broken, naming the page */
    static CaptureProblem brokenPage(PageImageException e, List<CheckedPage> pages, String bc) {
        String file = pages.stream().filter(p -> p.file().toString().equals(e.file())).findFirst()
                .map(p -> printable(p.entry().file())).orElse("");
        return new CaptureProblem(kindOf(e.problem().kind()), bc, file, e.problem().getMessage());
    }

    /** Sheets × sides − dropped blank backs = pages: every counted sheet needs its front. */
    static void checkCoverage(CaseFileEntry entry, String bc, List<PageEntry> pages, List<CaptureProblem> problems) {
        Set<String> sides = new HashSet<>();
        pages.forEach(p -> sides.add(p.sheet() + p.side()));
        for (int sheet = 1; sheet <= entry.sheets(); sheet++) {
            if (!sides.contains(sheet + "FRONT")) {
                problems.add(new CaptureProblem(Kind.PAGE_COUNT, bc, "", "sheet " + sheet + " has no front page"));
            }
        }
    }

    /** Checks documents and pages; adds a problem per finding and returns the pages that passed. */
    List<CheckedPage> check(Path dir, CaseFileEntry entry, String bc, List<CaptureProblem> problems) {
        Set<String> documentIds = new HashSet<>();
        Set<String> sides = new HashSet<>();
        Set<Path> listed = new HashSet<>();
        Map<String, String> usedBy = new HashMap<>();
        List<CheckedPage> out = new ArrayList<>();
        G4StreamCheck g4 = new G4StreamCheck();
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
                } catch (DateTimeParseException e) {
                    problems.add(new CaptureProblem(Kind.INVALID_ENTRY, bc, "", "document " + d.documentId()
                            + " has no valid date"));
                }
            }
            for (PageEntry p : d.pages()) {
                CheckedPage c = checkPage(dir, entry, bc, d, p, problems, listed, g4);
                if (c != null && c.ocrFile() != null) {
                    String other = usedBy.putIfAbsent("ocr:" + c.ocrFile(), printable(p.file()));
                    if (other != null) {
                        problems.add(new CaptureProblem(Kind.SHARED_IMAGE, bc, printable(p.file()),
                                "the same OCR file as page " + other + "; every page has an OCR file of its own"));
                        c = null;
                    }
                }
                if (c != null) {
                    // one image for one page: the same file (and page of it) twice is one scan counted twice
                    String image = c.file() + "#" + c.pageInFile();
                    String first = usedBy.putIfAbsent(image, printable(p.file()));
                    if (first != null) {
                        problems.add(new CaptureProblem(Kind.SHARED_IMAGE, bc, printable(p.file()),
                                "the same image as page " + first + "; every page has a file of its own"));
                        c = null;
                    }
                }
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
            List<CaptureProblem> problems, Set<Path> listed, G4StreamCheck g4) {
        String name = printable(p.file());
        // the OCR file is noted as listed first, so that it never shows as an extra file as well
        Path ocr = p.ocr() == null ? null : ocrPath(dir, bc, name, p.ocr(), problems, listed);
        // a bad OCR path drops the page, but only after its image is checked (and noted as listed) too
        boolean ocrRefused = p.ocr() != null && ocr == null;
        String fileName = p.file();
        int pageInFile = 1;
        int hash = fileName.lastIndexOf('#');
        if (hash > 0 && fileName.substring(hash + 1).matches("[1-9][0-9]{0,4}")) {
            pageInFile = Integer.parseInt(fileName.substring(hash + 1));
            fileName = fileName.substring(0, hash);
        }
        Path file;
        try {
            file = safePath(dir, fileName);
        } catch (InvalidPathException e) {
            problems.add(new CaptureProblem(Kind.UNSAFE_PATH, bc, name,
                    "the name cannot be represented as a file name on this system (its character encoding)"));
            return null;
        }
        if (file == null) {
            problems.add(new CaptureProblem(Kind.UNSAFE_PATH, bc, name,
                    "must be a relative path inside the delivery folder, without '..', '\\\\' or links"));
            return null;
        }
        if (!fileName.startsWith(bc + "/")) {
            problems.add(new CaptureProblem(Kind.FOREIGN_FOLDER, bc, name,
                    "lies outside the case file's own folder " + bc + "/"));
            return null;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            problems.add(new CaptureProblem(Kind.MISSING_PAGE, bc, name, "listed in the index but not delivered"));
            return null;
        }
        listed.add(file.normalize());
        // the format allows no links of any kind: not even one to another page of the delivery
        if (attributes.isSymbolicLink()) {
            problems.add(new CaptureProblem(Kind.UNSAFE_PATH, bc, name, "is a symbolic link; the format allows no links"));
            return null;
        }
        if (attributes.isDirectory()) {
            problems.add(new CaptureProblem(Kind.NOT_A_FILE, bc, name, "is a directory, not an image file"));
            return null;
        }
        if (!attributes.isRegularFile()) {
            problems.add(new CaptureProblem(Kind.NOT_A_FILE, bc, name,
                    "is not a regular file (a FIFO, device or socket), not an image file"));
            return null;
        }
        if (links(file) > 1) {
            problems.add(new CaptureProblem(Kind.UNSAFE_PATH, bc, name,
                    "has other names (a hard link); the format allows no links"));
            return null;
        }
        ImageInfo info;
        long size;
        try {
            // safePath left no link between the (real) delivery folder and the file, and the file is
            // none: it is opened without following one, in case one took its place since
            Path real = file;
            OpenOption[] open = {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
            // one open for the headers and the walk
            try (FileChannel channel = FileChannel.open(real, open)) {
                size = channel.size();
                if (size == 0) {
                    problems.add(new CaptureProblem(Kind.EMPTY_FILE, bc, name, "0 bytes"));
                    return null;
                }
                info = inspector.inspect(real, channel);
                // a walk over the compressed data finds corruption a header read cannot see; a JPEG's
                // rides along with its rendition (read once), a G4 strip's is done here
                if (info.format() == ImageFormat.TIFF) {
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
        if (dpiX <= 0 || dpiY <= 0) {
            problems.add(new CaptureProblem(Kind.NO_RESOLUTION, bc, name, "the image header records no resolution"
                    + (info.format() == ImageFormat.JPEG ? " (JFIF density units 0, or density 0)" : "")
                    + "; the index says " + p.resolutionDpi() + " dpi, which the header must confirm"));
            return null;
        }
        double effective = Math.min(dpiX, dpiY);
        if (effective < policy.minimumDpi()) {
            problems.add(new CaptureProblem(Kind.RESOLUTION, bc, name, Math.round(effective) + " dpi, minimum "
                    + policy.minimumDpi()));
        }
        String mode = colorMode(info, pageInFile);
        if (!mode.equals(p.colorMode())) {
            problems.add(new CaptureProblem(Kind.COLOR_MODE, bc, name, "image is " + mode + ", index says "
                    + p.colorMode()));
        }
        if (ocrRefused) {
            return null;
        }
        if (ocr != null) {
            int width = info.pages().isEmpty() ? info.width() : info.pages().get(pageInFile - 1).width();
            int height = info.pages().isEmpty() ? info.height() : info.pages().get(pageInFile - 1).height();
            try {
                OcrFile.read(ocr, p.ocr(), width, height, dpiX, dpiY);
            } catch (OcrFile.Refused e) {
                problems.add(new CaptureProblem(e.kind(), bc, name, e.getMessage()));
                return null;
            }
        }
        return new CheckedPage(d, p, file, info, pageInFile, size, false, ocr);
    }

    /**
     * The page's OCR file, if its path is safe and inside the case file's folder, noted as listed;
     * else {@code null} with the problem added.
     */
    private static Path ocrPath(Path dir, String bc, String name, PageEntry.OcrEntry entry,
            List<CaptureProblem> problems, Set<Path> listed) {
        Path ocr;
        try {
            ocr = safePath(dir, entry.file());
        } catch (InvalidPathException e) {
            ocr = null;
        }
        if (ocr == null) {
            problems.add(new CaptureProblem(Kind.UNSAFE_PATH, bc, name,
                    "its OCR file must be a relative path inside the delivery folder, without '..', '\\\\' or links"));
            return null;
        }
        if (!entry.file().startsWith(bc + "/")) {
            problems.add(new CaptureProblem(Kind.FOREIGN_FOLDER, bc, name,
                    "its OCR file lies outside the case file's own folder " + bc + "/"));
            return null;
        }
        listed.add(ocr.normalize());
        return ocr;
    }

    /** @return how many names the file has (hard links), or 1 where the file system cannot tell */
    private static int links(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return 1;
        }
    }

    /**
     * The colour mode of the image itself: a palette's colours count (a palette PNG reports its
     * palette's components, {@link io.github.aktenlift.imaging.ImageInspector}); a palette TIFF is
     * taken as colour, since its colour map is not read.
     */
    static String colorMode(ImageInfo info, int pageInFile) {
        if (!info.pages().isEmpty() && info.pages().get(pageInFile - 1).photometric() == Photometric.PALETTE) {
            return "COLOR";
        }
        int bits = info.pages().isEmpty() ? info.bitsPerComponent() : info.pages().get(pageInFile - 1).bitsPerSample();
        int components = info.pages().isEmpty() ? info.components() : info.pages().get(pageInFile - 1).samplesPerPixel();
        if (bits == 1 && components == 1) {
            return "BITONAL";
        }
        return components >= 3 ? "COLOR" : "GRAYSCALE";
    }

    static Kind kindOf(ImageProblem.Kind k) {
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

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 300; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
