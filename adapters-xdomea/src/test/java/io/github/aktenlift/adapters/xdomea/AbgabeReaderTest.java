package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.adapters.xdomea.message.AbgabeReader;
import io.github.aktenlift.adapters.xdomea.message.Akte;
import io.github.aktenlift.adapters.xdomea.message.MessageException;
import io.github.aktenlift.adapters.xdomea.message.MessageException.Problem;
import io.github.aktenlift.adapters.xdomea.message.ReaderLimits;
import io.github.aktenlift.adapters.xdomea.message.ReceivedAbgabe;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("Reading a received 0401")
class AbgabeReaderTest {

    @TempDir
    Path root;

    /** The entries of a valid message: the XML first, then the three primary documents. */
    private LinkedHashMap<String, byte[]> entries;
    private String xmlName;
    private List<String> docs;
    private ImportPackage pkg;
    private Path inbox;

    @BeforeEach
    void validMessage() throws Exception {
        Fixtures.Exchange x = Fixtures.exchange(root.resolve("exchange"), true);
        String eFile = x.procedure().createEFile(new EFileRequest("efile-1", "AB-2026/4711",
                new SubjectQuery("Öztürk", "Ayşe", LocalDate.of(1988, 4, 1), null))).id();
        pkg = Fixtures.pkg("k-1", eFile, "F000000172X", 1);
        x.procedure().importPackage(pkg);
        entries = new LinkedHashMap<>(Xml.entries(x.partner().archive("k-1")));
        List<String> names = new ArrayList<>(entries.keySet());
        xmlName = names.get(0);
        docs = names.subList(1, names.size());
        inbox = Files.createDirectories(root.resolve("inbox"));
    }

    private String xml() {
        return new String(entries.get(xmlName), StandardCharsets.UTF_8);
    }

    private void xml(String text) {
        entries.put(xmlName, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(inbox.resolve("received.zip"), bytes);
    }

    /** Reads and expects a failure; checks that nothing was kept beside the archive, and the archive is unchanged. */
    private MessageException refused(byte[] archive, AbgabeReader reader) throws IOException {
        Path f = file(archive);
        MessageException e = catchThrowableOfType(() -> reader.read(f).close(), MessageException.class);
        assertThat(e).as("a MessageException").isNotNull();
        assertThat(Fixtures.listing(inbox)).as("nothing extracted or kept").containsExactly("received.zip");
        assertThat(Files.readAllBytes(f)).as("the archive untouched").isEqualTo(archive);
        assertThat(e.getMessage()).as("no personal data, no value from the message")
                .doesNotContain("Öztürk", "Ayşe", "1988", "AB-2026/4711");
        return e;
    }

    private MessageException refused(byte[] archive) throws IOException {
        return refused(archive, AbgabeReader.withDefaults());
    }

    @Test
    @DisplayName("the unaltered message passes, with and without the official schema")
    void valid() throws Exception {
        Path f = file(zip(entries));
        try (ReceivedAbgabe r = AbgabeReader.withDefaults().read(f)) {
            assertThat(r.files()).hasSize(3);
            assertThat(((Akte) r.message().objects().get(0)).metadata().reference()).isEqualTo("AB-2026/4711");
        }
        try (ReceivedAbgabe r = AbgabeReader.withDefaults().schema(OfficialSchema.get()).read(f)) {
            assertThat(r.files()).extracting(io.github.aktenlift.adapters.xdomea.message.ReceivedFile::sha256)
                    .containsExactly(pkg.documents().get(0).sha256(), pkg.documents().get(1).sha256(),
                            pkg.scanProtocol().sha256());
        }
    }

    @Nested
    @DisplayName("the archive")
    class Archive {

        @Test
        @DisplayName("a file that is no ZIP is NOT_A_ZIP")
        void notAZip() throws Exception {
            assertThat(refused("this is not a zip".getBytes(StandardCharsets.US_ASCII)).problem()).isEqualTo(Problem.NOT_A_ZIP);
            assertThat(refused(new byte[0]).problem()).isEqualTo(Problem.NOT_A_ZIP);
        }

        @Test
        @DisplayName("more entries than the limit (10,000 by default) is TOO_MANY_ENTRIES, before any is read")
        void entryCountBomb() throws Exception {
            for (int i = 0; i < 10_000; i++) {
                entries.put(String.format("e%05d", i), new byte[0]);
            }
            assertThat(refused(zip(entries)).problem()).isEqualTo(Problem.TOO_MANY_ENTRIES);
        }

        @Test
        @DisplayName("an entry declared larger than the expanded-bytes limit is EXPANDED_TOO_LARGE, naming it")
        void declaredSizeBomb() throws Exception {
            entries.put(docs.get(0), new byte[32 << 20]);
            MessageException e = refused(zip(entries), AbgabeReader.withDefaults()
                    .limits(new ReaderLimits(1L << 30, 100, 8L << 20, 1L << 20, 8)));
            assertThat(e.problem()).isEqualTo(Problem.EXPANDED_TOO_LARGE);
            assertThat(e.entry()).isEqualTo(docs.get(0));
        }

        @Test
        @DisplayName("an entry that expands beyond the limit while claiming a small size is caught while reading, naming it")
        void lyingSizeBomb() throws Exception {
            entries.put(docs.get(0), new byte[32 << 20]);
            byte[] archive = zip(entries);
            patchDeclaredSize(archive, docs.get(0), 1000);
            MessageException e = refused(archive, AbgabeReader.withDefaults()
                    .limits(new ReaderLimits(1L << 30, 100, 8L << 20, 1L << 20, 8)));
            assertThat(e.problem()).isEqualTo(Problem.EXPANDED_TOO_LARGE);
            assertThat(e.entry()).isEqualTo(docs.get(0));
            assertThat(e.getMessage()).contains("expands beyond");
        }

        @Test
        @DisplayName("entry names with '..', absolute paths or directories are ILLEGAL_ENTRY_NAME, naming the entry")
        void traversal() throws Exception {
            for (String evil : List.of("../evil.pdf", "/etc/passwd", "C:\\Windows\\evil.pdf", "..\\evil.pdf", "sub/x.pdf")) {
                LinkedHashMap<String, byte[]> e = new LinkedHashMap<>(entries);
                e.put(evil, new byte[] {1});
                MessageException m = refused(zip(e));
                assertThat(m.problem()).as(evil).isEqualTo(Problem.ILLEGAL_ENTRY_NAME);
                assertThat(m.entry()).isEqualTo(evil);
            }
        }

        @Test
        @DisplayName("an entry the message does not reference is UNREFERENCED_ENTRY")
        void unreferenced() throws Exception {
            entries.put("6f1c0c6e-8d7d-4c9e-9d1f-0a1b2c3d4e5f_extra.pdf", Pdfs.minimal("extra"));
            MessageException e = refused(zip(entries));
            assertThat(e.problem()).isEqualTo(Problem.UNREFERENCED_ENTRY);
            assertThat(e.entry()).isEqualTo("6f1c0c6e-8d7d-4c9e-9d1f-0a1b2c3d4e5f_extra.pdf");
        }

        @Test
        @DisplayName("no message XML is MISSING_MESSAGE, one named for another message WRONG_MESSAGE_TYPE")
        void messageEntry() throws Exception {
            LinkedHashMap<String, byte[]> e = new LinkedHashMap<>(entries);
            byte[] xml = e.remove(xmlName);
            assertThat(refused(zip(e)).problem()).isEqualTo(Problem.MISSING_MESSAGE);
            e.put(xmlName.replace("Abgabe.Abgabe.0401", "Aussonderung.Aussonderung.0503"), xml);
            assertThat(refused(zip(e)).problem()).isEqualTo(Problem.WRONG_MESSAGE_TYPE);
        }
    }

    @Nested
    @DisplayName("the documents")
    class Documents {

        @Test
        @DisplayName("a referenced primary document missing from the archive is MISSING_DOCUMENT, naming it")
        void missing() throws Exception {
            entries.remove(docs.get(1));
            MessageException e = refused(zip(entries));
            assertThat(e.problem()).isEqualTo(Problem.MISSING_DOCUMENT);
            assertThat(e.entry()).isEqualTo(docs.get(1));
        }

        @Test
        @DisplayName("a document whose bytes differ from the declared SHA-256 is HASH_MISMATCH, naming it")
        void hashMismatch() throws Exception {
            entries.put(docs.get(0), Pdfs.minimal("another document"));
            MessageException e = refused(zip(entries));
            assertThat(e.problem()).isEqualTo(Problem.HASH_MISMATCH);
            assertThat(e.entry()).isEqualTo(docs.get(0));
        }

        @Test
        @DisplayName("a document declared as PDF that has no PDF's shape is NOT_A_PDF, also when its hash is declared to match")
        void notAPdf() throws Exception {
            byte[] fake = "%PDF-1.7\nnot really a pdf\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
            entries.put(docs.get(0), fake);
            xml(xml().replace(pkg.documents().get(0).sha256(), Fixtures.sha256(fake)));
            MessageException e = refused(zip(entries));
            assertThat(e.problem()).isEqualTo(Problem.NOT_A_PDF);
            assertThat(e.entry()).isEqualTo(docs.get(0));
            // the check fires on truncation too: the first half of a real PDF
            byte[] real = Pdfs.minimal("x");
            byte[] half = java.util.Arrays.copyOf(real, real.length / 2);
            entries.put(docs.get(0), half);
            xml(xml().replace(Fixtures.sha256(fake), Fixtures.sha256(half)));
            assertThat(refused(zip(entries)).problem()).isEqualTo(Problem.NOT_A_PDF);
        }
    }

    @Nested
    @DisplayName("the message XML")
    class Message {

        @Test
        @DisplayName("malformed XML is MALFORMED_XML, naming the entry and the line")
        void malformed() throws Exception {
            xml(xml().substring(0, xml().length() / 2));
            MessageException e = refused(zip(entries));
            assertThat(e.problem()).isEqualTo(Problem.MALFORMED_XML);
            assertThat(e.entry()).isEqualTo(xmlName);
            assertThat(e.getMessage()).contains("line");
        }

        @Test
        @DisplayName("another message under the 0401's name is WRONG_MESSAGE_TYPE, by root element and by head")
        void wrongType() throws Exception {
            String original = xml();
            xml(original.replace("Abgabe.Abgabe.0401", "Abgabe.ImportBestaetigen.0402"));
            assertThat(refused(zip(entries)).problem()).isEqualTo(Problem.WRONG_MESSAGE_TYPE);
            xml(original.replace("<code>0401</code>", "<code>0402</code>"));
            MessageException e = refused(zip(entries));
            assertThat(e.problem()).isEqualTo(Problem.WRONG_MESSAGE_TYPE);
            assertThat(e.element()).isEqualTo("/Abgabe.Abgabe.0401/Kopf/Nachrichtentyp");
        }

        @Test
        @DisplayName("xdomea of another version is UNSUPPORTED_VERSION; a foreign namespace WRONG_MESSAGE_TYPE")
        void version() throws Exception {
            String original = xml();
            xml(original.replace("urn:xoev-de:xdomea:schema:3.0.0", "urn:xoev-de:xdomea:schema:2.4.0"));
            MessageException e = refused(zip(entries));
            assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_VERSION);
            assertThat(e.getMessage()).contains("2.4.0");
            xml(original.replace("urn:xoev-de:xdomea:schema:3.0.0", "urn:example:other"));
            assertThat(refused(zip(entries)).problem()).isEqualTo(Problem.WRONG_MESSAGE_TYPE);
        }

        @Test
        @DisplayName("an external entity (XXE) is DTD_FORBIDDEN, and the file it names is never read into anything")
        void xxe() throws Exception {
            Path secret = Files.writeString(root.resolve("secret.txt"), "TOP-SECRET-CONTENT");
            String doctype = "<!DOCTYPE xdomea:Abgabe.Abgabe.0401 [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n";
            String x = xml();
            int root = x.indexOf("<xdomea:Abgabe.Abgabe.0401");
            x = x.substring(0, root) + doctype + x.substring(root);
            xml(x.replace("<xdomea:Betreff>Akte AB-2026/4711</xdomea:Betreff>", "<xdomea:Betreff>&xxe;</xdomea:Betreff>"));
            MessageException e = refused(zip(entries));
            assertThat(e.problem()).isEqualTo(Problem.DTD_FORBIDDEN);
            assertThat(e.entry()).isEqualTo(xmlName);
            assertThat(e.getMessage()).doesNotContain("TOP-SECRET-CONTENT");
        }

        @Test
        @DisplayName("an entity expansion attack (billion laughs) is DTD_FORBIDDEN")
        void billionLaughs() throws Exception {
            StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
            for (int i = 1; i < 10; i++) {
                dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
            }
            dtd.append("]>\n");
            String x = xml();
            int root = x.indexOf("<xdomea:Abgabe.Abgabe.0401");
            xml(x.substring(0, root) + dtd + x.substring(root).replace("Akte AB-2026/4711", "&lol9;"));
            assertThat(refused(zip(entries)).problem()).isEqualTo(Problem.DTD_FORBIDDEN);
        }

        @Test
        @DisplayName("a missing required element or one out of order is INVALID_STRUCTURE, naming the element path")
        void structure() throws Exception {
            String original = xml();
            xml(original.replaceFirst("\\s*<xdomea:Importbestaetigung>1</xdomea:Importbestaetigung>", ""));
            MessageException e = refused(zip(entries));
            assertThat(e.problem()).isEqualTo(Problem.INVALID_STRUCTURE);
            assertThat(e.element()).isEqualTo("/Abgabe.Abgabe.0401/Kopf");
            assertThat(e.getMessage()).contains("Importbestaetigung");

            xml(original.replace("<xdomea:Typ>Ausländerakte</xdomea:Typ>", "")
                    .replace("<xdomea:Identifikation>", "<xdomea:Typ>Ausländerakte</xdomea:Typ><xdomea:Identifikation>"));
            e = refused(zip(entries));
            assertThat(e.problem()).isEqualTo(Problem.INVALID_STRUCTURE);
            assertThat(e.element()).startsWith("/Abgabe.Abgabe.0401/Schriftgutobjekt[1]/Akte");
        }

        @Test
        @DisplayName("a malformed UUID is INVALID_STRUCTURE by the reader's own checks, naming the element")
        void uuid() throws Exception {
            xml(xml().replace("<xdomea:ProzessID>", "<xdomea:ProzessID>x"));
            MessageException own = refused(zip(entries));
            assertThat(own.problem()).isEqualTo(Problem.INVALID_STRUCTURE);
            assertThat(own.element()).isEqualTo("/Abgabe.Abgabe.0401/Kopf/ProzessID");
        }

        @Test
        @DisplayName("what only the official schema checks (an element the reader skips) is SCHEMA_INVALID when a schema is given")
        void schemaInvalid() throws Exception {
            xml(xml().replace("</xdomea:Akteninhalt>", "</xdomea:Akteninhalt><xdomea:ZdA>vielleicht</xdomea:ZdA>"));
            Path f = file(zip(entries));
            try (ReceivedAbgabe r = AbgabeReader.withDefaults().read(f)) {
                assertThat(r.files()).as("the reader's own checks skip ZdA").hasSize(3);
            }
            MessageException e = refused(zip(entries), AbgabeReader.withDefaults().schema(OfficialSchema.get()));
            assertThat(e.problem()).isEqualTo(Problem.SCHEMA_INVALID);
            assertThat(e.entry()).isEqualTo(xmlName);
            assertThat(e.getMessage()).contains("line").contains("cvc-").doesNotContain("vielleicht");
        }
    }

    /** Overwrites the uncompressed size an entry's central directory record declares (ZIP APPNOTE 4.3.12). */
    private static void patchDeclaredSize(byte[] zip, String name, int size) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) == 0x02014b50 && b.getShort(i + 28) == n.length
                    && java.util.Arrays.equals(zip, i + 46, i + 46 + n.length, n, 0, n.length)) {
                b.putInt(i + 24, size);
                return;
            }
        }
        throw new AssertionError("no central directory record for " + name);
    }

    @Test
    @DisplayName("an error never carries the message's values: a subject in the XML does not leak into the exception")
    void noValuesInErrors() throws Exception {
        xml(xml().replace("Akte AB-2026/4711", "Öztürk, Ayşe, geb. 1988").replace("<xdomea:ProzessID>", "<xdomea:ProzessID>Öztürk"));
        MessageException e = refused(zip(entries));
        assertThat(e.problem()).isEqualTo(Problem.INVALID_STRUCTURE);
        assertThatThrownBy(() -> { throw e; }).hasMessageNotContaining("Öztürk");
    }
}
