package io.github.aktenlift.adapters.xdomea.codec;

import io.github.aktenlift.adapters.xdomea.message.Abgabe;
import io.github.aktenlift.adapters.xdomea.message.Akte;
import io.github.aktenlift.adapters.xdomea.message.Contact;
import io.github.aktenlift.adapters.xdomea.message.Dokument;
import io.github.aktenlift.adapters.xdomea.message.Format;
import io.github.aktenlift.adapters.xdomea.message.GeneralMetadata;
import io.github.aktenlift.adapters.xdomea.message.ImportConfirmation;
import io.github.aktenlift.adapters.xdomea.message.MessageHead;
import io.github.aktenlift.adapters.xdomea.message.Party;
import io.github.aktenlift.adapters.xdomea.message.PrimaryFile;
import io.github.aktenlift.adapters.xdomea.message.ReceiptConfirmation;
import io.github.aktenlift.adapters.xdomea.message.Schriftgutobjekt;
import io.github.aktenlift.adapters.xdomea.message.Version;
import io.github.aktenlift.adapters.xdomea.message.Vorgang;

import javax.xml.stream.XMLStreamException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Writes the XML of the Abgabe messages, element by element in the order of the xdomea 3.0.0
 * schema ({@code xdomea-Baukasten.xsd}, {@code xdomea-Nachrichten-AbgabeDurchfuehren.xsd}).
 * Stateless.
 *
 * @since 0.1
 */
public final class MessageXmlWriter {

    static final String LIST_NACHRICHTENTYP = "urn:xoev-de:xdomea:codeliste:nachrichtentyp";
    static final String LIST_DATEIFORMAT = "urn:xoev-de:xdomea:codeliste:dateiformat";
    static final String LIST_MEDIUM = "urn:xoev-de:xdomea:codeliste:medium";

    private MessageXmlWriter() {
    }

    /**
     * @param m the message
     * @param out receives the XML (UTF-8); not closed
     * @throws XMLStreamException if writing fails
     */
    public static void write(Abgabe m, OutputStream out) throws XMLStreamException {
        try (XmlOut x = new XmlOut(out)) {
            x.root(m.head().type().elementName());
            head(x, m.head());
            x.bool("Importbestaetigung", true);
            x.bool("Empfangsbestaetigung", m.receiptWanted());
            x.end();
            if (m.coverLetter() != null) {
                dokument(x, "Anschreiben", m.coverLetter());
            }
            for (Schriftgutobjekt o : m.objects()) {
                x.start("Schriftgutobjekt");
                if (o instanceof Akte a) {
                    akte(x, "Akte", a);
                } else if (o instanceof Vorgang v) {
                    vorgang(x, "Vorgang", v);
                } else if (o instanceof Dokument d) {
                    dokument(x, "Dokument", d);
                }
                x.end();
            }
        }
    }

    /**
     * @param m the message
     * @param out receives the XML (UTF-8); not closed
     * @throws XMLStreamException if writing fails
     */
    public static void write(ImportConfirmation m, OutputStream out) throws XMLStreamException {
        try (XmlOut x = new XmlOut(out)) {
            x.root(m.head().type().elementName());
            head(x, m.head());
            x.end();
            for (ImportConfirmation.ObjectResult r : m.results()) {
                x.start("AbgegebenesObjekt");
                x.uuid("IDSGO", r.id());
                x.bool("Erfolgreich", r.success());
                for (String text : r.messages()) {
                    x.leaf("Fehlermeldung", text);
                }
                for (ImportConfirmation.ErrorCode c : r.codes()) {
                    x.code("FehlermeldungCode", c.listUri(), c.listVersion(), c.code(), c.name());
                }
                x.end();
            }
        }
    }

    /**
     * @param m the message
     * @param out receives the XML (UTF-8); not closed
     * @throws XMLStreamException if writing fails
     */
    public static void write(ReceiptConfirmation m, OutputStream out) throws XMLStreamException {
        try (XmlOut x = new XmlOut(out)) {
            x.root(m.head().type().elementName());
            head(x, m.head());
            x.end();
        }
    }

    /** {@code NkBasisType}, left open for the 0401's extension. */
    private static void head(XmlOut x, MessageHead h) throws XMLStreamException {
        x.start("Kopf");
        x.uuid("ProzessID", h.processId());
        x.code("Nachrichtentyp", LIST_NACHRICHTENTYP, "2.0", h.type().code(), null);
        x.dateTime("Erstellungszeitpunkt", h.created());
        kontakt(x, "Absender", h.sender());
        kontakt(x, "Empfaenger", h.recipient());
        if (h.sendingSystem() != null) {
            x.start("SendendesSystem");
            x.leaf("Produktname", h.sendingSystem());
            x.end();
        }
    }

    /** {@code KontaktType}: Behoerdenkennung, Institution, Organisationseinheit. */
    private static void kontakt(XmlOut x, String element, Party p) throws XMLStreamException {
        x.start(element);
        if (p.authorityKey() != null || p.authorityPrefix() != null) {
            x.start("Behoerdenkennung");
            if (p.authorityKey() != null) {
                x.code("Behoerdenschluessel", null, null, p.authorityKey(), null);
            }
            if (p.authorityPrefix() != null) {
                x.code("Praefix", null, null, p.authorityPrefix(), null);
            }
            x.end();
        }
        if (p.institution() != null) {
            x.start("Institution");
            x.leaf("Name", p.institution());
            x.end();
        }
        if (p.unit() != null) {
            x.start("Organisationseinheit");
            x.leaf("Name", p.unit());
            x.end();
        }
        x.end();
    }

    private static void identifikation(XmlOut x, UUID id, Integer position) throws XMLStreamException {
        x.start("Identifikation");
        x.uuid("ID", id);
        if (position != null) {
            x.leaf("NummerImUebergeordnetenContainer", Integer.toString(position));
        }
        x.end();
    }

    private static void metadata(XmlOut x, GeneralMetadata m) throws XMLStreamException {
        if (m.isEmpty()) {
            return;
        }
        x.start("AllgemeineMetadaten");
        x.optional("Betreff", m.subject());
        x.optional("Kennzeichen", m.reference());
        x.optional("Bemerkung", m.remark());
        if (m.medium() != null) {
            x.code("Medium", LIST_MEDIUM, "1.0", m.medium(), null);
        }
        x.end();
    }

    /**
     * {@code AkteType}, with its persons as {@code Kontakt} (name, date of birth). Aktenlift's own
     * hand-overs give none ({@code PackageMapping}); an export of a sending authority does.
     */
    private static void akte(XmlOut x, String element, Akte a) throws XMLStreamException {
        x.start(element);
        identifikation(x, a.id(), a.position());
        metadata(x, a.metadata());
        x.optional("Typ", a.type());
        if (!a.documents().isEmpty() || !a.processes().isEmpty() || !a.parts().isEmpty()) {
            x.start("Akteninhalt");
            for (Dokument d : a.documents()) {
                dokument(x, "Dokument", d);
            }
            for (Vorgang v : a.processes()) {
                vorgang(x, "Vorgang", v);
            }
            for (Akte p : a.parts()) {
                akte(x, "Teilakte", p);
            }
            x.end();
        }
        for (Contact c : a.contacts()) {
            person(x, c);
        }
        x.end();
    }

    /** {@code KontaktType} of a person: {@code Name/Familienname}, {@code Name/Vorname}, {@code Geburt/Datum}. */
    private static void person(XmlOut x, Contact c) throws XMLStreamException {
        x.start("Kontakt");
        if (c.familyName() != null || c.givenNames() != null) {
            x.start("Name");
            if (c.familyName() != null) {
                x.start("Familienname");
                x.leaf("Name", c.familyName());
                x.end();
            }
            if (c.givenNames() != null) {
                x.start("Vorname");
                x.leaf("Name", c.givenNames());
                x.end();
            }
            x.end();
        }
        if (c.dateOfBirth() != null) {
            x.start("Geburt");
            x.date("Datum", c.dateOfBirth());
            x.end();
        }
        x.end();
    }

    /** {@code VorgangType}; contacts are never written. */
    private static void vorgang(XmlOut x, String element, Vorgang v) throws XMLStreamException {
        x.start(element);
        identifikation(x, v.id(), v.position());
        metadata(x, v.metadata());
        x.optional("Typ", v.type());
        for (Dokument d : v.documents()) {
            dokument(x, "Dokument", d);
        }
        for (Vorgang p : v.parts()) {
            vorgang(x, "Teilvorgang", p);
        }
        x.end();
    }

    /** {@code DokumentType} (or {@code AnlageDokumentType}), with the checksum extension where hashes are known. */
    private static void dokument(XmlOut x, String element, Dokument d) throws XMLStreamException {
        x.start(element);
        identifikation(x, d.id(), d.position());
        metadata(x, d.metadata());
        if (d.dateOfLetter() != null) {
            x.date("DatumDesSchreibens", d.dateOfLetter());
        }
        x.optional("Typ", d.type());
        boolean hashes = false;
        for (Version v : d.versions()) {
            x.start("Version");
            x.leaf("Nummer", v.number());
            for (Format f : v.formats()) {
                format(x, f);
                hashes |= f.file().sha256() != null;
            }
            x.end();
        }
        for (Dokument a : d.attachments()) {
            dokument(x, "Anlage", a);
        }
        if (hashes) {
            x.start("AnwendungsspezifischeErweiterung");
            x.leaf("Kennung", PrimaryFile.HASH_EXTENSION);
            x.leaf("Name", "SHA-256");
            x.leaf("Beschreibung", "SHA-256 der Primärdateien: Feld/Name = Dateiname, Feld/Wert = 64 Hexadezimalziffern");
            for (Version v : d.versions()) {
                for (Format f : v.formats()) {
                    if (f.file().sha256() != null) {
                        x.start("Feld");
                        x.leaf("Name", f.file().fileName());
                        x.leaf("Wert", f.file().sha256());
                        x.end();
                    }
                }
            }
            x.end();
        }
        x.end();
    }

    private static void format(XmlOut x, Format f) throws XMLStreamException {
        x.start("Format");
        x.code("Name", LIST_DATEIFORMAT, "1.0", f.code(), null);
        x.optional("SonstigerName", f.otherName());
        x.leaf("Version", f.version());
        PrimaryFile p = f.file();
        x.start("Primaerdokument");
        x.leaf("Dateiname", p.fileName());
        x.optional("DateinameOriginal", p.originalName());
        if (p.created() != null) {
            x.dateTime("DatumUhrzeit", p.created());
        }
        x.end();
        x.end();
    }
}
