package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Import packages shaped like the core's, settings, and an exchange in a temporary directory. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-03-04T09:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {
    }

    static Map<String, String> settings() {
        return Map.of(XdomeaSettings.SENDER_NAME, "Ausländerbehörde",
                XdomeaSettings.SENDER_KEY, "ABH-05315000",
                XdomeaSettings.SENDER_PREFIX, "dvdv:",
                XdomeaSettings.RECIPIENT_NAME, "E-Akte der Stadt",
                XdomeaSettings.FILE_TYPE, "Ausländerakte",
                XdomeaSettings.FSYNC, "false");
    }

    /** An exchange below {@code root}: the procedure, its directories, and the partner. */
    record Exchange(XdomeaProcedure procedure, DirectoryTransport transport, Partner partner, Path root) {
    }

    static Exchange exchange(Path root, boolean checkFiles) {
        return exchange(root, checkFiles, CLOCK);
    }

    static Exchange exchange(Path root, boolean checkFiles, Clock clock) {
        XdomeaProcedure p = XdomeaProcedure.open(root, settings());
        DirectoryTransport t = (DirectoryTransport) p.transport();
        XdomeaProcedure timed = XdomeaProcedure.builder(t, root.resolve("state"))
                .sender(new io.github.aktenlift.adapters.xdomea.message.Party("dvdv:", "ABH-05315000", "Ausländerbehörde", null))
                .recipient(io.github.aktenlift.adapters.xdomea.message.Party.institution("E-Akte der Stadt"))
                .fileType("Ausländerakte").clock(clock).fsync(false).build();
        return new Exchange(timed, t, new Partner(t.outgoing(), t.incoming(), checkFiles), root);
    }

    static PackageItem item(String name, String type, byte[] bytes) {
        return new PackageItem(name, type, "application/pdf", bytes.length, sha256(bytes),
                () -> new ByteArrayInputStream(bytes));
    }

    /** A package as the core builds it: two documents and the scan protocol, metadata with ids only. */
    static ImportPackage pkg(String key, String eFileId, String barcode, int attempt) {
        TreeMap<String, String> meta = new TreeMap<>();
        meta.put("barcode", barcode);
        meta.put("fileReference", "AB-2026/4711");
        meta.put("deliveryId", "D-17");
        meta.put("attempt", Integer.toString(attempt));
        meta.put("capturedAt", "2026-03-02T08:15:00Z");
        meta.put("file.01-doc-1.pdf.document", "doc-1");
        meta.put("file.02-doc-2.pdf.document", "doc-2");
        meta.put("document.doc-1.type", "APPLICATION");
        meta.put("document.doc-1.date", "2019-05-14");
        meta.put("document.doc-2.type", "PASSPORT_COPY");
        return new ImportPackage(key, eFileId, "AB-2026/4711",
                List.of(item("01-doc-1.pdf", "APPLICATION", Pdfs.minimal(barcode + " doc-1")),
                        item("02-doc-2.pdf", "PASSPORT_COPY", Pdfs.minimal(barcode + " doc-2"))),
                item("scan-protocol.pdf", "SCAN_PROTOCOL", Pdfs.minimal(barcode + " protocol " + attempt)), meta);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> listing(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
