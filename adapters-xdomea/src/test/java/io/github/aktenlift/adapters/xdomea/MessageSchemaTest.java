package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.adapters.xdomea.message.Abgabe;
import io.github.aktenlift.adapters.xdomea.message.Akte;
import io.github.aktenlift.adapters.xdomea.message.Contact;
import io.github.aktenlift.adapters.xdomea.message.ImportConfirmation;
import io.github.aktenlift.adapters.xdomea.message.MessageType;
import io.github.aktenlift.adapters.xdomea.message.ObjectIds;
import io.github.aktenlift.adapters.xdomea.message.ReceiptConfirmation;
import io.github.aktenlift.adapters.xdomea.message.XdomeaWriter;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXParseException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The messages the adapter writes")
class MessageSchemaTest {

    @TempDir
    Path root;

    private Fixtures.Exchange x;
    private ImportPackage pkg;
    private String eFile;
    private byte[] archive;
    private String xmlName;
    private byte[] xml;
    private Xml doc;

    @BeforeEach
    void handOver() throws Exception {
        x = Fixtures.exchange(root, true);
        eFile = x.procedure().createEFile(new EFileRequest("efile-F000000172X", "AB-2026/4711",
                new SubjectQuery("Öztürk", "Ayşe", LocalDate.of(1988, 4, 1), "000000000123"))).id();
        pkg = Fixtures.pkg("akl-F000000172X-1-abc", eFile, "F000000172X", 1);
        x.procedure().importPackage(pkg);
        archive = x.partner().archive(pkg.idempotencyKey());
        Map<String, byte[]> entries = Xml.entries(archive);
        xmlName = entries.keySet().iterator().next();
        xml = entries.get(xmlName);
        doc = new Xml(xml);
    }

    private static final String AKTE = "/x:Abgabe.Abgabe.0401/x:Schriftgutobjekt/x:Akte";
    private static final String VORGANG = AKTE + "/x:Akteninhalt/x:Vorgang";

    @Nested
    @DisplayName("0401")
    class Abgabe0401 {

        @Test
        @DisplayName("is valid against the official xdomea 3.0.0 schema")
        void valid() throws Exception {
            OfficialSchema.validate(xml);
        }

        @Test
        @DisplayName("the validation would catch a fault: the same message with the Akte's ID broken is invalid")
        void validationFires() {
            String broken = new String(xml, StandardCharsets.UTF_8).replace("<xdomea:ID>" + eFile, "<xdomea:ID>not-a-uuid");
            assertThat(broken).isNotEqualTo(new String(xml, StandardCharsets.UTF_8));
            OfficialSchema.get();
            assertThatThrownBy(() -> OfficialSchema.validate(broken.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(SAXParseException.class).hasMessageContaining("cvc-pattern-valid");
        }

        @Test
        @DisplayName("travels as <ProzessID>_Abgabe.Abgabe.0401.zip, the XML first, then one entry per primary document")
        void names() throws Exception {
            UUID pid = ObjectIds.process(pkg.idempotencyKey());
            assertThat(XdomeaProcedure.messageName(pkg.idempotencyKey())).isEqualTo(pid + "_Abgabe.Abgabe.0401.zip");
            assertThat(xmlName).isEqualTo(pid + "_Abgabe.Abgabe.0401.xml");
            List<String> names = List.copyOf(Xml.entries(archive).keySet());
            assertThat(names).hasSize(4);
            assertThat(names.subList(1, 4)).allMatch(n -> n.matches("[0-9a-f-]{36}_[0-9a-z.-]+\\.pdf"));
        }

        @Test
        @DisplayName("the head carries ProzessID, Nachrichtentyp 0401, creation time, sender, recipient, and asks for both confirmations")
        void head() throws Exception {
            String k = "/x:Abgabe.Abgabe.0401/x:Kopf/x:";
            assertThat(doc.text(k + "ProzessID")).isEqualTo(ObjectIds.process(pkg.idempotencyKey()).toString());
            assertThat(doc.text(k + "Nachrichtentyp/code")).isEqualTo("0401");
            assertThat(doc.text(k + "Nachrichtentyp/@listURI")).isEqualTo("urn:xoev-de:xdomea:codeliste:nachrichtentyp");
            assertThat(doc.text(k + "Erstellungszeitpunkt")).isEqualTo("2026-03-04T10:30:00+01:00");
            assertThat(doc.text(k + "Absender/x:Institution/x:Name")).isEqualTo("Ausländerbehörde");
            assertThat(doc.text(k + "Absender/x:Behoerdenkennung/x:Behoerdenschluessel/code")).isEqualTo("ABH-05315000");
            assertThat(doc.text(k + "Absender/x:Behoerdenkennung/x:Praefix/code")).isEqualTo("dvdv:");
            assertThat(doc.text(k + "Empfaenger/x:Institution/x:Name")).isEqualTo("E-Akte der Stadt");
            assertThat(doc.text(k + "SendendesSystem/x:Produktname")).isEqualTo("Aktenlift");
            assertThat(doc.text(k + "Importbestaetigung")).isEqualTo("1");
            assertThat(doc.text(k + "Empfangsbestaetigung")).isEqualTo("1");
        }

        @Test
        @DisplayName("the e-file is the Akte: its ID the e-file's, Betreff and Kennzeichen from the file reference, Typ as configured")
        void akte() throws Exception {
            assertThat(doc.count("/x:Abgabe.Abgabe.0401/x:Schriftgutobjekt")).isEqualTo(1);
            assertThat(doc.text(AKTE + "/x:Identifikation/x:ID")).isEqualTo(eFile);
            assertThat(doc.text(AKTE + "/x:AllgemeineMetadaten/x:Betreff")).isEqualTo("Akte AB-2026/4711");
            assertThat(doc.text(AKTE + "/x:AllgemeineMetadaten/x:Kennzeichen")).isEqualTo("AB-2026/4711");
            assertThat(doc.text(AKTE + "/x:Typ")).isEqualTo("Ausländerakte");
            assertThat(doc.count(AKTE + "/x:Kontakt")).isZero();
        }

        @Test
        @DisplayName("the case file is one Vorgang, named by its barcode, holding the documents and the scan protocol")
        void vorgang() throws Exception {
            assertThat(doc.count(VORGANG)).isEqualTo(1);
            assertThat(doc.text(VORGANG + "/x:Identifikation/x:ID")).isEqualTo(ObjectIds.vorgang("F000000172X").toString());
            assertThat(doc.text(VORGANG + "/x:AllgemeineMetadaten/x:Betreff")).isEqualTo("Digitalisierte Papierakte F000000172X");
            assertThat(doc.text(VORGANG + "/x:AllgemeineMetadaten/x:Bemerkung")).isEqualTo("Scanlieferung D-17");
            assertThat(doc.count(VORGANG + "/x:Dokument")).isEqualTo(3);
        }

        @Test
        @DisplayName("each document has a stable ID, its type, Version/Format/Primaerdokument with file name and time, and its SHA-256")
        void dokumente() throws Exception {
            String d1 = VORGANG + "/x:Dokument[1]";
            UUID id1 = ObjectIds.dokument("F000000172X", "doc-1");
            assertThat(doc.text(d1 + "/x:Identifikation/x:ID")).isEqualTo(id1.toString());
            assertThat(doc.text(d1 + "/x:Identifikation/x:NummerImUebergeordnetenContainer")).isEqualTo("1");
            assertThat(doc.text(d1 + "/x:Typ")).isEqualTo("APPLICATION");
            assertThat(doc.text(d1 + "/x:DatumDesSchreibens")).isEqualTo("2019-05-14");
            String f = d1 + "/x:Version/x:Format";
            assertThat(doc.text(d1 + "/x:Version/x:Nummer")).isEqualTo("1");
            assertThat(doc.text(f + "/x:Name/code")).isEqualTo("044");
            assertThat(doc.text(f + "/x:Name/@listVersionID")).isEqualTo("1.0");
            assertThat(doc.text(f + "/x:Version")).isEqualTo("2b");
            assertThat(doc.text(f + "/x:Primaerdokument/x:Dateiname")).isEqualTo(id1 + "_01-doc-1.pdf");
            assertThat(doc.text(f + "/x:Primaerdokument/x:DateinameOriginal")).isEqualTo("01-doc-1.pdf");
            assertThat(doc.text(f + "/x:Primaerdokument/x:DatumUhrzeit")).isEqualTo("2026-03-02T09:15:00+01:00");
            String ext = d1 + "/x:AnwendungsspezifischeErweiterung";
            assertThat(doc.text(ext + "/x:Kennung")).isEqualTo("urn:aktenlift:xdomea:sha256:1");
            assertThat(doc.text(ext + "/x:Feld/x:Name")).isEqualTo(id1 + "_01-doc-1.pdf");
            assertThat(doc.text(ext + "/x:Feld/x:Wert")).isEqualTo(pkg.documents().get(0).sha256());

            String protocol = VORGANG + "/x:Dokument[3]";
            assertThat(doc.text(protocol + "/x:Typ")).isEqualTo("SCAN_PROTOCOL");
            assertThat(doc.text(protocol + "/x:Identifikation/x:ID"))
                    .isEqualTo(ObjectIds.protocol("F000000172X", pkg.scanProtocol().sha256()).toString());
            assertThat(doc.text(protocol + "/x:AnwendungsspezifischeErweiterung/x:Feld/x:Wert"))
                    .isEqualTo(pkg.scanProtocol().sha256());
        }

        @Test
        @DisplayName("carries no personal data: the subject of the e-file request appears nowhere")
        void noPersonalData() {
            String text = new String(xml, StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("Öztürk", "Ayşe", "1988-04-01", "000000000123");
        }
    }

    @Nested
    @DisplayName("0402 and 0403")
    class Answers {

        private byte[] xmlOf(Object message) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XdomeaWriter.writeXml(message, out);
            return out.toByteArray();
        }

        @Test
        @DisplayName("a 0402 with success and with failure, codes and words, is valid against the official schema")
        void importConfirmation() throws Exception {
            Abgabe a = x.partner().message(pkg.idempotencyKey());
            ImportConfirmation c = new ImportConfirmation(Partner.head(a, MessageType.IMPORT_CONFIRMATION), List.of(
                    ImportConfirmation.ObjectResult.imported(a.objects().get(0).id()),
                    new ImportConfirmation.ObjectResult(ObjectIds.vorgang("F000000172X"), false, List.of("gesperrt"),
                            List.of(new ImportConfirmation.ErrorCode("LOCKED", "gesperrt", "urn:example:fehler", "1")))));
            byte[] bytes = xmlOf(c);
            OfficialSchema.validate(bytes);
            Xml d = new Xml(bytes);
            String r = "/x:Abgabe.ImportBestaetigen.0402";
            assertThat(d.text(r + "/x:Kopf/x:ProzessID")).isEqualTo(a.head().processId().toString());
            assertThat(d.text(r + "/x:Kopf/x:Nachrichtentyp/code")).isEqualTo("0402");
            assertThat(d.text(r + "/x:AbgegebenesObjekt[1]/x:IDSGO")).isEqualTo(eFile);
            assertThat(d.text(r + "/x:AbgegebenesObjekt[1]/x:Erfolgreich")).isEqualTo("1");
            assertThat(d.text(r + "/x:AbgegebenesObjekt[2]/x:Erfolgreich")).isEqualTo("0");
            assertThat(d.text(r + "/x:AbgegebenesObjekt[2]/x:FehlermeldungCode/@listURI")).isEqualTo("urn:example:fehler");
        }

        @Test
        @DisplayName("a 0403 is valid against the official schema")
        void receiptConfirmation() throws Exception {
            Abgabe a = x.partner().message(pkg.idempotencyKey());
            byte[] bytes = xmlOf(new ReceiptConfirmation(Partner.head(a, MessageType.RECEIPT_CONFIRMATION)));
            OfficialSchema.validate(bytes);
            assertThat(new Xml(bytes).text("/x:Abgabe.EmpfangBestaetigen.0403/x:Kopf/x:Nachrichtentyp/code")).isEqualTo("0403");
        }
    }

    @Nested
    @DisplayName("an export of a sending authority")
    class Export {

        @Test
        @DisplayName("writes the Akte's person as Kontakt (Familienname, Vorname, Geburt), valid against the official schema")
        void person() throws Exception {
            Abgabe a = x.partner().message(pkg.idempotencyKey());
            Akte akte = (Akte) a.objects().get(0);
            Akte withPerson = new Akte(akte.id(), akte.position(), akte.metadata(), akte.type(),
                    List.of(new Contact("Öztürk", "Ayşe", LocalDate.of(1988, 4, 1))), akte.documents(), akte.processes(),
                    akte.parts());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XdomeaWriter.writeXml(new Abgabe(a.head(), a.receiptWanted(), a.coverLetter(), List.of(withPerson)), out);
            byte[] bytes = out.toByteArray();
            OfficialSchema.validate(bytes);
            Xml d = new Xml(bytes);
            assertThat(d.text(AKTE + "/x:Kontakt/x:Name/x:Familienname/x:Name")).isEqualTo("Öztürk");
            assertThat(d.text(AKTE + "/x:Kontakt/x:Name/x:Vorname/x:Name")).isEqualTo("Ayşe");
            assertThat(d.text(AKTE + "/x:Kontakt/x:Geburt/x:Datum")).isEqualTo("1988-04-01");
        }
    }
}
