package io.github.aktenlift.efile.handover;

import io.github.aktenlift.PreconditionFailedException;
import io.github.aktenlift.capture.protocol.ScanProtocol;
import io.github.aktenlift.capture.protocol.ScanProtocolCodec;
import io.github.aktenlift.lifecycle.DigitalDocumentRecord;
import io.github.aktenlift.lifecycle.EntityNames;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the package a case file is handed over in — a digital transfer's from what its sender
 * sent ({@code buildDigital}) — from its latest capture: the renditions its
 * scan protocol lists (a rescan's protocol lists the documents it kept, too), each checked against
 * the protocol's hash, the protocol PDF, and metadata with ids and codes only — never the subject.
 * The idempotency key is derived from barcode, attempt, e-file and the protocol and rendition
 * hashes, so that a replay sends the same key. Thread-safe.
 */
final class PackageBuilder {

    /** A package ready to hand over, and its key. */
    record Built(String key, ImportPackage pkg) {
    }

    private final Storage storage;

    PackageBuilder(Storage storage) {
        this.storage = storage;
    }

    /**
     * @param recordedKey the key of a recorded hand-over to send again, or {@code null} to derive it
     */
    Built build(ImportSnapshot s, String eFile, String recordedKey) {
        if (s.digital() != null) {
            return buildDigital(s, eFile, recordedKey);
        }
        String bc = s.barcode().value();
        if (s.protocol() == null) {
            throw new PreconditionFailedException(EntityNames.CASE_FILE, bc, List.of("NO_SCAN_PROTOCOL"));
        }
        Key json = StorageKeys.protocolJson(bc, s.delivery(), s.capture());
        Key pdf = StorageKeys.protocolPdf(bc, s.delivery(), s.capture());
        ContentInfo jsonInfo = head(json);
        if (!jsonInfo.sha256().equals(s.protocol())) {
            throw new IntegrityException(json.value(), "differs from the SHA-256 the journal records");
        }
        ScanProtocol protocol;
        try (InputStream in = storage.content().get(json)) {
            protocol = ScanProtocolCodec.read(in.readAllBytes(), json.value());
        } catch (IOException e) {
            throw new UnavailableException("reading " + json.value() + " failed", e);
        }
        Map<String, ScanProtocol.Document> documents = new LinkedHashMap<>();
        protocol.documents().forEach(d -> documents.put(d.documentId(), d));
        List<String> order = new ArrayList<>(documents.keySet());
        List<ScanProtocol.Rendition> renditions = new ArrayList<>(protocol.renditions());
        renditions.sort(Comparator.comparingInt(r -> order.indexOf(r.documentId())));

        MessageDigest keyDigest = sha256();
        update(keyDigest, "aktenlift-import/1\n" + bc + "\n" + s.attempt() + "\n" + eFile + "\n" + s.protocol() + "\n");
        TreeMap<String, String> metadata = new TreeMap<>();
        List<PackageItem> items = new ArrayList<>();
        String width = "%0" + Math.max(2, Integer.toString(renditions.size()).length()) + "d-%s.pdf";
        for (ScanProtocol.Rendition r : renditions) {
            String documentId = r.documentId();
            boolean whole = "*".equals(documentId);
            Key key = Key.of(r.key());
            ContentInfo stored = head(key);
            if (stored.size() != r.size() || !stored.sha256().equals(r.sha256())) {
                throw new IntegrityException(key.value(), "differs from the size and SHA-256 the scan protocol records");
            }
            String name = String.format(width, items.size() + 1, whole ? "case-file" : documentId);
            ScanProtocol.Document d = documents.get(documentId);
            String type = whole || d == null ? "CASE_FILE" : d.type();
            items.add(new PackageItem(name, type, "application/pdf", r.size(), r.sha256(),
                    () -> storage.content().get(key)));
            update(keyDigest, name + "=" + r.sha256() + "\n");
            metadata.put("file." + name + ".document", documentId);
        }
        for (ScanProtocol.Document d : documents.values()) {
            String prefix = "document." + d.documentId() + ".";
            metadata.put(prefix + "type", d.type());
            metadata.put(prefix + "pages", Integer.toString(d.pages().size()));
            if (d.date() != null) {
                metadata.put(prefix + "date", d.date());
            }
        }
        ContentInfo pdfInfo = head(pdf);
        PackageItem scanProtocol = new PackageItem("scan-protocol.pdf", "SCAN_PROTOCOL", "application/pdf",
                pdfInfo.size(), pdfInfo.sha256(), () -> storage.content().get(pdf));
        String key = recordedKey != null ? recordedKey
                : "akl-" + bc + "-" + s.attempt() + "-" + HexFormat.of().formatHex(keyDigest.digest()).substring(0, 32);
        metadata.put("barcode", bc);
        metadata.put("fileReference", s.reference().value());
        metadata.put("deliveryId", s.delivery());
        metadata.put("protection", s.protection());
        metadata.put("attempt", Integer.toString(s.attempt()));
        metadata.put("scanProtocolSha256", s.protocol());
        metadata.put("capturedAt", protocol.capturedAt() == null ? "" : protocol.capturedAt());
        if (s.origin() != null) {
            metadata.put("originAuthority", s.origin());
        }
        return new Built(key, new ImportPackage(key, eFile, s.reference().value(), items, scanProtocol, metadata));
    }

    /**
     * The package of a digital transfer: its documents as the sender sent them, each checked
     * against the size and SHA-256 the journal records, and the intake record in place of a scan
     * protocol. The key is derived as for a capture, over the intake record's and documents' hashes.
     */
    private Built buildDigital(ImportSnapshot s, String eFile, String recordedKey) {
        String bc = s.barcode().value();
        ImportSnapshot.Digital d = s.digital();
        MessageDigest keyDigest = sha256();
        update(keyDigest, "aktenlift-import/1\n" + bc + "\n" + s.attempt() + "\n" + eFile + "\n" + s.protocol() + "\n");
        TreeMap<String, String> metadata = new TreeMap<>();
        List<PackageItem> items = new ArrayList<>();
        String width = "%0" + Math.max(2, Integer.toString(d.documents().size()).length()) + "d-%s";
        for (DigitalDocumentRecord doc : d.documents()) {
            Key key = Key.of(doc.key());
            ContentInfo stored = head(key);
            if (stored.size() != doc.size() || !stored.sha256().equals(doc.sha256())) {
                throw new IntegrityException(key.value(), "differs from the size and SHA-256 the journal records");
            }
            String name = String.format(width, items.size() + 1, doc.name());
            items.add(new PackageItem(name, doc.type(), doc.mediaType(), doc.size(), doc.sha256(),
                    () -> storage.content().get(key)));
            update(keyDigest, name + "=" + doc.sha256() + "\n");
            metadata.put("file." + name + ".document", String.format("%02d", items.size()));
        }
        Key recordKey = Key.of(d.record());
        ContentInfo recordInfo = head(recordKey);
        if (!recordInfo.sha256().equals(s.protocol())) {
            throw new IntegrityException(recordKey.value(), "differs from the SHA-256 the journal records");
        }
        PackageItem record = new PackageItem("intake-record.pdf", "INTAKE_RECORD", "application/pdf",
                recordInfo.size(), recordInfo.sha256(), () -> storage.content().get(recordKey));
        String key = recordedKey != null ? recordedKey
                : "akl-" + bc + "-" + s.attempt() + "-" + HexFormat.of().formatHex(keyDigest.digest()).substring(0, 32);
        metadata.put("barcode", bc);
        metadata.put("fileReference", s.reference().value());
        metadata.put("protection", s.protection());
        metadata.put("attempt", Integer.toString(s.attempt()));
        metadata.put("intake", "digital");
        metadata.put("transferId", d.transfer());
        metadata.put("receivedAt", d.receivedAt().toString());
        metadata.put("intakeRecordSha256", s.protocol());
        metadata.put("originAuthority", s.origin());
        return new Built(key, new ImportPackage(key, eFile, s.reference().value(), items, record, metadata));
    }

    private ContentInfo head(Key key) {
        return storage.content().head(key).orElseThrow(() -> new NotFoundException(key.value()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest md, String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
    }
}
