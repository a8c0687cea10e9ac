package io.github.aktenlift.examples.cli;

import io.github.aktenlift.IdSource;
import io.github.aktenlift.adapters.xdomea.message.AbgabeReader;
import io.github.aktenlift.adapters.xdomea.message.Akte;
import io.github.aktenlift.adapters.xdomea.message.ImportConfirmation;
import io.github.aktenlift.adapters.xdomea.message.MessageHead;
import io.github.aktenlift.adapters.xdomea.message.MessageType;
import io.github.aktenlift.adapters.xdomea.message.Party;
import io.github.aktenlift.adapters.xdomea.message.ReceivedAbgabe;
import io.github.aktenlift.adapters.xdomea.message.XdomeaWriter;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("xdomea at the command line: receive a 0401, answer with a 0402, import with --procedure xdomea:DIR")
class ReceiveCommandTest {

    static final Subject PERSON = new Subject("Haddad", "Rana", LocalDate.of(1994, 8, 30), "SYR", null);
    static final Party OFFICE = Party.institution("Stadt Musterstadt, Ausländerbehörde");
    static final Clock SENT = Clock.fixed(Cli.NOW.minusSeconds(3_600), ZoneOffset.UTC);

    /** A 0401 as the neighbouring authority sends it (built once: it scans a file), and one naming no person. */
    private static Path sent;
    private static Path anonymous;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private Path workspace;

    @BeforeAll
    static void send() throws IOException {
        sent = NeighbourAuthority.sendFile(shared.resolve("inbox"), shared.resolve("scratch"), SENT, PERSON,
                "LK-BSP 4711/2024", OFFICE);
        anonymous = NeighbourAuthority.sendFile(shared.resolve("anonymous"), shared.resolve("scratch2"), SENT, null,
                "LK-BSP 4712/2024", OFFICE);
    }

    @BeforeEach
    void workspace() {
        workspace = tmp.resolve("w");
        try (Workspace w = Workspace.create(workspace, Clock.fixed(Cli.NOW.minusSeconds(86_400), ZoneOffset.UTC),
                IdSource.sequential("p"), false)) {
            assertThat(w.lift().tracking().caseFiles()).isEmpty();
        }
    }

    private String dir() {
        return workspace.toString();
    }

    private UUID processId(Path zip) {
        return UUID.fromString(zip.getFileName().toString().substring(0, 36));
    }

    private Path answer(Path zip) {
        return workspace.resolve(XdomeaIntake.ANSWERS).resolve(MessageType.IMPORT_CONFIRMATION.fileName(processId(zip), "zip"));
    }

    private long events() {
        Cli.Run v = Cli.run("verify", "--dir", dir(), "--json");
        assertThat(v.exitCode()).as("%s", v).isZero();
        return v.json().get("events").asLong();
    }

    private static Barcode barcodeIn(Cli.Run run) {
        Matcher m = Pattern.compile("as case file (\\S+)").matcher(run.out());
        assertThat(m.find()).as("%s", run).isTrue();
        return Barcode.of(m.group(1).replace(",", ""));
    }

    private List<EventKind> history(Barcode b) {
        Cli.Run h = Cli.run("history", b.value(), "--dir", dir(), "--json");
        assertThat(h.exitCode()).as("%s", h).isZero();
        return java.util.stream.StreamSupport.stream(h.json().get("events").spliterator(), false)
                .map(e -> EventKind.valueOf(e.get("kind").asText())).toList();
    }

    /** The single XML entry of a ZIP answer. */
    static byte[] xmlOf(Path zip) throws IOException {
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".xml")) {
                    return z.readAllBytes();
                }
            }
        }
        throw new AssertionError("no XML in " + zip);
    }

    static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static String xpath(Document d, String expression) throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        return (String) x.evaluate(expression, d, XPathConstants.STRING);
    }

    /** Every file of the tree under {@code root}, relative. */
    private static List<String> tree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Nested
    @DisplayName("a good 0401")
    class Good {

        @Test
        @DisplayName("is taken in, handed to the procedure, and once imported the sender's 0402 says so for every object; again changes nothing")
        void importedAndAnswered() throws Exception {
            OfficialSchema.validate(xmlOf(sent));
            Cli.Run run = Cli.run("receive", sent.toString(), "--dir", dir());
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.out()).contains("taken in: transfer " + processId(sent), "from Landkreis Beispielkreis",
                    "3 documents", "import: handed over, pending").doesNotContain("Haddad", "Rana");
            Barcode f = barcodeIn(run);
            assertThat(answer(sent)).doesNotExist();

            new HotfolderFarSide(workspace.resolve(Workspace.HOTFOLDER), SENT).answer(Set.of());
            Cli.Run imported = Cli.run("import", "--dir", dir());
            assertThat(imported.exitCode()).as("%s", imported).isZero();
            assertThat(imported.out()).contains("answered " + processId(sent) + ": IMPORTED");
            assertThat(history(f)).containsSubsequence(EventKind.DIGITAL_TRANSFER_RECEIVED, EventKind.EFILE_MATCHED,
                    EventKind.IMPORT_SUBMITTED, EventKind.IMPORT_CONFIRMED, EventKind.DIGITAL_TRANSFER_ANSWERED);

            byte[] xml = xmlOf(answer(sent));
            OfficialSchema.validate(xml);
            Document d = dom(xml);
            assertThat(xpath(d, "/*[local-name()='Abgabe.ImportBestaetigen.0402']/*[local-name()='Kopf']"
                    + "/*[local-name()='ProzessID']")).isEqualTo(processId(sent).toString());
            assertThat(xpath(d, "//*[local-name()='Empfaenger']//*[local-name()='Name']")).contains("Landkreis Beispielkreis");
            int objects;
            try (ReceivedAbgabe r = AbgabeReader.withDefaults().read(sent)) {
                Akte a = (Akte) r.message().objects().get(0);
                objects = 1 + a.processes().size() + a.processes().get(0).documents().size();
                assertThat(xpath(d, "count(//*[local-name()='AbgegebenesObjekt'])")).isEqualTo(Integer.toString(objects));
                assertThat(xpath(d, "//*[local-name()='AbgegebenesObjekt'][1]/*[local-name()='IDSGO']"))
                        .isEqualTo(a.id().toString());
            }
            assertThat(xpath(d, "count(//*[local-name()='Erfolgreich'][.='true' or .='1'])"))
                    .isEqualTo(Integer.toString(objects));

            long before = events();
            Cli.Run again = Cli.run("receive", sent.toString(), "--dir", dir());
            assertThat(again.exitCode()).as("%s", again).isZero();
            assertThat(again.out()).contains("already taken in: transfer " + processId(sent) + " is case file " + f);
            assertThat(events()).isEqualTo(before);
        }

        @Test
        @DisplayName("whose import the procedure rejects is answered with a 0402 naming the reason, and exits 1")
        void rejectedAndAnswered() throws Exception {
            Cli.Run run = Cli.run("receive", sent.toString(), "--dir", dir());
            assertThat(run.exitCode()).as("%s", run).isZero();
            Barcode f = barcodeIn(run);
            new HotfolderFarSide(workspace.resolve(Workspace.HOTFOLDER), SENT).answer(Set.of(f.value()));
            Cli.Run imported = Cli.run("import", "--dir", dir());
            assertThat(imported.exitCode()).as("%s", imported).isEqualTo(ExitCodes.REJECTED);
            assertThat(imported.out()).contains("answered " + processId(sent) + ": REJECTED");

            byte[] xml = xmlOf(answer(sent));
            OfficialSchema.validate(xml);
            Document d = dom(xml);
            assertThat(xpath(d, "count(//*[local-name()='Erfolgreich'][.='false' or .='0'])")).isNotEqualTo("0");
            assertThat(xpath(d, "count(//*[local-name()='Erfolgreich'][.='true' or .='1'])")).isEqualTo("0");
            assertThat(xpath(d, "//*[local-name()='FehlermeldungCode'][1]/*[local-name()='code']")).isEqualTo("EFILE_LOCKED");
        }
    }

    @Nested
    @DisplayName("a bad message: exit 2, the problem with entry and element, nothing kept")
    class Bad {

        private void refused(Path zip, String... expected) throws IOException {
            long before = events();
            Cli.Run run = Cli.run("receive", zip.toString(), "--dir", dir());
            assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("bad xdomea message, nothing kept").contains(expected)
                    .doesNotContain("\tat ", "Haddad", "Rana");
            assertThat(events()).as("journal unchanged, no barcode issued").isEqualTo(before);
            assertThat(tree(workspace.resolve(XdomeaIntake.CARDS))).isEmpty();
            assertThat(tree(workspace.resolve(XdomeaIntake.ANSWERS))).isEmpty();
            assertThat(tree(workspace.resolve(Workspace.STORAGE))).noneMatch(p -> p.contains("intake"));
        }

        /** Copies the sent 0401 with its entries changed. */
        private Path tampered(String name, UnaryOperator<Map<String, byte[]>> change) throws IOException {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (ZipInputStream z = new ZipInputStream(Files.newInputStream(sent))) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    entries.put(e.getName(), z.readAllBytes());
                }
            }
            Path out = tmp.resolve(name).resolve(sent.getFileName());
            Files.createDirectories(out.getParent());
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
                for (Map.Entry<String, byte[]> e : change.apply(entries).entrySet()) {
                    z.putNextEntry(new ZipEntry(e.getKey()));
                    z.write(e.getValue());
                    z.closeEntry();
                }
            }
            return out;
        }

        @Test
        @DisplayName("not a ZIP")
        void notAZip() throws IOException {
            Path junk = tmp.resolve("junk").resolve(sent.getFileName());
            Files.createDirectories(junk.getParent());
            Files.writeString(junk, "this is no zip");
            refused(junk, "NOT_A_ZIP");
        }

        @Test
        @DisplayName("an entry named with ..")
        void traversal() throws IOException {
            refused(tampered("dots", m -> {
                m.put("../evil.pdf", "x".getBytes(StandardCharsets.US_ASCII));
                return m;
            }), "ILLEGAL_ENTRY_NAME");
        }

        @Test
        @DisplayName("a primary document whose bytes differ from its declared SHA-256")
        void hashMismatch() throws IOException {
            refused(tampered("hash", m -> {
                String pdf = m.keySet().stream().filter(n -> n.endsWith(".pdf")).findFirst().orElseThrow();
                byte[] b = m.get(pdf).clone();
                b[b.length / 2] ^= 1;
                m.put(pdf, b);
                return m;
            }), "HASH_MISMATCH");
        }

        @Test
        @DisplayName("a DTD in the message XML (entity expansion)")
        void dtd() throws IOException {
            refused(tampered("dtd", m -> {
                String xml = m.keySet().stream().filter(n -> n.endsWith(".xml")).findFirst().orElseThrow();
                String text = new String(m.get(xml), StandardCharsets.UTF_8);
                m.put(xml, text.replaceFirst("\\?>", "?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>")
                        .getBytes(StandardCharsets.UTF_8));
                return m;
            }), "DTD_FORBIDDEN");
        }

        @Test
        @DisplayName("a well-formed 0401 that names no person to match the file with")
        void noPerson() throws IOException {
            refused(anonymous, "Kontakt");
        }
    }

    @Nested
    @DisplayName("import into an xdomea partner")
    class ImportIntoPartner {

        private Path exchange;

        /** A workspace with one verified paper case file, captured with --no-import. */
        @BeforeEach
        void verified() throws IOException {
            workspace = tmp.resolve("paper");
            List<Barcode> files = Cli.preparedWorkspace(workspace, Cli.NOW.minusSeconds(86_400), 1);
            Path delivery = ScanGenerator.writeDelivery(tmp.resolve("D-X"), DeliverySpec.builder().deliveryId("D-X")
                    .geometry(PageGeometry.a4(200)).seed(5).barcodes(files.stream().map(Barcode::value).toList())
                    .documentsPerFile(1, 2).sheetsPerDocument(1, 1).formats(DeliverySpec.Formats.MIXED).build()).directory();
            Cli.Run ingest = Cli.run("ingest", delivery.toString(), "--dir", dir(), "--no-import");
            assertThat(ingest.exitCode()).as("%s", ingest).isZero();
            exchange = tmp.resolve("exchange");
        }

        @Test
        @DisplayName("--procedure xdomea:DIR hands over a schema-valid 0401; the partner's 0402 rejection reaches the office's"
                + " outbox as a notification with the partner's reason, through the workspace's procedure.properties")
        void handOverAndRejection() throws Exception {
            Cli.Run first = Cli.run("import", "--dir", dir(), "--procedure", "xdomea:" + exchange,
                    "--setting", "aktenlift.xdomea.sender.name=Stadt Musterstadt, Ausländerbehörde",
                    "--setting", "aktenlift.xdomea.recipient.name=E-Akte Musterstadt");
            assertThat(first.exitCode()).as("%s", first).isZero();
            List<String> outgoing = tree(exchange.resolve("outgoing"));
            assertThat(outgoing).singleElement().satisfies(n -> assertThat(n).endsWith("_Abgabe.Abgabe.0401.zip"));
            Path message = exchange.resolve("outgoing").resolve(outgoing.get(0));
            OfficialSchema.validate(xmlOf(message));

            UUID process;
            List<UUID> ids = new java.util.ArrayList<>();
            MessageHead head;
            try (ReceivedAbgabe r = AbgabeReader.withDefaults().read(message)) {
                head = r.message().head();
                process = head.processId();
                Akte a = (Akte) r.message().objects().get(0);
                ids.add(a.id());
            }
            ImportConfirmation no = new ImportConfirmation(new MessageHead(process, MessageType.IMPORT_CONFIRMATION,
                    OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 0, ZoneOffset.ofHours(1)), head.recipient(), head.sender(),
                    "E-Akte 4.2"), List.of(new ImportConfirmation.ObjectResult(ids.get(0), false,
                            List.of("E-Akte gesperrt, bitte später erneut"),
                            List.of(new ImportConfirmation.ErrorCode("EFILE_LOCKED", null, "urn:example:fehler", "1")))));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            XdomeaWriter.write(no, bytes);
            OfficialSchema.validate(xmlOfBytes(bytes.toByteArray()));
            Files.createDirectories(exchange.resolve("incoming"));
            Files.write(exchange.resolve("incoming").resolve(MessageType.IMPORT_CONFIRMATION.fileName(process, "zip")),
                    bytes.toByteArray());

            Files.writeString(workspace.resolve(Workspace.PROCEDURE_CONFIG), String.join("\n",
                    "procedure=xdomea:" + exchange.toString().replace("\\", "/"),
                    "aktenlift.xdomea.sender.name=Stadt Musterstadt, Ausländerbehörde",
                    "aktenlift.xdomea.recipient.name=E-Akte Musterstadt", ""));
            Cli.Run second = Cli.run("import", "--dir", dir());
            assertThat(second.exitCode()).as("%s", second).isEqualTo(ExitCodes.REJECTED);
            assertThat(second.out()).contains("EFILE_LOCKED");
            List<String> notices = new java.util.ArrayList<>();
            for (String n : tree(workspace.resolve(Workspace.OUTBOX))) {
                notices.add(Files.readString(workspace.resolve(Workspace.OUTBOX).resolve(n)));
            }
            assertThat(notices).filteredOn(n -> n.contains("IMPORT_REJECTED")).singleElement()
                    .satisfies(n -> assertThat(n).contains("EFILE_LOCKED", "E-Akte gesperrt, bitte später erneut"));
            assertThat(tree(exchange.resolve("outgoing"))).as("handed over once").hasSize(1);
        }

        @Test
        @DisplayName("an xdomea procedure without the names it must write is a usage error, not a crash")
        void missingSettings() {
            Cli.Run run = Cli.run("import", "--dir", dir(), "--procedure", "xdomea:" + exchange);
            assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("aktenlift.xdomea.sender.name").doesNotContain("\tat ");
        }
    }

    static byte[] xmlOfBytes(byte[] zip) throws IOException {
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".xml")) {
                    return z.readAllBytes();
                }
            }
        }
        throw new AssertionError("no XML in the answer");
    }
}
