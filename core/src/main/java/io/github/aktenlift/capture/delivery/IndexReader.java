package io.github.aktenlift.capture.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.github.aktenlift.InvalidCommandException;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.InvalidDeliveryException;
import io.github.aktenlift.lifecycle.CommandValidator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one reader of a delivery's {@code index.json}, strict and bounded. The file must be a regular
 * file within the policy's size limit ({@link IndexFile}); its text must be UTF-8 JSON holding one
 * object and nothing after it. Every value must have its format's type: no string or fraction is
 * taken for a whole number, no number for a string, times and dates must exist on the calendar, a
 * key may occur once per object, and unknown keys are refused.
 *
 * <p>The index is streamed: a case file's entry becomes a record only if it is good, and a case
 * file listing more pages than the policy allows is skipped past without keeping its pages. A
 * fault in one case file's entry is a problem of that case file alone
 * ({@link ListedCaseFile#problems()}); only an index that cannot be read at all, or a fault in
 * the delivery's own fields, fails the delivery with an {@link InvalidDeliveryException} naming
 * the field, or the line and column.
 *
 * <p>Duplicate keys are found here rather than by Jackson's {@code STRICT_DUPLICATE_DETECTION}: the
 * parser cannot go on after it throws, and a key given twice inside one case file's entry should
 * reject that case file only. Messages never quote a value from the index (it may hold anything,
 * personal data included), and name an unknown key only if it looks like a field name.
 *
 * <p>Thread-safe.
 */
public final class IndexReader {

    private static final String FORMAT = "aktenlift-delivery/1";
    private static final Pattern DELIVERY_ID = Pattern.compile(DeliveryIndex.DELIVERY_ID);
    private static final Pattern SCAN_SERVICE = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    private static final Pattern BARCODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,39}");
    private static final Pattern INSTANT = Pattern.compile(DeliveryIndex.INSTANT);
    private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private static final Set<String> TOP = Set.of("format", "deliveryId", "scanService", "createdAt", "caseFiles");
    private static final Set<String> CASE_FILE = Set.of("barcode", "sheets", "operator", "scannedAt", "scanner",
            "documents");
    private static final Set<String> SCANNER = Set.of("model", "settings");
    private static final Set<String> SETTINGS = Set.of("resolutionDpi", "colorMode", "duplex");
    private static final Set<String> DOCUMENT_REQUIRED = Set.of("documentId", "type", "originalToReturn", "pages");
    private static final Set<String> PAGE = Set.of("file", "sha256", "sheet", "side", "blank", "resolutionDpi",
            "colorMode");

    private final CapturePolicy policy;
    private final CommandValidator validator;
    private final JsonFactory json;

    /**
     * @param policy its limits on the index's size, case files and pages
     * @param validator checks the good entries' constraints
     */
    public IndexReader(CapturePolicy policy, CommandValidator validator) {
        this.policy = policy;
        this.validator = validator;
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(policy.maxIndexBytes())
                        .maxNestingDepth(32)
                        .maxNameLength(1024)
                        .maxStringLength(1 << 16)
                        .maxNumberLength(32)
                        .build())
                .build();
    }

    /**
     * @param folder the delivery folder, a real path
     * @return the delivery's fields and every case file it lists
     * @throws InvalidDeliveryException naming the field, or the line and column, if the index
     *     cannot be taken at all
     */
    public IndexListing read(Path folder) {
        JsonParser p = null;
        try (Reader text = IndexFile.open(folder.resolve(IndexFile.NAME), policy.maxIndexBytes())) {
            p = json.createParser(text);
            try (JsonParser parser = p) {
                return new Document(parser).read();
            }
        } catch (IndexFile.GrewException e) {
            throw new InvalidDeliveryException(IndexFile.NAME, "grew beyond the policy's limit while it was read");
        } catch (CharacterCodingException e) {
            throw new InvalidDeliveryException(IndexFile.NAME, "is not valid UTF-8" + at(p == null ? null
                    : p.currentLocation()));
        } catch (StreamConstraintsException e) {
            throw new InvalidDeliveryException(IndexFile.NAME, "has a value, name or nesting beyond the limits of the"
                    + " format" + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the text, so only the place is passed on
            throw new InvalidDeliveryException(IndexFile.NAME, "is not valid JSON" + at(e.getLocation()));
        } catch (IOException e) {
            throw new InvalidDeliveryException(IndexFile.NAME, "cannot be read");
        }
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /** A well-formed but impossible time is as wrong as a malformed one. */
    static boolean isInstant(String s) {
        if (!INSTANT.matcher(s).matches()) {
            return false;
        }
        try {
            LocalDateTime.parse(s.substring(0, s.length() - 1)); // ISO_LOCAL_DATE_TIME resolves strictly
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isDate(String s) {
        if (!s.matches(DeliveryIndex.DATE)) {
            return false;
        }
        try {
            LocalDate.parse(s); // ISO_LOCAL_DATE resolves strictly
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String printable(String name) {
        return PRINTABLE_NAME.matcher(name).matches() ? name : "(a key that is not a field name)";
    }

    /** One pass over one index. */
    private final class Document {
        private final JsonParser p;

        Document(JsonParser p) {
            this.p = p;
        }

        IndexListing read() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new InvalidDeliveryException(IndexFile.NAME, "is empty");
            }
            if (t != JsonToken.START_OBJECT) {
                throw new InvalidDeliveryException(IndexFile.NAME, "is not a JSON object" + at(p.currentTokenLocation()));
            }
            String format = null;
            String deliveryId = null;
            String scanService = null;
            String createdAt = null;
            List<ListedCaseFile> caseFiles = null;
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!seen.add(name)) {
                    throw new InvalidDeliveryException(printable(name), "occurs twice" + at(p.currentTokenLocation()));
                }
                p.nextToken();
                switch (name) {
                    case "format" -> format = topString(name);
                    case "deliveryId" -> deliveryId = topString(name);
                    case "scanService" -> scanService = topString(name);
                    case "createdAt" -> createdAt = topString(name);
                    case "caseFiles" -> caseFiles = caseFiles();
                    default -> throw new InvalidDeliveryException(printable(name), "is not a field of the format");
                }
            }
            try {
                if (p.nextToken() != null) {
                    throw new InvalidDeliveryException(IndexFile.NAME, "has content after the index's closing brace"
                            + at(p.currentTokenLocation()));
                }
            } catch (JsonProcessingException e) {
                throw new InvalidDeliveryException(IndexFile.NAME, "has content after the index's closing brace"
                        + at(e.getLocation()));
            }
            for (String name : List.of("format", "deliveryId", "scanService", "createdAt", "caseFiles")) {
                if (!seen.contains(name)) {
                    throw new InvalidDeliveryException(name, "is missing");
                }
            }
            if (!FORMAT.equals(format)) {
                throw new InvalidDeliveryException("format", "must be " + FORMAT);
            }
            if (!DELIVERY_ID.matcher(deliveryId).matches()) {
                throw new InvalidDeliveryException("deliveryId", "must be 1 to 64 of A-Z a-z 0-9 . _ - and not"
                        + " '.' or '..'");
            }
            if (!SCAN_SERVICE.matcher(scanService).matches()) {
                throw new InvalidDeliveryException("scanService", "must be 1 to 64 of A-Z a-z 0-9 . _ : @ -");
            }
            if (!isInstant(createdAt)) {
                throw new InvalidDeliveryException("createdAt", "must be an existing ISO-8601 UTC instant");
            }
            if (caseFiles.isEmpty()) {
                throw new InvalidDeliveryException("caseFiles", "must list at least one case file");
            }
            List<CaseFileEntry> good = caseFiles.stream().filter(c -> c.entry() != null).map(ListedCaseFile::entry)
                    .toList();
            return new IndexListing(new DeliveryIndex(format, deliveryId, scanService, createdAt, good), caseFiles);
        }

        private String topString(String name) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new InvalidDeliveryException(name, "must be a string");
            }
            return p.getText();
        }

        private List<ListedCaseFile> caseFiles() throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new InvalidDeliveryException("caseFiles", "must be an array");
            }
            List<ListedCaseFile> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (out.size() == policy.maxCaseFilesPerDelivery()) {
                    throw new InvalidDeliveryException("caseFiles", "lists more than "
                            + policy.maxCaseFilesPerDelivery() + " case files, the policy's limit");
                }
                out.add(new CaseFileReader(p, out.size()).read());
            }
            return out;
        }
    }

    /** One case file's entry: read into a record if it is good, else into its problems. */
    private final class CaseFileReader {
        private final JsonParser p;
        private final int position;
        private final String root;
        private final List<String> problems = new ArrayList<>();
        private int pages;

        CaseFileReader(JsonParser p, int position) {
            this.p = p;
            this.position = position;
            this.root = "/caseFiles/" + position;
        }

        ListedCaseFile read() throws IOException {
            String[] barcode = new String[1];
            String[] operator = new String[1];
            String[] scannedAt = new String[1];
            Integer[] sheets = new Integer[1];
            CaseFileEntry.Scanner[] scanner = new CaseFileEntry.Scanner[1];
            List<DocumentEntry> documents = new ArrayList<>();
            object(root, CASE_FILE, CASE_FILE, (name, ptr) -> {
                switch (name) {
                    case "barcode" -> barcode[0] = string(ptr);
                    case "sheets" -> sheets[0] = integer(ptr);
                    case "operator" -> operator[0] = string(ptr);
                    case "scannedAt" -> scannedAt[0] = string(ptr);
                    case "scanner" -> scanner[0] = scanner(ptr);
                    default -> documents(ptr, documents);
                }
            });
            String bc = barcode[0] != null && BARCODE.matcher(barcode[0]).matches() ? barcode[0] : null;
            String label = bc != null ? bc : "caseFiles[" + position + "]";
            CaseFileEntry entry = null;
            if (problems.isEmpty()) {
                entry = new CaseFileEntry(barcode[0], sheets[0], operator[0], scannedAt[0], scanner[0], documents);
                check(entry);
            }
            if (!problems.isEmpty()) {
                List<CaptureProblem> list = problems.stream()
                        .map(d -> new CaptureProblem(CaptureProblem.Kind.INVALID_ENTRY, label, "", d)).toList();
                return new ListedCaseFile(position, bc, label, null, list);
            }
            return new ListedCaseFile(position, bc, label, entry, List.of());
        }

        /** The constraints on the record's components, and the calendar. */
        private void check(CaseFileEntry entry) {
            try {
                validator.check("CaseFileEntry", entry);
            } catch (InvalidCommandException e) {
                for (InvalidCommandException.FieldViolation v : e.violations()) {
                    problems.add(root + "/" + v.path().replace("[", "/").replace("]", "").replace('.', '/') + ": "
                            + v.message());
                }
            }
            if (!isInstant(entry.scannedAt()) && problems.stream().noneMatch(s -> s.startsWith(root + "/scannedAt:"))) {
                problems.add(root + "/scannedAt: must be an existing ISO-8601 UTC instant");
            }
            for (int d = 0; d < entry.documents().size(); d++) {
                String date = entry.documents().get(d).date();
                String ptr = root + "/documents/" + d + "/date";
                if (date != null && !isDate(date) && problems.stream().noneMatch(s -> s.startsWith(ptr + ":"))) {
                    problems.add(ptr + ": must be an existing ISO-8601 date");
                }
            }
        }

        private CaseFileEntry.Scanner scanner(String at) throws IOException {
            String[] model = new String[1];
            CaseFileEntry.Settings[] settings = new CaseFileEntry.Settings[1];
            boolean ok = object(at, SCANNER, SCANNER, (name, ptr) -> {
                if (name.equals("model")) {
                    model[0] = string(ptr);
                } else {
                    settings[0] = settings(ptr);
                }
            });
            return ok ? new CaseFileEntry.Scanner(model[0], settings[0]) : null;
        }

        private CaseFileEntry.Settings settings(String at) throws IOException {
            Integer[] dpi = new Integer[1];
            String[] colorMode = new String[1];
            Boolean[] duplex = new Boolean[1];
            boolean ok = object(at, SETTINGS, SETTINGS, (name, ptr) -> {
                switch (name) {
                    case "resolutionDpi" -> dpi[0] = integer(ptr);
                    case "colorMode" -> colorMode[0] = constant(string(ptr));
                    default -> duplex[0] = bool(ptr);
                }
            });
            return ok ? new CaseFileEntry.Settings(dpi[0], colorMode[0], duplex[0]) : null;
        }

        private void documents(String at, List<DocumentEntry> out) throws IOException {
            if (!array(at)) {
                return;
            }
            for (int d = 0; p.nextToken() != JsonToken.END_ARRAY; d++) {
                DocumentEntry doc = document(at + "/" + d);
                if (doc != null) {
                    out.add(doc);
                }
            }
        }

        private DocumentEntry document(String at) throws IOException {
            String[] id = new String[1];
            String[] type = new String[1];
            String[] date = new String[1];
            Boolean[] original = new Boolean[1];
            List<PageEntry> pageList = new ArrayList<>();
            Set<String> fields = Set.of("documentId", "type", "date", "originalToReturn", "pages");
            boolean ok = object(at, fields, DOCUMENT_REQUIRED, (name, ptr) -> {
                switch (name) {
                    case "documentId" -> id[0] = string(ptr);
                    case "type" -> type[0] = string(ptr);
                    case "date" -> date[0] = p.currentToken() == JsonToken.VALUE_NULL ? null : string(ptr);
                    case "originalToReturn" -> original[0] = bool(ptr);
                    default -> pages(ptr, pageList);
                }
            });
            return ok ? new DocumentEntry(id[0], type[0], date[0], original[0], pageList) : null;
        }

        private void pages(String at, List<PageEntry> out) throws IOException {
            if (!array(at)) {
                return;
            }
            for (int n = 0; p.nextToken() != JsonToken.END_ARRAY; n++) {
                if (++pages > policy.maxPagesPerCaseFile()) {
                    if (pages == policy.maxPagesPerCaseFile() + 1) {
                        problems.add(root + "/documents: more than " + policy.maxPagesPerCaseFile()
                                + " pages listed, the policy's limit");
                    }
                    p.skipChildren(); // past the rest without keeping it: memory stays bounded by the limit
                    continue;
                }
                PageEntry page = page(at + "/" + n);
                if (page != null) {
                    out.add(page);
                }
            }
        }

        private PageEntry page(String at) throws IOException {
            String[] file = new String[1];
            String[] sha = new String[1];
            String[] side = new String[1];
            String[] colorMode = new String[1];
            Integer[] sheet = new Integer[1];
            Integer[] dpi = new Integer[1];
            Boolean[] blank = new Boolean[1];
            boolean ok = object(at, PAGE, PAGE, (name, ptr) -> {
                switch (name) {
                    case "file" -> file[0] = string(ptr);
                    case "sha256" -> sha[0] = string(ptr);
                    case "sheet" -> sheet[0] = integer(ptr);
                    case "side" -> side[0] = constant(string(ptr));
                    case "blank" -> blank[0] = bool(ptr);
                    case "resolutionDpi" -> dpi[0] = integer(ptr);
                    default -> colorMode[0] = constant(string(ptr));
                }
            });
            return ok ? new PageEntry(file[0], sha[0], sheet[0], side[0], blank[0], dpi[0], colorMode[0]) : null;
        }

        /**
         * Reads the object at the current token field by field, refusing unknown and repeated keys
         * and noting missing ones.
         *
         * @return whether it was an object whose fields were all present and read without a problem
         */
        private boolean object(String at, Set<String> known, Set<String> required, Field field) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                problems.add(at + ": must be an object");
                p.skipChildren();
                return false;
            }
            int before = problems.size();
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!known.contains(name)) {
                    problems.add(at + ": " + printable(name) + " is not a field of the format");
                    p.skipChildren();
                } else if (!seen.add(name)) {
                    problems.add(at + "/" + name + ": occurs twice");
                    p.skipChildren();
                } else {
                    field.read(name, at + "/" + name);
                }
            }
            for (String name : required) {
                if (!seen.contains(name)) {
                    problems.add(at + "/" + name + ": is missing");
                }
            }
            return problems.size() == before;
        }

        private boolean array(String at) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                problems.add(at + ": must be an array");
                p.skipChildren();
                return false;
            }
            return true;
        }

        private String string(String at) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                problems.add(at + ": must be a string, not " + kind(p.currentToken()));
                p.skipChildren();
                return null;
            }
            return p.getText();
        }

        private Integer integer(String at) throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_NUMBER_INT) {
                problems.add(at + ": must be a whole number, not " + kind(t));
                p.skipChildren();
                return null;
            }
            if (p.getNumberType() != JsonParser.NumberType.INT) {
                problems.add(at + ": is out of range");
                return null;
            }
            return p.getIntValue();
        }

        private Boolean bool(String at) throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                problems.add(at + ": must be true or false, not " + kind(t));
                p.skipChildren();
                return null;
            }
            return t == JsonToken.VALUE_TRUE;
        }
    }

    /** Shares the few values repeated on every page instead of keeping a copy per page. */
    private static String constant(String s) {
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "FRONT" -> "FRONT";
            case "BACK" -> "BACK";
            case "GRAYSCALE" -> "GRAYSCALE";
            case "BITONAL" -> "BITONAL";
            case "COLOR" -> "COLOR";
            case "MIXED" -> "MIXED";
            default -> s;
        };
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_FLOAT -> "a fraction";
            case VALUE_NUMBER_INT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> "this";
        };
    }

    /** Reads one known field's value, the parser standing on it. */
    @FunctionalInterface
    private interface Field {
        void read(String name, String pointer) throws IOException;
    }
}
