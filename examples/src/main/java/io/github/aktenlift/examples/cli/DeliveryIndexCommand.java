package io.github.aktenlift.examples.cli;

import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.delivery.DeliveryIndexWriter;
import io.github.aktenlift.delivery.PageImage;
import io.github.aktenlift.delivery.ScanDelivery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code delivery index DIR --case-files CSV}: builds {@code index.json} from the page images in a
 * delivery folder and a CSV of case files and documents, with the public
 * {@link DeliveryIndexWriter}. Nothing is written from a bad CSV; the index is written to a
 * temporary file beside it and moved into place atomically.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Builds DIR/index.json from the page images in DIR and a CSV of case files and documents.",
            "The CSV is UTF-8 with a header line and one line per document, in file order. Columns (any order):",
            "  barcode           the case file's label, e.g. F000000017X",
            "  operator          pseudonymous id of the scanning operator",
            "  scannedAt         when the case file was scanned, ISO-8601 UTC, e.g. 2026-03-04T09:12:00Z",
            "  scannerModel      the scanner's model",
            "  resolutionDpi     the scanner's nominal resolution",
            "  colorMode         the scanner's setting: GRAYSCALE, BITONAL, COLOR or MIXED",
            "  duplex            true or false",
            "  documentId        the document's id, unique within the case file, e.g. doc-1",
            "  type              its type code from the office's catalogue, e.g. APPLICATION",
            "  date              the date it bears, ISO-8601, or empty if unknown",
            "  originalToReturn  true or false",
            "The case file columns repeat on each of its lines and must agree. The pages of a document are the"
                + " image files (.jpg, .jpeg, .tif, .tiff, .png) in DIR/<barcode>/<documentId>/ in name order; each"
                + " starts a new sheet, but a file whose name ends in -back (p0001-back.jpg) is the back of the sheet"
                + " before it. A multi-page TIFF gives one sheet per page. Resolution and colour mode are read from"
                + " each image's header, the SHA-256 from its bytes.",
            "Every bad line is reported with its line number and field, and nothing is written. An existing"
                + " index.json is kept unless --force is given.",
            "Example: aktenlift delivery index D-2026-0001 --case-files documents.csv --scan-service scan-service-1"})
final class DeliveryIndexCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("barcode", "operator", "scannedAt", "scannerModel", "resolutionDpi",
            "colorMode", "duplex", "documentId", "type", "date", "originalToReturn");
    private static final List<String> CASE_FILE_COLUMNS = COLUMNS.subList(0, 7);
    private static final Set<String> IMAGES = Set.of("jpg", "jpeg", "tif", "tiff", "png");
    private static final String INDEX = "index.json";

    private final Environment env;

    @Parameters(index = "0", paramLabel = "DIR", description = "the delivery folder")
    private Path delivery;

    @Option(names = "--case-files", required = true, paramLabel = "CSV",
            description = "the case files and documents, one line per document (columns above)")
    private Path csv;

    @Option(names = "--delivery-id", paramLabel = "ID",
            description = "the delivery's id (default: the folder's name)")
    private String deliveryId;

    @Option(names = "--scan-service", paramLabel = "ID", defaultValue = "scan-service",
            description = "who delivers (default: ${DEFAULT-VALUE})")
    private String scanService;

    @Option(names = "--created-at", paramLabel = "INSTANT",
            description = "when the delivery was put together, ISO-8601 UTC (default: now)")
    private Instant createdAt;

    @Option(names = "--force", description = "replace an existing index.json")
    private boolean force;

    DeliveryIndexCommand(Environment env) {
        this.env = env;
    }

    /** One line of the CSV. */
    private record Line(int number, Map<String, String> cells) {
        String get(String column) {
            return cells.get(column);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(delivery, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserException("delivery folder " + delivery + " does not exist or is not a directory");
        }
        Path index = delivery.resolve(INDEX);
        if (Files.exists(index, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new UserException(index + " exists already; nothing written (--force replaces it)");
        }
        List<String> errors = new ArrayList<>();
        List<Line> lines = readCsv(errors);
        ScanDelivery built = errors.isEmpty() ? build(lines, errors) : null;
        if (!errors.isEmpty()) {
            String name = "aktenlift delivery index";
            errors.forEach(e -> env.err().println(name + ": " + e));
            env.err().println(name + ": " + errors.size() + " problem(s); nothing written");
            return ExitCodes.USAGE;
        }
        write(built, index);
        int pages = built.caseFiles().stream().flatMap(c -> c.documents().stream()).mapToInt(d -> d.pages().size()).sum();
        env.out().println("wrote " + index + ": delivery " + built.deliveryId() + ", " + built.caseFiles().size()
                + " case file(s), " + pages + " page(s); check it with: aktenlift delivery check " + delivery);
        return ExitCodes.OK;
    }

    /** Writes beside the index and moves into place, so that a reader sees the old index or the new, whole. */
    private static void write(ScanDelivery built, Path index) throws IOException {
        Path temp = Files.createTempFile(index.getParent(), ".index-", ".json.tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                DeliveryIndexWriter.write(built, out);
                channel.force(true);
            }
            try {
                Files.move(temp, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new UserException("the file system of " + index.getParent() + " cannot replace a file atomically;"
                        + " nothing written");
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }


    private List<Line> readCsv(List<String> errors) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(csv)) {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserException("CSV file " + csv + " does not exist");
        } catch (CharacterCodingException e) {
            throw new UserException("CSV file " + csv + " is not UTF-8; nothing written");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] raw = text.split("\r?\n", -1);
        List<String> header = null;
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            int number = i + 1;
            if (raw[i].isBlank()) {
                continue;
            }
            List<String> cells = cells(raw[i]);
            if (cells == null) {
                errors.add("line " + number + ": a quoted cell is not closed on its line");
                continue;
            }
            if (header == null) {
                header = cells.stream().map(String::strip).toList();
                for (String c : header) {
                    if (!COLUMNS.contains(c)) {
                        errors.add("line " + number + ": column '" + printable(c) + "' is not one of " + COLUMNS);
                    }
                }
                for (String c : COLUMNS) {
                    if (!header.contains(c)) {
                        errors.add("line " + number + ": column " + c + " is missing");
                    }
                }
                if (header.stream().distinct().count() != header.size()) {
                    errors.add("line " + number + ": a column is named twice");
                }
                continue;
            }
            if (cells.size() != header.size()) {
                errors.add("line " + number + ": has " + cells.size() + " cells, the header " + header.size());
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                m.put(header.get(c), cells.get(c).strip());
            }
            out.add(new Line(number, m));
        }
        if (header == null) {
            errors.add("the CSV is empty: a header line and one line per document are needed");
        } else if (out.isEmpty() && errors.isEmpty()) {
            errors.add("the CSV lists no document");
        }
        return out;
    }

    /** @return the cells of one line, or {@code null} if a quote is left open */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(cell.toString());
        return out;
    }

    /** A column name from the file, shown only if it looks like one (the file may hold anything). */
    private static String printable(String s) {
        return s.matches("[A-Za-z0-9_ -]{0,40}") ? s : "(not a column name)";
    }


    private ScanDelivery build(List<Line> lines, List<String> errors) throws IOException {
        Map<String, List<Line>> byBarcode = new LinkedHashMap<>();
        for (Line l : lines) {
            byBarcode.computeIfAbsent(l.get("barcode"), b -> new ArrayList<>()).add(l);
        }
        List<ScanDelivery.CaseFile> caseFiles = new ArrayList<>();
        for (List<Line> group : byBarcode.values()) {
            ScanDelivery.CaseFile c = caseFile(group, errors);
            if (c != null) {
                caseFiles.add(c);
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        String id = deliveryId != null ? deliveryId : delivery.toAbsolutePath().normalize().getFileName().toString();
        try {
            return new ScanDelivery(id, scanService, createdAt != null ? createdAt : env.clock().instant(), caseFiles);
        } catch (InvalidValueException e) {
            errors.add("option " + (e.field().equals("deliveryId") ? "--delivery-id" : e.field().equals("scanService")
                    ? "--scan-service" : "--created-at") + ": " + reason(e));
            return null;
        }
    }

    private ScanDelivery.CaseFile caseFile(List<Line> group, List<String> errors) throws IOException {
        Line first = group.get(0);
        int before = errors.size();
        for (Line l : group.subList(1, group.size())) {
            for (String c : CASE_FILE_COLUMNS) {
                if (!l.get(c).equals(first.get(c))) {
                    errors.add("line " + l.number() + ", field " + c + ": differs from line " + first.number()
                            + " of the same case file");
                }
            }
        }
        String barcode = first.get("barcode");
        ScanDelivery.Scanner scanner;
        int dpi = integer(first, "resolutionDpi", errors);
        ScanDelivery.ColorMode mode = constant(first, "colorMode", ScanDelivery.ColorMode.class, errors);
        Boolean duplex = bool(first, "duplex", errors);
        Instant scannedAt = instant(first, "scannedAt", errors);
        if (errors.size() > before) {
            return null;
        }
        try {
            scanner = new ScanDelivery.Scanner(first.get("scannerModel"), dpi, mode, duplex);
            new ScanDelivery.CaseFile(barcode, 1, first.get("operator"), scannedAt, scanner, List.of(placeholder()));
        } catch (InvalidValueException e) {
            errors.add("line " + first.number() + ", field " + column(e.field()) + ": " + reason(e));
            return null;
        }
        List<ScanDelivery.Document> documents = new ArrayList<>();
        int[] sheet = {0};
        Set<String> listed = new java.util.HashSet<>();
        for (Line l : group) {
            ScanDelivery.Document d = document(l, barcode, duplex, sheet, errors);
            if (d != null) {
                listed.add(d.documentId());
                documents.add(d);
            }
        }
        Path folder = delivery.resolve(barcode);
        if (errors.size() == before && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> all = Files.list(folder)) {
                for (Path p : all.sorted().toList()) {
                    if (!listed.contains(p.getFileName().toString())) {
                        errors.add("line " + first.number() + ", field documentId: " + barcode + "/"
                                + p.getFileName() + " is in the delivery folder but no CSV line lists it");
                    }
                }
            }
        }
        if (errors.size() > before) {
            return null;
        }
        try {
            return new ScanDelivery.CaseFile(barcode, sheet[0], first.get("operator"), scannedAt, scanner, documents);
        } catch (InvalidValueException e) {
            errors.add("line " + first.number() + ", field " + column(e.field()) + ": " + reason(e));
            return null;
        }
    }

    private static ScanDelivery.Document placeholder() {
        return new ScanDelivery.Document("d", "T", null, false, List.of(ScanDelivery.Page.front("p", "0".repeat(64), 1,
                300, ScanDelivery.PageColor.COLOR)));
    }

    private ScanDelivery.Document document(Line l, String barcode, boolean duplex, int[] sheet, List<String> errors)
            throws IOException {
        int before = errors.size();
        Boolean original = bool(l, "originalToReturn", errors);
        LocalDate date = null;
        if (!l.get("date").isEmpty()) {
            try {
                date = LocalDate.parse(l.get("date"));
            } catch (DateTimeParseException e) {
                errors.add("line " + l.number() + ", field date: must be an existing ISO-8601 date (YYYY-MM-DD) or empty");
            }
        }
        String id = l.get("documentId");
        try {
            new ScanDelivery.Document(id, l.get("type"), date, false, List.of(placeholder().pages().get(0)));
        } catch (InvalidValueException e) {
            errors.add("line " + l.number() + ", field " + column(e.field()) + ": " + reason(e));
        }
        if (errors.size() > before) {
            return null;
        }
        Path folder = delivery.resolve(barcode).resolve(id);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            errors.add("line " + l.number() + ", field documentId: no folder " + barcode + "/" + id + "/ with its page images");
            return null;
        }
        List<Path> files;
        try (Stream<Path> all = Files.list(folder)) {
            files = all.sorted().toList();
        }
        List<ScanDelivery.Page> pages = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String where = "line " + l.number() + ", page " + barcode + "/" + id + "/" + name;
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                errors.add(where + ": not a regular file (a folder or a link); the format takes image files only");
                continue;
            }
            if (!IMAGES.contains(ext)) {
                errors.add(where + ": not a page image (.jpg, .jpeg, .tif, .tiff, .png)");
                continue;
            }
            boolean back = name.substring(0, dot).endsWith("-back");
            List<PageImage> images;
            try {
                images = PageImage.read(f);
            } catch (InvalidValueException e) {
                errors.add(where + ": " + reason(e));
                continue;
            }
            if (back && (!duplex || images.size() != 1 || sheet[0] == 0)) {
                errors.add(where + ": a back page needs a duplex scan, one page in its file and a front before it");
                continue;
            }
            String sha = sha256(f);
            for (PageImage image : images) {
                if (!back) {
                    sheet[0]++;
                }
                String file = barcode + "/" + id + "/" + name + (images.size() > 1 ? "#" + image.pageInFile() : "");
                try {
                    pages.add(new ScanDelivery.Page(file, sha, sheet[0], back ? ScanDelivery.Side.BACK
                            : ScanDelivery.Side.FRONT, false, image.resolutionDpi(), image.colorMode()));
                } catch (InvalidValueException e) {
                    errors.add(where + ": " + reason(e));
                }
            }
        }
        if (files.isEmpty()) {
            errors.add("line " + l.number() + ", field documentId: no page images in " + barcode + "/" + id + "/");
        }
        if (errors.size() > before) {
            return null;
        }
        return new ScanDelivery.Document(id, l.get("type"), date, original, pages);
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The CSV column a value's field comes from. */
    private static String column(String field) {
        return switch (field) {
            case "scanner.model" -> "scannerModel";
            case "scanner.resolutionDpi" -> "resolutionDpi";
            case "scanner.colorMode" -> "colorMode";
            default -> field;
        };
    }

    private static String reason(InvalidValueException e) {
        String prefix = e.field() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }

    private static int integer(Line l, String column, List<String> errors) {
        try {
            return Integer.parseInt(l.get(column));
        } catch (NumberFormatException e) {
            errors.add("line " + l.number() + ", field " + column + ": must be a whole number");
            return 0;
        }
    }

    private static Boolean bool(Line l, String column, List<String> errors) {
        return switch (l.get(column)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add("line " + l.number() + ", field " + column + ": must be true or false");
                yield false;
            }
        };
    }

    private static Instant instant(Line l, String column, List<String> errors) {
        try {
            return Instant.parse(l.get(column));
        } catch (DateTimeParseException e) {
            errors.add("line " + l.number() + ", field " + column + ": must be an ISO-8601 UTC instant,"
                    + " e.g. 2026-03-04T09:12:00Z");
            return null;
        }
    }

    private static <E extends Enum<E>> E constant(Line l, String column, Class<E> type, List<String> errors) {
        try {
            return Enum.valueOf(type, l.get(column));
        } catch (IllegalArgumentException e) {
            errors.add("line " + l.number() + ", field " + column + ": must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }
}
