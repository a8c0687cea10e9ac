package io.github.aktenlift.capture.delivery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.aktenlift.InvalidCommandException;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.lifecycle.CommandValidator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one case file's entry of the index for {@link IndexReader}: into a record if it is good,
 * else into its problems, each naming the field by its JSON pointer. Every value must have its
 * type; unknown and repeated keys are problems; pages past the limit are skipped unread. A problem
 * never stops the parse: the rest of the entry is read or skipped, so that the next case file
 * starts where it should. Not thread-safe: one instance per entry.
 */
final class CaseFileEntryReader {
    private static final Pattern BARCODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,39}");
    private static final Set<String> CASE_FILE = Set.of("barcode", "sheets", "operator", "scannedAt", "scanner",
            "documents");
    private static final Set<String> SCANNER = Set.of("model", "settings");
    private static final Set<String> SETTINGS = Set.of("resolutionDpi", "colorMode", "duplex");
    private static final Set<String> DOCUMENT = Set.of("documentId", "type", "date", "originalToReturn", "pages");
    private static final Set<String> DOCUMENT_REQUIRED = Set.of("documentId", "type", "originalToReturn", "pages");
    private static final Set<String> PAGE = Set.of("file", "sha256", "sheet", "side", "blank", "resolutionDpi",
            "colorMode", "ocr");
    private static final Set<String> PAGE_REQUIRED = Set.of("file", "sha256", "sheet", "side", "blank",
            "resolutionDpi", "colorMode");
    private static final Set<String> OCR = Set.of("file", "sha256", "format");

    private final JsonParser p;
    private final int position;
    private final int maxPages;
    private final CommandValidator validator;
    private final String root;
    private final List<String> problems = new ArrayList<>();
    private int pages;

    /**
     * @param p the parser, standing on the entry's first token
     * @param position the entry's place in {@code caseFiles}
     * @param maxPages the most pages the case file may list
     * @param validator checks a good entry's constraints
     */
    CaseFileEntryReader(JsonParser p, int position, int maxPages, CommandValidator validator) {
        this.p = p;
        this.position = position;
        this.maxPages = maxPages;
        this.validator = validator;
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
        if (!IndexReader.isInstant(entry.scannedAt()) && problems.stream().noneMatch(s -> s.startsWith(root + "/scannedAt:"))) {
            problems.add(root + "/scannedAt: must be an existing ISO-8601 UTC instant");
        }
        for (int d = 0; d < entry.documents().size(); d++) {
            String date = entry.documents().get(d).date();
            String ptr = root + "/documents/" + d + "/date";
            if (date != null && !IndexReader.isDate(date) && problems.stream().noneMatch(s -> s.startsWith(ptr + ":"))) {
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
        boolean ok = object(at, DOCUMENT, DOCUMENT_REQUIRED, (name, ptr) -> {
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
            if (++pages > maxPages) {
                if (pages == maxPages + 1) {
                    problems.add(root + "/documents: more than " + maxPages
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
        PageEntry.OcrEntry[] ocr = new PageEntry.OcrEntry[1];
        boolean[] ocrOk = {true};
        boolean ok = object(at, PAGE, PAGE_REQUIRED, (name, ptr) -> {
            switch (name) {
                case "file" -> file[0] = string(ptr);
                case "sha256" -> sha[0] = string(ptr);
                case "sheet" -> sheet[0] = integer(ptr);
                case "side" -> side[0] = constant(string(ptr));
                case "blank" -> blank[0] = bool(ptr);
                case "resolutionDpi" -> dpi[0] = integer(ptr);
                case "ocr" -> {
                    ocr[0] = ocr(ptr);
                    ocrOk[0] = ocr[0] != null;
                }
                default -> colorMode[0] = constant(string(ptr));
            }
        });
        return ok && ocrOk[0]
                ? new PageEntry(file[0], sha[0], sheet[0], side[0], blank[0], dpi[0], colorMode[0], ocr[0]) : null;
    }

    private PageEntry.OcrEntry ocr(String at) throws IOException {
        String[] file = new String[1];
        String[] sha = new String[1];
        String[] format = new String[1];
        boolean ok = object(at, OCR, OCR, (name, ptr) -> {
            switch (name) {
                case "file" -> file[0] = string(ptr);
                case "sha256" -> sha[0] = string(ptr);
                default -> format[0] = string(ptr);
            }
        });
        return ok ? new PageEntry.OcrEntry(file[0], sha[0], format[0]) : null;
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
                problems.add(at + ": " + IndexReader.printable(name) + " is not a field of the format");
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
