package io.github.aktenlift.adapters.xdomea.message;

import io.github.aktenlift.adapters.xdomea.codec.Archive;
import io.github.aktenlift.adapters.xdomea.codec.MessageXmlParser;
import io.github.aktenlift.adapters.xdomea.message.MessageException.Problem;
import io.github.aktenlift.spi.UnavailableException;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Reads an {@code Abgabe.Abgabe.0401} that another authority sent, and checks it before anything
 * of it is used:
 *
 * <ol>
 *   <li>the archive: a ZIP, within the {@link ReaderLimits} (size, entries, expanded bytes — counted
 *       while reading, not taken from the archive's word), every entry name a plain file name (no
 *       absolute path, no {@code ..}, no directory), no name twice;</li>
 *   <li>the message: exactly one {@code <ProzessID>_Abgabe.Abgabe.0401.xml}, well-formed, without
 *       DTD or entities, xdomea 3.0.0, the 0401 and no other message, the schema's structure for
 *       every element (and, if a {@link Schema} is given, valid against it), its {@code ProzessID}
 *       the one in its name;</li>
 *   <li>the files: every referenced primary document present, no entry that nothing references,
 *       each SHA-256 the message declares matching, each file declared as PDF of a PDF's shape.</li>
 * </ol>
 *
 * <p>A failure throws {@link MessageException} naming the problem, the entry and the element path;
 * the archive is closed, and nothing was written anywhere — the reader never extracts. Immutable
 * and thread-safe; each {@link #read} works on its own.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AbgabeReader {

    private static final Pattern MESSAGE_NAME = Pattern.compile(
            "([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})_([A-Za-z]+\\.[A-Za-z]+\\.[0-9]{4})\\.xml");

    private final ReaderLimits limits;
    private final ZoneId zone;
    private final Schema schema;

    private AbgabeReader(ReaderLimits limits, ZoneId zone, Schema schema) {
        this.limits = limits;
        this.zone = zone;
        this.schema = schema;
    }

    /** @return a reader with {@link ReaderLimits#defaults()}, zone Europe/Berlin, no schema */
    public static AbgabeReader withDefaults() {
        return new AbgabeReader(ReaderLimits.defaults(), ZoneId.of("Europe/Berlin"), null);
    }

    /**
     * @param limits the limits
     * @return a reader with these limits
     */
    public AbgabeReader limits(ReaderLimits limits) {
        return new AbgabeReader(Objects.requireNonNull(limits, "limits"), zone, schema);
    }

    /**
     * @param zone the zone of times a message gives without an offset
     * @return a reader with it
     */
    public AbgabeReader zone(ZoneId zone) {
        return new AbgabeReader(limits, Objects.requireNonNull(zone, "zone"), schema);
    }

    /**
     * @param schema the official xdomea 3.0.0 schema, loaded by the caller (Aktenlift does not ship
     *     it), to validate every message against in addition to the reader's own checks
     * @return a reader that validates
     */
    public AbgabeReader schema(Schema schema) {
        return new AbgabeReader(limits, zone, Objects.requireNonNull(schema, "schema"));
    }

    /**
     * @param archive the received ZIP
     * @return the checked message; the caller closes it
     * @throws MessageException if the archive, the message or a file fails a check
     * @throws UnavailableException if the file cannot be read
     */
    public ReceivedAbgabe read(Path archive) {
        Archive zip = Archive.open(Objects.requireNonNull(archive, "archive"), limits);
        try {
            String xmlName = messageEntry(zip);
            Abgabe message;
            try (InputStream in = zip.open(xmlName, limits.maxMessageBytes())) {
                message = MessageXmlParser.abgabe(in, xmlName, zone, limits.maxDepth());
            }
            Matcher m = MESSAGE_NAME.matcher(xmlName);
            if (!m.matches() || !UUID.fromString(m.group(1)).equals(message.head().processId())) {
                throw new MessageException(Problem.WRONG_PROCESS, xmlName, "/Abgabe.Abgabe.0401/Kopf/ProzessID",
                        "the ProzessID differs from the one in the entry's name", null);
            }
            if (schema != null) {
                validate(zip, xmlName);
            }
            Map<String, ReceivedFile> files = files(zip, xmlName, message);
            return new ReceivedAbgabe(zip, message, files);
        } catch (IOException e) {
            zip.close();
            throw new UnavailableException("cannot read " + zip.name(), e);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static String messageEntry(Archive zip) {
        List<String> candidates = new ArrayList<>();
        for (String name : zip.entryNames()) {
            if (MESSAGE_NAME.matcher(name).matches()) {
                candidates.add(name);
            }
        }
        if (candidates.isEmpty()) {
            throw new MessageException(Problem.MISSING_MESSAGE, zip.name(), null,
                    "no entry named <ProzessID>_<message name>.xml", null);
        }
        if (candidates.size() > 1) {
            throw new MessageException(Problem.AMBIGUOUS_MESSAGE, zip.name(), null,
                    candidates.size() + " entries are named like a message", null);
        }
        String name = candidates.get(0);
        Matcher m = MESSAGE_NAME.matcher(name);
        if (m.matches() && !MessageType.ABGABE.elementName().equals(m.group(2))) {
            throw new MessageException(Problem.WRONG_MESSAGE_TYPE, name, null,
                    "expected " + MessageType.ABGABE.elementName(), null);
        }
        return name;
    }

    private void validate(Archive zip, String xmlName) throws IOException {
        Validator v = schema.newValidator();
        try {
            v.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the schema's validator cannot be secured", e);
        }
        try (InputStream in = zip.open(xmlName, limits.maxMessageBytes())) {
            v.validate(new StreamSource(in));
        } catch (SAXParseException e) {
            throw new MessageException(Problem.SCHEMA_INVALID, xmlName, null, "line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + ruleOf(e.getMessage()), null);
        } catch (SAXException e) {
            throw new MessageException(Problem.SCHEMA_INVALID, xmlName, null, ruleOf(e.getMessage()), null);
        }
    }

    /** The validator's rule id ({@code cvc-…}) only: its full message quotes values from the message. */
    static String ruleOf(String message) {
        if (message == null) {
            return "invalid";
        }
        int colon = message.indexOf(':');
        String rule = colon > 0 ? message.substring(0, colon) : "";
        return rule.matches("cvc-[A-Za-z0-9.-]{1,60}") ? rule : "invalid";
    }

    private static Map<String, ReceivedFile> files(Archive zip, String xmlName, Abgabe message) {
        Map<String, PrimaryFile> referenced = new LinkedHashMap<>();
        Set<String> pdf = new HashSet<>();
        for (Dokument d : message.documents()) {
            for (Version v : d.versions()) {
                for (Format f : v.formats()) {
                    PrimaryFile p = f.file();
                    PrimaryFile before = referenced.putIfAbsent(p.fileName(), p);
                    if (before != null && before.sha256() != null && p.sha256() != null
                            && !before.sha256().equals(p.sha256())) {
                        throw new MessageException(Problem.INVALID_STRUCTURE, p.fileName(), null,
                                "two different SHA-256 declared for one file", null);
                    }
                    if (before != null && before.sha256() == null && p.sha256() != null) {
                        referenced.put(p.fileName(), p);
                    }
                    if (f.isPdf()) {
                        pdf.add(p.fileName());
                    }
                }
            }
        }
        for (String name : referenced.keySet()) {
            if (!zip.has(name)) {
                throw new MessageException(Problem.MISSING_DOCUMENT, name, null,
                        "the message references it, the archive lacks it", null);
            }
        }
        for (String entry : zip.entryNames()) {
            if (!entry.equals(xmlName) && !referenced.containsKey(entry)) {
                throw new MessageException(Problem.UNREFERENCED_ENTRY, entry, null,
                        "the archive holds it, the message does not reference it", null);
            }
        }
        Map<String, ReceivedFile> out = new LinkedHashMap<>();
        for (PrimaryFile p : referenced.values()) {
            boolean isPdf = pdf.contains(p.fileName());
            Archive.Digest d = zip.digest(p.fileName(), isPdf);
            if (p.sha256() != null && !p.sha256().equals(d.sha256())) {
                throw new MessageException(Problem.HASH_MISMATCH, p.fileName(), null,
                        "SHA-256 " + d.sha256() + ", declared " + p.sha256(), null);
            }
            if (isPdf && !d.pdfShape()) {
                throw new MessageException(Problem.NOT_A_PDF, p.fileName(), null,
                        "declared as PDF, but lacks a PDF's header, cross-reference or end marker", null);
            }
            out.put(p.fileName(), new ReceivedFile(p.fileName(), d.size(), d.sha256(), p.sha256() != null, isPdf));
        }
        return out;
    }
}
