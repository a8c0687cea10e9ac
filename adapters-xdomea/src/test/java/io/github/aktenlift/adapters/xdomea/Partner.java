package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.adapters.xdomea.codec.MessageXmlParser;
import io.github.aktenlift.adapters.xdomea.message.Abgabe;
import io.github.aktenlift.adapters.xdomea.message.AbgabeReader;
import io.github.aktenlift.adapters.xdomea.message.ImportConfirmation;
import io.github.aktenlift.adapters.xdomea.message.MessageHead;
import io.github.aktenlift.adapters.xdomea.message.MessageType;
import io.github.aktenlift.adapters.xdomea.message.Party;
import io.github.aktenlift.adapters.xdomea.message.ReceiptConfirmation;
import io.github.aktenlift.adapters.xdomea.message.ReceivedAbgabe;
import io.github.aktenlift.adapters.xdomea.message.Schriftgutobjekt;
import io.github.aktenlift.adapters.xdomea.message.XdomeaWriter;
import io.github.aktenlift.testkit.contract.SpecialistProcedureContract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The xdomea partner, simulated: takes every complete 0401 from the outgoing directory (reading it
 * with the adapter's own reader, so each hand-over is also a round trip), and writes 0402/0403
 * answers into the incoming directory the way the docs ask a partner to — under a dot name, then
 * renamed into place.
 */
final class Partner implements SpecialistProcedureContract.FarSide {

    static final Party SELF = new Party("dvdv:", "E-AKTE-01", "E-Akte der Stadt", null);
    static final Party OFFICE = Party.institution("Ausländerbehörde");

    private final Path outgoing;
    private final Path incoming;
    private final boolean checkFiles;
    private final Map<UUID, Abgabe> taken = new HashMap<>();
    private final Map<UUID, byte[]> archives = new HashMap<>();
    private final Map<UUID, Integer> times = new HashMap<>();
    /** The SHA-256 of every file of every 0401 taken, but for the message XML: once per arrival. */
    private final List<String> items = new ArrayList<>();

    /**
     * @param checkFiles read with the full {@link AbgabeReader} (schema, hashes, PDF shape), or the
     *     message XML only (the contract suite hands over items that are not real PDFs)
     */
    Partner(Path outgoing, Path incoming, boolean checkFiles) {
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.checkFiles = checkFiles;
    }

    /** Takes every complete 0401 out of the outgoing directory. */
    synchronized List<UUID> collect() throws IOException {
        List<UUID> got = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(outgoing)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || !n.endsWith("_" + MessageType.ABGABE.elementName() + ".zip")) {
                    continue;
                }
                Abgabe a = read(p);
                UUID pid = a.head().processId();
                taken.put(pid, a);
                archives.put(pid, Files.readAllBytes(p));
                times.merge(pid, 1, Integer::sum);
                items.addAll(itemHashes(p, MessageType.ABGABE.fileName(pid, "xml")));
                Files.delete(p);
                got.add(pid);
            }
        }
        return got;
    }

    private Abgabe read(Path p) throws IOException {
        if (checkFiles) {
            AbgabeReader reader = AbgabeReader.withDefaults();
            try {
                reader = reader.schema(OfficialSchema.get());
            } catch (org.opentest4j.TestAbortedException noSchema) {
                // without the schema the reader's own checks still apply
            }
            try (ReceivedAbgabe r = reader.read(p)) {
                return r.message();
            }
        }
        try (ZipFile z = new ZipFile(p.toFile())) {
            String xml = z.stream().map(ZipEntry::getName).filter(x -> x.endsWith(".xml")).findFirst()
                    .orElseThrow();
            try (InputStream in = z.getInputStream(z.getEntry(xml))) {
                return MessageXmlParser.abgabe(in, xml, ZoneOffset.UTC, 16);
            }
        }
    }

    /** @return the last 0401 archive taken for the import, as it arrived */
    synchronized byte[] archive(String key) throws IOException {
        collect();
        byte[] b = archives.get(XdomeaProcedure.processId(key));
        if (b == null) {
            throw new AssertionError("no 0401 arrived for " + key);
        }
        return b;
    }

    /** @return the last 0401 taken for the import */
    synchronized Abgabe message(String key) throws IOException {
        collect();
        Abgabe a = taken.get(XdomeaProcedure.processId(key));
        if (a == null) {
            throw new AssertionError("no 0401 arrived for " + key);
        }
        return a;
    }

    @Override
    public synchronized void decide(String idempotencyKey, boolean accept) throws Exception {
        Abgabe a = message(idempotencyKey);
        List<ImportConfirmation.ObjectResult> results = new ArrayList<>();
        for (Schriftgutobjekt o : a.objects()) {
            results.add(accept ? ImportConfirmation.ObjectResult.imported(o.id())
                    : new ImportConfirmation.ObjectResult(o.id(), false, List.of("E-Akte gesperrt, bitte später erneut"),
                            List.of(new ImportConfirmation.ErrorCode("CONTRACT_REJECTED", null, "urn:example:fehler", "1"))));
        }
        answer(new ImportConfirmation(head(a, MessageType.IMPORT_CONFIRMATION), results));
    }

    /** Writes a 0402 of the partner's own making. */
    void answer(ImportConfirmation c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XdomeaWriter.write(c, out);
        drop(MessageType.IMPORT_CONFIRMATION.fileName(c.head().processId(), "zip"), out.toByteArray());
    }

    /** Confirms receipt (0403) of the import's 0401. */
    synchronized void confirmReceipt(String idempotencyKey) throws IOException {
        Abgabe a = message(idempotencyKey);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReceiptConfirmation r = new ReceiptConfirmation(head(a, MessageType.RECEIPT_CONFIRMATION));
        XdomeaWriter.write(r, out);
        drop(MessageType.RECEIPT_CONFIRMATION.fileName(a.head().processId(), "zip"), out.toByteArray());
    }

    /** Puts a file into the incoming directory as a partner must: a dot name first, then a rename. */
    void drop(String name, byte[] bytes) throws IOException {
        Path tmp = incoming.resolve("." + name + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, incoming.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static MessageHead head(Abgabe a, MessageType type) {
        return new MessageHead(a.head().processId(), type,
                OffsetDateTime.of(2026, 3, 4, 11, 0, 0, 0, ZoneId.of("Europe/Berlin").getRules()
                        .getOffset(java.time.LocalDateTime.of(2026, 3, 4, 11, 0))),
                a.head().recipient(), a.head().sender(), "E-Akte 4.2");
    }

    /** @return how many 0401 of the import arrived */
    synchronized int timesReceived(String idempotencyKey) throws IOException {
        collect();
        return times.getOrDefault(XdomeaProcedure.processId(idempotencyKey), 0);
    }

    @Override
    public synchronized List<String> receivedItems() throws IOException {
        collect();
        return List.copyOf(items);
    }

    /** @return the SHA-256 of every file in the archive but the message XML, from the bytes that arrived */
    private static List<String> itemHashes(Path archive, String messageXml) throws IOException {
        List<String> hashes = new ArrayList<>();
        try (ZipFile z = new ZipFile(archive.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (e.getName().equals(messageXml)) {
                    continue;
                }
                try (InputStream in = z.getInputStream(e)) {
                    hashes.add(HexFormat.of().formatHex(sha256().digest(in.readAllBytes())));
                }
            }
        }
        return hashes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
