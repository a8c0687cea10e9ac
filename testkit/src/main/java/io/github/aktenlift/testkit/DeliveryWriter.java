package io.github.aktenlift.testkit;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes one delivery: first draws the whole plan (documents, sheets, sides, formats) from the
 * seed, which is small, then writes the page files one at a time while streaming the index.
 */
final class DeliveryWriter {

    static final String FORMAT = "aktenlift-delivery/1";
    static final String UNKNOWN_TYPE = "UNCATALOGUED_FORM";
    static final String TRAVERSAL = "../../etc/passwd";
    private static final int BOMB_SIDE = 60_000;
    /** Sequence numbers of extra pages, far from those of listed pages so they never repeat them. */
    private static final long EXTRA_PAGE_BASE = 1L << 40;
    /** Lines of known words on a page with an OCR result: enough to test, few enough for small pages. */
    private static final int OCR_LINES = 12;

    private record Page(int ordinal, int sheet, String side, PageKind kind, PageFormat format,
                        long content, String file, ScanFault fault) {
    }

    private record Document(String id, String type, LocalDate date, boolean originalToReturn,
                            List<Page> pages, String folder, int nextNumber) {
    }

    private record CaseFile(String barcode, String operator, Instant scannedAt, int sheets,
                            List<Document> documents, int dropped, int keptBlank) {
    }

    private final Path dir;
    private final DeliverySpec spec;
    private final ScanGenerator generator;
    private final List<Path> files = new ArrayList<>();
    private final List<InjectedFault> injected = new ArrayList<>();
    private final Map<PageFormat, Integer> pagesByFormat = new EnumMap<>(PageFormat.class);
    private long totalBytes;

    DeliveryWriter(Path dir, DeliverySpec spec) {
        this.dir = dir;
        this.spec = spec;
        this.generator = ScanGenerator.withSeed(ScanGenerator.pageSeed(spec.seed(), -2))
                .withGeometry(spec.geometry())
                .withJpegQuality(spec.jpegQuality());
    }

    Delivery write() throws IOException {
        List<CaseFile> plan = plan();
        Files.createDirectories(dir);
        Path index = dir.resolve("index.json");
        Path partial = dir.resolve("index.json.part");
        try (BufferedWriter text = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            JsonWriter json = new JsonWriter(text);
            json.beginObject()
                    .field("format", FORMAT)
                    .field("deliveryId", spec.deliveryId())
                    .field("scanService", spec.scanService())
                    .field("createdAt", spec.createdAt().toString())
                    .name("caseFiles").beginArray();
            for (CaseFile caseFile : plan) {
                writeCaseFile(json, caseFile);
            }
            json.endArray().endObject().finish();
        }
        try {
            Files.move(partial, index, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, index, StandardCopyOption.REPLACE_EXISTING);
        }
        files.add(index);
        totalBytes += Files.size(index);
        List<CaseFileSummary> summaries = new ArrayList<>();
        for (CaseFile f : plan) {
            summaries.add(new CaseFileSummary(f.barcode(), f.sheets(), f.documents().size(),
                    f.documents().stream().mapToInt(d -> d.pages().size()).sum(), f.dropped(),
                    f.keptBlank()));
        }
        return new Delivery(dir, index, files, totalBytes, pagesByFormat, summaries, injected);
    }

    // ---------------------------------------------------------------- plan

    private List<CaseFile> plan() {
        SplittableRandom random = new SplittableRandom(spec.seed());
        Map<String, Map<Integer, ScanFault>> faults = new HashMap<>();
        for (FaultTarget t : spec.faults()) {
            faults.computeIfAbsent(t.barcode(), b -> new HashMap<>()).put(t.page(), t.fault());
        }
        List<CaseFile> plan = new ArrayList<>();
        long content = 0;
        int count = spec.barcodes().size();
        for (int i = 0; i < count; i++) {
            String barcode = spec.barcodes().get(i);
            Map<Integer, ScanFault> fileFaults = faults.getOrDefault(barcode, Map.of());
            String operator = "op-" + (1 + random.nextInt(9));
            Instant scannedAt = spec.createdAt()
                    .minus((count - i) * 30L + random.nextInt(30), ChronoUnit.MINUTES)
                    .truncatedTo(ChronoUnit.MINUTES);
            int documents = between(random, spec.minDocuments(), spec.maxDocuments());
            List<Document> docs = new ArrayList<>();
            int sheet = 0;
            int ordinal = 0;
            int dropped = 0;
            int keptBlank = 0;
            for (int d = 1; d <= documents; d++) {
                String id = "doc-" + d;
                String type = spec.documentTypes().get(random.nextInt(spec.documentTypes().size()));
                LocalDate date = LocalDate.ofInstant(spec.createdAt(), ZoneOffset.UTC)
                        .minusDays(1 + random.nextInt(3 * 365));
                boolean originalToReturn = random.nextDouble() < spec.originalToReturnShare();
                int sheets = between(random, spec.minSheets(), spec.maxSheets());
                String folder = barcode + "/" + id;
                List<Page> pages = new ArrayList<>();
                boolean unknownType = false;
                for (int s = 1; s <= sheets; s++) {
                    sheet++;
                    PageKind front = s == 1 ? PageKind.LETTER : PageKind.TEXT;
                    String[] sides = spec.duplex() ? new String[] {"FRONT", "BACK"}
                            : new String[] {"FRONT"};
                    for (String side : sides) {
                        PageKind kind = front;
                        if (side.equals("BACK")) {
                            kind = random.nextDouble() < spec.blankBackShare()
                                    ? PageKind.BLANK : PageKind.TEXT;
                            if (kind == PageKind.BLANK
                                    && random.nextDouble() < spec.droppedBlankShare()) {
                                dropped++;
                                continue;
                            }
                        }
                        PageFormat format = switch (spec.formats()) {
                            case JPEG -> PageFormat.JPEG;
                            case G4 -> PageFormat.G4;
                            case MIXED -> random.nextBoolean() ? PageFormat.JPEG : PageFormat.G4;
                        };
                        ordinal++;
                        if (kind == PageKind.BLANK) {
                            keptBlank++;
                        }
                        ScanFault fault = fileFaults.get(ordinal);
                        unknownType |= fault == ScanFault.UNKNOWN_DOCUMENT_TYPE;
                        String file = folder + "/" + String.format("p%04d.", pages.size() + 1)
                                + format.extension();
                        pages.add(new Page(ordinal, sheet, side, kind, format, content++, file,
                                fault));
                    }
                }
                docs.add(new Document(id, unknownType ? UNKNOWN_TYPE : type, date,
                        originalToReturn, pages, folder, pages.size() + 1));
            }
            for (int page : fileFaults.keySet()) {
                if (page > ordinal) {
                    throw new IllegalArgumentException("fault " + fileFaults.get(page)
                            + " at page " + page + " of " + barcode + ", which has only "
                            + ordinal + " pages with seed " + spec.seed());
                }
            }
            plan.add(new CaseFile(barcode, operator, scannedAt, sheet, docs, dropped, keptBlank));
        }
        return plan;
    }

    private static int between(SplittableRandom random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    // ---------------------------------------------------------------- write

    private void writeCaseFile(JsonWriter json, CaseFile f) throws IOException {
        json.beginObject()
                .field("barcode", f.barcode())
                .field("sheets", f.sheets())
                .field("operator", f.operator())
                .field("scannedAt", f.scannedAt().toString())
                .name("scanner").beginObject()
                .field("model", spec.scannerModel())
                .name("settings").beginObject()
                .field("resolutionDpi", spec.geometry().dpi())
                .field("colorMode", switch (spec.formats()) {
                    case JPEG -> PageFormat.JPEG.colorMode();
                    case G4 -> PageFormat.G4.colorMode();
                    case MIXED -> "MIXED";
                })
                .field("duplex", spec.duplex())
                .endObject()
                .endObject()
                .name("documents").beginArray();
        for (Document d : f.documents()) {
            json.beginObject()
                    .field("documentId", d.id())
                    .field("type", d.type())
                    .field("date", d.date().toString())
                    .field("originalToReturn", d.originalToReturn())
                    .name("pages").beginArray();
            for (Page p : d.pages()) {
                boolean withOcr = spec.ocr() != DeliverySpec.Ocr.NONE && p.kind() != PageKind.BLANK
                        && p.fault() == null;
                KnownText known = withOcr ? KnownText.german(spec.geometry(),
                        ScanGenerator.pageSeed(spec.seed(), p.content()), OCR_LINES) : null;
                String sha256 = withOcr
                        ? writeFile(p.file(), out -> generator.write(p.format(), out, known, false)).sha256()
                        : writePage(f, d, p);
                pagesByFormat.merge(p.format(), 1, Integer::sum);
                json.beginObject()
                        .field("file", p.fault() == ScanFault.PATH_TRAVERSAL ? TRAVERSAL : p.file())
                        .field("sha256", sha256)
                        .field("sheet", p.sheet())
                        .field("side", p.side())
                        .field("blank", p.kind() == PageKind.BLANK)
                        .field("resolutionDpi", spec.geometry().dpi())
                        .field("colorMode", p.format().colorMode());
                if (withOcr) {
                    boolean alto = spec.ocr() == DeliverySpec.Ocr.ALTO;
                    String ocrFile = p.file().substring(0, p.file().lastIndexOf('.')) + (alto ? ".alto.xml" : ".hocr");
                    String ocrSha = writeBytes(ocrFile, (alto ? known.alto(4) : known.hocr())
                            .getBytes(StandardCharsets.UTF_8));
                    json.name("ocr").beginObject()
                            .field("file", ocrFile)
                            .field("sha256", ocrSha)
                            .field("format", alto ? "ALTO" : "HOCR")
                            .endObject();
                }
                json.endObject();
            }
            json.endArray().endObject();
        }
        json.endArray().endObject();
    }

    /** Writes one page file, planting its fault if it has one; returns the hash for the index. */
    private String writePage(CaseFile f, Document d, Page p) throws IOException {
        ScanFault fault = p.fault();
        if (fault == null) {
            return writeFile(p.file(), out -> generator.write(p.format(), out, p.content(),
                    p.kind())).sha256();
        }
        injected.add(new InjectedFault(fault, f.barcode(), p.ordinal(), p.file()));
        switch (fault) {
            case TRUNCATED_IMAGE -> {
                byte[] bytes = render(p);
                return writeBytes(p.file(), java.util.Arrays.copyOf(bytes, bytes.length / 2));
            }
            case CORRUPT_IMAGE -> {
                return writeBytes(p.file(), corrupt(render(p), p));
            }
            case ZERO_BYTES -> {
                return writeBytes(p.file(), new byte[0]);
            }
            case WRONG_FORMAT -> {
                BufferedImage image = generator.paint(p.content(), p.kind(), true);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                if (p.format() == PageFormat.JPEG) {
                    ScanGenerator.encodeG4(image, bytes, spec.geometry().dpi());
                } else {
                    encodePng(image, bytes);
                }
                return writeBytes(p.file(), bytes.toByteArray());
            }
            case HUGE_DIMENSIONS -> {
                int dpi = spec.geometry().dpi();
                return writeBytes(p.file(), p.format() == PageFormat.JPEG
                        ? DecompressionBombs.jpeg(BOMB_SIDE, BOMB_SIDE, dpi)
                        : DecompressionBombs.tiff(BOMB_SIDE, BOMB_SIDE, dpi));
            }
            case HASH_MISMATCH -> {
                String real = writeFile(p.file(), out -> generator.write(p.format(), out,
                        p.content(), p.kind())).sha256();
                char last = real.charAt(63);
                return real.substring(0, 63) + (last == '0' ? '1' : '0');
            }
            case MISSING_PAGE, PATH_TRAVERSAL -> {
                // the scan service computed a hash of a page it then failed to deliver
                return generator.write(p.format(), OutputStream.nullOutputStream(), p.content(),
                        p.kind()).sha256();
            }
            case EXTRA_PAGE -> {
                String listed = writeFile(p.file(), out -> generator.write(p.format(), out,
                        p.content(), p.kind())).sha256();
                // numbered after the document's listed pages, one number per faulted page
                int number = d.nextNumber() + d.pages().indexOf(p);
                String extra = d.folder() + "/" + String.format("p%04d.", number)
                        + p.format().extension();
                writeFile(extra, out -> generator.write(p.format(), out,
                        EXTRA_PAGE_BASE + p.content(), PageKind.TEXT));
                injected.set(injected.size() - 1,
                        new InjectedFault(fault, f.barcode(), p.ordinal(), extra));
                return listed;
            }
            case UNKNOWN_DOCUMENT_TYPE -> {
                return writeFile(p.file(), out -> generator.write(p.format(), out, p.content(),
                        p.kind())).sha256();
            }
            default -> throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    private byte[] render(Page p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        generator.write(p.format(), bytes, p.content(), p.kind());
        return bytes.toByteArray();
    }

    /** Random bytes over the second half of the data, sparing headers and the last two bytes. */
    private byte[] corrupt(byte[] bytes, Page p) {
        int start = bytes.length / 2;
        if (p.format() == PageFormat.JPEG) {
            start = Math.max(start, endOfScanHeader(bytes));
        }
        SplittableRandom random = new SplittableRandom(ScanGenerator.pageSeed(spec.seed(),
                p.content()));
        for (int i = start; i < bytes.length - 2; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static int endOfScanHeader(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
            int marker = jpeg[i + 1] & 0xff;
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            i += 2 + length;
            if (marker == 0xDA) {
                return i;
            }
        }
        return jpeg.length;
    }

    private static void encodePng(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ScanGenerator.writer("png");
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
    }

    private String writeBytes(String relative, byte[] bytes) throws IOException {
        return writeFile(relative, out -> {
            HashingOutputStream hashing = new HashingOutputStream(out);
            hashing.write(bytes, 0, bytes.length);
            return hashing.result(1);
        }).sha256();
    }

    private WrittenImage writeFile(String relative, ScanGenerator.Encoding encoding)
            throws IOException {
        Path file = dir.resolve(relative);
        WrittenImage written = ScanGenerator.toFile(file, encoding);
        files.add(file);
        totalBytes += written.size();
        return written;
    }
}
