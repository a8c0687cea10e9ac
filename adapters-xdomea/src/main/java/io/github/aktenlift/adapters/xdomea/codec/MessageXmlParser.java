package io.github.aktenlift.adapters.xdomea.codec;

import io.github.aktenlift.adapters.xdomea.message.Abgabe;
import io.github.aktenlift.adapters.xdomea.message.Akte;
import io.github.aktenlift.adapters.xdomea.message.Contact;
import io.github.aktenlift.adapters.xdomea.message.Dokument;
import io.github.aktenlift.adapters.xdomea.message.Format;
import io.github.aktenlift.adapters.xdomea.message.GeneralMetadata;
import io.github.aktenlift.adapters.xdomea.message.ImportConfirmation;
import io.github.aktenlift.adapters.xdomea.message.MessageException;
import io.github.aktenlift.adapters.xdomea.message.MessageException.Problem;
import io.github.aktenlift.adapters.xdomea.message.MessageHead;
import io.github.aktenlift.adapters.xdomea.message.MessageType;
import io.github.aktenlift.adapters.xdomea.message.ObjectIds;
import io.github.aktenlift.adapters.xdomea.message.Party;
import io.github.aktenlift.adapters.xdomea.message.PrimaryFile;
import io.github.aktenlift.adapters.xdomea.message.ReceiptConfirmation;
import io.github.aktenlift.adapters.xdomea.message.Schriftgutobjekt;
import io.github.aktenlift.adapters.xdomea.message.Version;
import io.github.aktenlift.adapters.xdomea.message.Vorgang;

import javax.xml.stream.XMLStreamException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.github.aktenlift.adapters.xdomea.codec.XmlIn.many;
import static io.github.aktenlift.adapters.xdomea.codec.XmlIn.one;
import static io.github.aktenlift.adapters.xdomea.codec.XmlIn.opt;
import static io.github.aktenlift.adapters.xdomea.codec.XmlIn.skip;
import static io.github.aktenlift.adapters.xdomea.codec.XmlIn.skipMany;
import static io.github.aktenlift.adapters.xdomea.codec.XmlIn.some;

/**
 * Reads the XML of the Abgabe messages into the model, checking the structure of the xdomea 3.0.0
 * schema for every element on the way: names, namespace, order, number, and the form of UUIDs,
 * booleans, dates and times. Elements Aktenlift does not map (archive metadata, history, business
 * process, references…) are checked for position and skipped. One instance per message.
 *
 * @since 0.1
 */
public final class MessageXmlParser {

    private final String entry;
    private final ZoneId zone;
    private final int maxDepth;
    private int depth;

    private MessageXmlParser(String entry, ZoneId zone, int maxDepth) {
        this.entry = entry;
        this.zone = zone;
        this.maxDepth = maxDepth;
    }

    /**
     * @param in the message XML; not closed
     * @param entry its entry or file name, for errors
     * @param zone the zone of times given without an offset
     * @param maxDepth the deepest nesting of objects accepted
     * @return the message
     * @throws MessageException if it is not a well-formed, structurally valid 0401
     */
    public static Abgabe abgabe(InputStream in, String entry, ZoneId zone, int maxDepth) {
        MessageXmlParser p = new MessageXmlParser(entry, zone, maxDepth);
        try (XmlIn x = XmlIn.open(in, entry)) {
            p.root(x, MessageType.ABGABE);
            HeadParts head = new HeadParts(MessageType.ABGABE);
            Holder<Boolean> receipt = new Holder<>();
            Holder<Dokument> cover = new Holder<>();
            List<Schriftgutobjekt> objects = new ArrayList<>();
            x.sequence(
                    one("Kopf", k -> {
                        List<XmlIn.Particle> parts = new ArrayList<>(p.headParticles(head));
                        parts.add(XmlIn.skipMany("WeitererEmpfaenger"));
                        parts.add(one("Importbestaetigung", i -> {
                            if (!p.bool(i)) {
                                throw i.invalid("the schema fixes Importbestaetigung to 1");
                            }
                        }));
                        parts.add(one("Empfangsbestaetigung", i -> receipt.value = p.bool(i)));
                        k.sequence(parts.toArray(XmlIn.Particle[]::new));
                        p.checkType(k, head);
                    }),
                    opt("Anschreiben", a -> cover.value = p.dokument(a, false)),
                    some("Schriftgutobjekt", s -> s.choice(o -> objects.add(switch (o.localName()) {
                        case "Akte" -> p.akte(o);
                        case "Vorgang" -> p.vorgang(o);
                        default -> p.dokument(o, false);
                    }), "Akte", "Vorgang", "Dokument")),
                    skip("Aktenplan"));
            x.finish();
            return new Abgabe(head.build(), receipt.value, cover.value, objects);
        } catch (XMLStreamException e) {
            throw new MessageException(Problem.MALFORMED_XML, entry, null, "not well-formed", e);
        }
    }

    /**
     * @param in the message XML; not closed
     * @param entry its entry or file name, for errors
     * @param zone the zone of times given without an offset
     * @return the message
     * @throws MessageException if it is not a well-formed, structurally valid 0402
     */
    public static ImportConfirmation importConfirmation(InputStream in, String entry, ZoneId zone) {
        MessageXmlParser p = new MessageXmlParser(entry, zone, 1);
        try (XmlIn x = XmlIn.open(in, entry)) {
            p.root(x, MessageType.IMPORT_CONFIRMATION);
            HeadParts head = new HeadParts(MessageType.IMPORT_CONFIRMATION);
            List<ImportConfirmation.ObjectResult> results = new ArrayList<>();
            x.sequence(
                    one("Kopf", k -> {
                        k.sequence(p.headParticles(head).toArray(XmlIn.Particle[]::new));
                        p.checkType(k, head);
                    }),
                    some("AbgegebenesObjekt", o -> results.add(p.result(o))));
            x.finish();
            return new ImportConfirmation(head.build(), results);
        } catch (XMLStreamException e) {
            throw new MessageException(Problem.MALFORMED_XML, entry, null, "not well-formed", e);
        }
    }

    /**
     * @param in the message XML; not closed
     * @param entry its entry or file name, for errors
     * @param zone the zone of times given without an offset
     * @return the message
     * @throws MessageException if it is not a well-formed, structurally valid 0403
     */
    public static ReceiptConfirmation receiptConfirmation(InputStream in, String entry, ZoneId zone) {
        MessageXmlParser p = new MessageXmlParser(entry, zone, 1);
        try (XmlIn x = XmlIn.open(in, entry)) {
            p.root(x, MessageType.RECEIPT_CONFIRMATION);
            HeadParts head = new HeadParts(MessageType.RECEIPT_CONFIRMATION);
            x.sequence(one("Kopf", k -> {
                k.sequence(p.headParticles(head).toArray(XmlIn.Particle[]::new));
                p.checkType(k, head);
            }));
            x.finish();
            return new ReceiptConfirmation(head.build());
        } catch (XMLStreamException e) {
            throw new MessageException(Problem.MALFORMED_XML, entry, null, "not well-formed", e);
        }
    }

    /** Checks the root element: xdomea 3.0.0, and the expected message. */
    private void root(XmlIn x, MessageType expected) {
        String ns = x.namespace();
        if (!MessageType.NAMESPACE.equals(ns)) {
            if (ns.startsWith(MessageType.NAMESPACE_PREFIX)) {
                String version = ns.substring(MessageType.NAMESPACE_PREFIX.length());
                throw new MessageException(Problem.UNSUPPORTED_VERSION, entry, x.path(), "xdomea "
                        + (version.matches("[0-9A-Za-z.-]{1,16}") ? version : "of an unknown version")
                        + " is not supported; Aktenlift reads " + MessageType.VERSION, null);
            }
            throw new MessageException(Problem.WRONG_MESSAGE_TYPE, entry, x.path(), "not an xdomea message", null);
        }
        if (!expected.elementName().equals(x.localName())) {
            throw new MessageException(Problem.WRONG_MESSAGE_TYPE, entry, x.path(), "expected " + expected.elementName(),
                    null);
        }
    }

    /** A head being read: the fields of {@code NkBasisType}. */
    private static final class HeadParts {
        final MessageType expected;
        UUID processId;
        String typeCode;
        OffsetDateTime created;
        Party sender;
        Party recipient;
        String system;

        HeadParts(MessageType expected) {
            this.expected = expected;
        }

        MessageHead build() {
            return new MessageHead(processId, expected, created, sender, recipient, system);
        }
    }

    /** The particles of {@code NkBasisType}, reading into {@code h}. */
    private List<XmlIn.Particle> headParticles(HeadParts h) {
        return List.of(
                one("ProzessID", i -> h.processId = uuid(i)),
                one("Nachrichtentyp", i -> h.typeCode = code(i)),
                one("Erstellungszeitpunkt", i -> h.created = dateTime(i)),
                one("Absender", i -> h.sender = kontakt(i, null)),
                one("Empfaenger", i -> h.recipient = kontakt(i, null)),
                opt("SendendesSystem", i -> i.sequence(skip("InstanzID"),
                        opt("Produktname", t -> h.system = t.optionalText()), skip("Version"))),
                skip("Hinweis"),
                skip("AnwendungsspezifischeErweiterung"),
                skip("AnwendungsspezifischeErweiterungXML"));
    }

    private void checkType(XmlIn k, HeadParts h) {
        if (!h.expected.code().equals(h.typeCode)) {
            throw new MessageException(Problem.WRONG_MESSAGE_TYPE, entry, k.path() + "/Nachrichtentyp",
                    "the head names another message type than " + h.expected.code(), null);
        }
    }

    /** {@code KontaktType}: the authority as a {@link Party}; the person, if any, into {@code persons}. */
    private Party kontakt(XmlIn x, List<Contact> persons) throws XMLStreamException {
        String[] party = new String[4];
        String[] person = new String[2];
        LocalDate[] born = new LocalDate[1];
        x.sequence(
                opt("Behoerdenkennung", b -> b.sequence(
                        opt("Behoerdenschluessel", k -> party[1] = code(k)),
                        opt("Praefix", k -> party[0] = code(k)))),
                opt("Institution", i -> i.sequence(opt("Name", t -> party[2] = t.optionalText()), skip("Kurzbezeichnung"))),
                opt("Organisationseinheit", o -> o.sequence(one("Name", t -> party[3] = t.optionalText()))),
                opt("Name", n -> n.sequence(skip("Anrede"), skip("Titel"),
                        opt("Familienname", f -> f.sequence(opt("Name", t -> person[0] = t.optionalText()))),
                        opt("Vorname", f -> f.sequence(opt("Name", t -> person[1] = t.optionalText()))))),
                skip("Taetigkeit"),
                skip("Zustaendigkeit"),
                skipMany("Anschrift"),
                skipMany("Kommunikation"),
                skip("Rolle"),
                skipMany("UnstrukturierteAnschrift"),
                opt("Geburt", g -> g.sequence(one("Datum", d -> born[0] = date(d)))));
        if (persons != null && (person[0] != null || person[1] != null || born[0] != null)) {
            persons.add(new Contact(person[0], person[1], born[0]));
        }
        return new Party(party[0], party[1], party[2], party[3]);
    }

    private Akte akte(XmlIn x) throws XMLStreamException {
        enter(x);
        Ident id = new Ident();
        Holder<GeneralMetadata> meta = new Holder<>(GeneralMetadata.NONE);
        Holder<String> type = new Holder<>();
        List<Contact> contacts = new ArrayList<>();
        List<Dokument> documents = new ArrayList<>();
        List<Vorgang> processes = new ArrayList<>();
        List<Akte> parts = new ArrayList<>();
        x.sequence(
                one("Identifikation", i -> identifikation(i, id)),
                opt("AllgemeineMetadaten", m -> meta.value = metadata(m)),
                skip("ArchivspezifischeMetadaten"),
                skip("Standort"),
                opt("Typ", t -> type.value = t.optionalText()),
                skip("Laufzeit"),
                skipMany("HistorienProtokollInformation"),
                skip("InternerGeschaeftsgang"),
                opt("Akteninhalt", c -> c.sequence(
                        many("Dokument", d -> documents.add(dokument(d, false))),
                        many("Vorgang", v -> processes.add(vorgang(v))),
                        many("Teilakte", t -> parts.add(akte(t))))),
                skipMany("Verweis"),
                many("Kontakt", k -> kontakt(k, contacts)),
                skip("ZdA"),
                skip("ZdADatum"),
                skip("AnwendungsspezifischeErweiterung"),
                skip("AnwendungsspezifischeErweiterungXML"));
        depth--;
        return new Akte(id.id, id.position, meta.value, type.value, contacts, documents, processes, parts);
    }

    private Vorgang vorgang(XmlIn x) throws XMLStreamException {
        enter(x);
        Ident id = new Ident();
        Holder<GeneralMetadata> meta = new Holder<>(GeneralMetadata.NONE);
        Holder<String> type = new Holder<>();
        List<Contact> contacts = new ArrayList<>();
        List<Dokument> documents = new ArrayList<>();
        List<Vorgang> parts = new ArrayList<>();
        x.sequence(
                one("Identifikation", i -> identifikation(i, id)),
                opt("AllgemeineMetadaten", m -> meta.value = metadata(m)),
                skip("ArchivspezifischeMetadaten"),
                skip("Aktenbetreff"),
                opt("Typ", t -> type.value = t.optionalText()),
                skip("ZdA"),
                skip("ZdADatum"),
                skip("Laufzeit"),
                skipMany("HistorienProtokollInformation"),
                skip("InternerGeschaeftsgang"),
                many("Dokument", d -> documents.add(dokument(d, false))),
                skipMany("Verweis"),
                many("Kontakt", k -> kontakt(k, contacts)),
                many("Teilvorgang", t -> parts.add(vorgang(t))),
                skip("AnwendungsspezifischeErweiterung"),
                skip("AnwendungsspezifischeErweiterungXML"));
        depth--;
        return new Vorgang(id.id, id.position, meta.value, type.value, contacts, documents, parts);
    }

    /** {@code DokumentType}, or {@code AnlageDokumentType} (which adds {@code Nummer} at the end). */
    private Dokument dokument(XmlIn x, boolean attachment) throws XMLStreamException {
        enter(x);
        Ident id = new Ident();
        Holder<GeneralMetadata> meta = new Holder<>(GeneralMetadata.NONE);
        Holder<LocalDate> letter = new Holder<>();
        Holder<String> type = new Holder<>();
        List<RawVersion> versions = new ArrayList<>();
        List<Dokument> attachments = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        List<XmlIn.Particle> particles = new ArrayList<>(List.of(
                one("Identifikation", i -> identifikation(i, id)),
                opt("AllgemeineMetadaten", m -> meta.value = metadata(m)),
                skip("FremdesGeschaeftszeichen"),
                skip("Posteingangsdatum"),
                skip("Postausgangsdatum"),
                opt("DatumDesSchreibens", d -> letter.value = date(d)),
                skip("Bezug"),
                skip("Hier"),
                skip("Bearbeiter"),
                opt("Typ", t -> type.value = t.optionalText()),
                skipMany("HistorienProtokollInformation"),
                skip("InternerGeschaeftsgang"),
                many("Version", v -> versions.add(version(v))),
                skipMany("Verweis"),
                many("Anlage", a -> attachments.add(dokument(a, true))),
                skipMany("Absender"),
                skipMany("Empfaenger"),
                skipMany("WeitererKontakt"),
                many("AnwendungsspezifischeErweiterung", e -> extension(e, hashes)),
                skip("AnwendungsspezifischeErweiterungXML")));
        if (attachment) {
            particles.add(skip("Nummer"));
        }
        x.sequence(particles.toArray(XmlIn.Particle[]::new));
        List<Version> resolved = new ArrayList<>();
        for (RawVersion v : versions) {
            List<Format> formats = new ArrayList<>();
            for (Format f : v.formats) {
                PrimaryFile p = f.file();
                String sha = hashes.remove(p.fileName());
                formats.add(new Format(f.code(), f.otherName(), f.version(),
                        new PrimaryFile(p.fileName(), p.originalName(), p.created(), sha)));
            }
            resolved.add(new Version(v.number, formats));
        }
        if (!hashes.isEmpty()) {
            throw x.invalid("the checksum extension names a file that no version of this document has");
        }
        depth--;
        return new Dokument(id.id, id.position, meta.value, letter.value, type.value, resolved, attachments);
    }

    private record RawVersion(String number, List<Format> formats) {
    }

    private RawVersion version(XmlIn x) throws XMLStreamException {
        Holder<String> number = new Holder<>();
        List<Format> formats = new ArrayList<>();
        x.sequence(
                one("Nummer", n -> number.value = n.text()),
                some("Format", f -> formats.add(format(f))));
        return new RawVersion(number.value, formats);
    }

    private Format format(XmlIn x) throws XMLStreamException {
        String[] f = new String[3];
        Holder<PrimaryFile> file = new Holder<>();
        x.sequence(
                one("Name", n -> f[0] = code(n)),
                opt("SonstigerName", n -> f[1] = n.optionalText()),
                one("Version", v -> f[2] = v.text()),
                one("Primaerdokument", p -> file.value = primary(p)));
        return new Format(f[0], f[1], f[2], file.value);
    }

    private PrimaryFile primary(XmlIn x) throws XMLStreamException {
        String[] names = new String[2];
        Holder<OffsetDateTime> created = new Holder<>();
        Holder<String> path = new Holder<>();
        x.sequence(
                one("Dateiname", n -> {
                    names[0] = n.text();
                    path.value = n.path();
                }),
                opt("DateinameOriginal", n -> names[1] = n.optionalText()),
                skip("Ersteller"),
                opt("DatumUhrzeit", d -> created.value = dateTime(d)),
                skip("SignaturSiegel"));
        try {
            return new PrimaryFile(names[0], names[1], created.value, null);
        } catch (IllegalArgumentException e) {
            throw new MessageException(Problem.INVALID_STRUCTURE, entry, path.value,
                    "a Dateiname must start with a UUID and name no directory", null);
        }
    }

    /** {@code AnwendungsspezifischeErweiterung}: the checksum extension is read, any other skipped after a structure check. */
    private void extension(XmlIn x, Map<String, String> hashes) throws XMLStreamException {
        Holder<String> kennung = new Holder<>();
        List<String[]> fields = new ArrayList<>();
        x.sequence(
                one("Kennung", k -> kennung.value = k.text()),
                one("Name", XmlIn::text),
                skip("Beschreibung"),
                skip("Versionsnummer"),
                skip("Versionsdatum"),
                skipMany("Feldgruppe"),
                many("Feld", f -> {
                    String[] nv = new String[3];
                    nv[2] = f.path();
                    f.sequence(one("Name", n -> nv[0] = n.text()), skip("Beschreibung"), skip("Datentyp"),
                            opt("Wert", w -> nv[1] = w.text()));
                    fields.add(nv);
                }));
        if (!PrimaryFile.HASH_EXTENSION.equals(kennung.value)) {
            return;
        }
        for (String[] nv : fields) {
            String value = nv[1] == null ? "" : nv[1].toLowerCase(Locale.ROOT);
            if (!value.matches("[0-9a-f]{64}")) {
                throw new MessageException(Problem.INVALID_STRUCTURE, entry, nv[2], "a SHA-256 must be 64 hex digits", null);
            }
            if (hashes.put(nv[0], value) != null) {
                throw new MessageException(Problem.INVALID_STRUCTURE, entry, nv[2], "a second SHA-256 for one file", null);
            }
        }
    }

    private ImportConfirmation.ObjectResult result(XmlIn x) throws XMLStreamException {
        Holder<UUID> id = new Holder<>();
        Holder<Boolean> success = new Holder<>();
        List<String> messages = new ArrayList<>();
        List<ImportConfirmation.ErrorCode> codes = new ArrayList<>();
        x.sequence(
                one("IDSGO", i -> id.value = uuid(i)),
                one("Erfolgreich", e -> success.value = bool(e)),
                many("Fehlermeldung", m -> messages.add(m.text())),
                many("FehlermeldungCode", c -> {
                    String listUri = c.attribute("listURI");
                    String listVersion = c.attribute("listVersionID");
                    if (listUri == null || listVersion == null) {
                        throw c.invalid("a FehlermeldungCode needs listURI and listVersionID");
                    }
                    String[] cn = new String[2];
                    c.sequence(new XmlIn.Particle("code", false, 1, 1, t -> cn[0] = t.text()),
                            new XmlIn.Particle("name", false, 0, 1, t -> cn[1] = t.optionalText()));
                    if (cn[0].isEmpty()) {
                        throw c.invalid("an empty code");
                    }
                    codes.add(new ImportConfirmation.ErrorCode(cn[0], cn[1], listUri, listVersion));
                }));
        return new ImportConfirmation.ObjectResult(id.value, success.value, messages, codes);
    }

    private static final class Ident {
        UUID id;
        Integer position;
    }

    private void identifikation(XmlIn x, Ident into) throws XMLStreamException {
        x.sequence(
                one("ID", i -> into.id = uuid(i)),
                opt("NummerImUebergeordnetenContainer", n -> {
                    String t = n.text();
                    if (!t.matches("[0-9]{1,9}")) {
                        throw n.invalid("not a number the reader accepts (0 to 999999999)");
                    }
                    into.position = Integer.parseInt(t);
                }));
    }

    private GeneralMetadata metadata(XmlIn x) throws XMLStreamException {
        String[] m = new String[4];
        x.sequence(
                opt("Betreff", t -> m[0] = t.optionalText()),
                opt("Kennzeichen", t -> m[1] = t.optionalText()),
                skip("Federfuehrung"),
                skip("Aktenfuehrung"),
                skip("Vertraulichkeitsstufe"),
                opt("Bemerkung", t -> m[2] = t.optionalText()),
                opt("Medium", t -> m[3] = code(t)),
                skip("Aktenplaneinheit"));
        return new GeneralMetadata(m[0], m[1], m[2], m[3]);
    }

    /** A code type's {@code code} (and optional {@code name}, ignored). */
    private String code(XmlIn x) throws XMLStreamException {
        String[] c = new String[1];
        x.sequence(new XmlIn.Particle("code", false, 1, 1, t -> c[0] = t.text()),
                new XmlIn.Particle("name", false, 0, 1, XmlIn::text));
        if (c[0].isEmpty()) {
            throw x.invalid("an empty code");
        }
        return c[0];
    }

    private UUID uuid(XmlIn x) throws XMLStreamException {
        String t = x.text();
        if (!ObjectIds.isUuid(t)) {
            throw x.invalid("not a UUID");
        }
        return UUID.fromString(t);
    }

    private boolean bool(XmlIn x) throws XMLStreamException {
        return switch (x.text()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw x.invalid("not a boolean");
        };
    }

    private LocalDate date(XmlIn x) throws XMLStreamException {
        try {
            return LocalDate.parse(x.text(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw x.invalid("not a date (yyyy-mm-dd)");
        }
    }

    private OffsetDateTime dateTime(XmlIn x) throws XMLStreamException {
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(x.text());
            LocalDateTime local = LocalDateTime.from(t);
            return t.isSupported(ChronoField.OFFSET_SECONDS) ? local.atOffset(java.time.ZoneOffset.ofTotalSeconds(
                    t.get(ChronoField.OFFSET_SECONDS))) : local.atZone(zone).toOffsetDateTime();
        } catch (java.time.DateTimeException e) {
            throw x.invalid("not a date and time (xs:dateTime)");
        }
    }

    private void enter(XmlIn x) {
        if (++depth > maxDepth) {
            throw x.invalid("objects nested deeper than " + maxDepth);
        }
    }

    private static final class Holder<T> {
        T value;

        Holder() {
        }

        Holder(T value) {
            this.value = value;
        }
    }
}
