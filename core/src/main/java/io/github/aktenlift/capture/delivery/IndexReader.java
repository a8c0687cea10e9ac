package io.github.aktenlift.capture.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.github.aktenlift.capture.CapturePolicy;
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
    private static final Pattern INSTANT = Pattern.compile(DeliveryIndex.INSTANT);
    private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

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
                    + " format" + at(e.getLocation() != null || p == null ? e.getLocation() : p.currentLocation()));
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

    static String printable(String name) {
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
                out.add(new CaseFileEntryReader(p, out.size(), policy.maxPagesPerCaseFile(), validator).read());
            }
            return out;
        }
    }

}
