package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.adapters.xdomea.message.Abgabe;
import io.github.aktenlift.adapters.xdomea.message.Akte;
import io.github.aktenlift.adapters.xdomea.message.Dokument;
import io.github.aktenlift.adapters.xdomea.message.Format;
import io.github.aktenlift.adapters.xdomea.message.GeneralMetadata;
import io.github.aktenlift.adapters.xdomea.message.MessageHead;
import io.github.aktenlift.adapters.xdomea.message.MessageType;
import io.github.aktenlift.adapters.xdomea.message.ObjectIds;
import io.github.aktenlift.adapters.xdomea.message.OutgoingFile;
import io.github.aktenlift.adapters.xdomea.message.Party;
import io.github.aktenlift.adapters.xdomea.message.PrimaryFile;
import io.github.aktenlift.adapters.xdomea.message.Version;
import io.github.aktenlift.adapters.xdomea.message.Vorgang;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * How an {@link ImportPackage} becomes a 0401: the one place of the element mapping, documented
 * in {@code docs/xdomea.md}. The e-file is the {@code Akte}; the case file (one paper file) a
 * {@code Vorgang} in it; each rendition and the scan protocol a {@code Dokument} of the
 * {@code Vorgang}. Only identifiers and codes go into the message, never subject data.
 */
final class PackageMapping {

    /** Keys of {@link ImportPackage#metadata()} that the mapping reads, as the core writes them. */
    static final String BARCODE = "barcode";
    static final String DELIVERY = "deliveryId";
    static final String CAPTURED_AT = "capturedAt";
    static final String FILE_DOCUMENT = "file.%s.document";
    static final String DOCUMENT_DATE = "document.%s.date";
    /** {@code digital} for a case file another authority sent digitally (no scan); with its {@code transferId}. */
    static final String INTAKE = "intake";
    static final String TRANSFER_ID = "transferId";
    static final String RECEIVED_AT = "receivedAt";

    /** The medium code "electronic". */
    static final String ELECTRONIC = "001";

    record Options(Party sender, Party recipient, String fileTitle, String fileType, String pdfa, boolean receiptWanted,
            ZoneId zone) {
    }

    /** A mapped package: the message, its files, and every object id in it. */
    record Mapped(Abgabe message, List<OutgoingFile> files, UUID akteId, List<UUID> objectIds) {
    }

    private PackageMapping() {
    }

    static Mapped map(ImportPackage pkg, Instant now, Options o) {
        Map<String, String> meta = pkg.metadata();
        String barcode = meta.get(BARCODE);
        String caseFile = barcode != null && !barcode.isBlank() ? barcode : "key:" + pkg.idempotencyKey();
        OffsetDateTime created = OffsetDateTime.ofInstant(now, o.zone()).withNano(0);
        boolean digital = "digital".equals(meta.get(INTAKE));
        OffsetDateTime captured = instant(meta.get(digital ? RECEIVED_AT : CAPTURED_AT), o.zone());

        List<OutgoingFile> files = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<Dokument> documents = new ArrayList<>();
        java.util.Set<UUID> used = new java.util.HashSet<>();
        int position = 1;
        for (PackageItem item : pkg.documents()) {
            String documentId = meta.getOrDefault(String.format(FILE_DOCUMENT, item.name()), item.name());
            UUID id = ObjectIds.dokument(caseFile, documentId);
            if (!used.add(id)) {
                // two renditions of one document: each still needs an id of its own, as stable as the first
                id = ObjectIds.nameBased("dokument", caseFile, documentId, item.name());
                used.add(id);
            }
            LocalDate date = date(meta.get(String.format(DOCUMENT_DATE, documentId)));
            documents.add(dokument(id, position++, item, item.documentType(), date, captured, o, files));
        }
        PackageItem protocol = pkg.scanProtocol();
        documents.add(dokument(ObjectIds.protocol(caseFile, protocol.sha256()), position, protocol,
                digital ? "Eingangsvermerk (digitale Übernahme)" : "Transfervermerk (Scanprotokoll)", null, captured, o, files));
        documents.forEach(d -> ids.add(d.id()));

        String delivery = meta.get(DELIVERY);
        String transfer = meta.get(TRANSFER_ID);
        Vorgang vorgang = digital
                ? new Vorgang(ObjectIds.vorgang(caseFile), 1,
                        new GeneralMetadata(barcode != null ? "Digital übernommene Akte " + barcode : "Digital übernommene Akte",
                                null, transfer != null ? "Abgabe " + transfer : null, ELECTRONIC),
                        "Digitale Übernahme", List.of(), documents, List.of())
                : new Vorgang(ObjectIds.vorgang(caseFile), 1,
                        new GeneralMetadata(barcode != null ? "Digitalisierte Papierakte " + barcode : "Digitalisierte Papierakte",
                                null, delivery != null ? "Scanlieferung " + delivery : null, ELECTRONIC),
                        "Ersetzendes Scannen", List.of(), documents, List.of());
        Akte akte = new Akte(ObjectIds.akte(pkg.eFileId()), null,
                new GeneralMetadata(o.fileTitle().replace("{fileReference}", pkg.fileReference()), pkg.fileReference(),
                        null, null),
                o.fileType(), List.of(), List.of(), List.of(vorgang), List.of());
        ids.add(0, vorgang.id());
        ids.add(0, akte.id());
        MessageHead head = new MessageHead(ObjectIds.process(pkg.idempotencyKey()), MessageType.ABGABE, created,
                o.sender(), o.recipient(), "Aktenlift");
        return new Mapped(new Abgabe(head, o.receiptWanted(), null, List.of(akte)), files, akte.id(), ids);
    }

    private static Dokument dokument(UUID id, int position, PackageItem item, String subject, LocalDate date,
            OffsetDateTime created, Options o, List<OutgoingFile> files) {
        String fileName = id + "_" + item.name();
        Format format = format(item.mediaType(), o.pdfa(),
                new PrimaryFile(fileName, item.name(), created, item.sha256()));
        files.add(new OutgoingFile(fileName, item.size(), item.sha256(), item.content()));
        return new Dokument(id, position, new GeneralMetadata(subject, null, null, ELECTRONIC), date,
                item.documentType(), List.of(new Version("1", List.of(format))), List.of());
    }

    /** The {@code Dateiformat} code for a media type. */
    static Format format(String mediaType, String pdfa, PrimaryFile file) {
        String mt = mediaType.toLowerCase(Locale.ROOT);
        int semicolon = mt.indexOf(';');
        if (semicolon >= 0) {
            mt = mt.substring(0, semicolon).strip();
        }
        return switch (mt) {
            case "application/pdf" -> pdfa == null ? new Format(Format.PDF, null, "", file)
                    : new Format(Format.PDF_ARCHIVAL, null, pdfa, file);
            case "image/tiff" -> new Format("024", null, "", file);
            case "image/jpeg" -> new Format("010", null, "", file);
            case "image/png" -> new Format("019", null, "", file);
            case "application/xml", "text/xml" -> new Format("030", null, "1.0", file);
            case "text/plain" -> new Format("045", null, "", file);
            default -> new Format(Format.OTHER, mt, "", file);
        };
    }

    private static OffsetDateTime instant(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.ofInstant(Instant.parse(text), zone);
        } catch (DateTimeParseException e) {
            return null; // an unreadable time is left out rather than guessed
        }
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
