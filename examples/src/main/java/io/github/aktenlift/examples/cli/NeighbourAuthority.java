package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.adapters.xdomea.message.Abgabe;
import io.github.aktenlift.adapters.xdomea.message.Akte;
import io.github.aktenlift.adapters.xdomea.message.Contact;
import io.github.aktenlift.adapters.xdomea.message.Dokument;
import io.github.aktenlift.adapters.xdomea.message.Format;
import io.github.aktenlift.adapters.xdomea.message.GeneralMetadata;
import io.github.aktenlift.adapters.xdomea.message.MessageHead;
import io.github.aktenlift.adapters.xdomea.message.MessageType;
import io.github.aktenlift.adapters.xdomea.message.OutgoingFile;
import io.github.aktenlift.adapters.xdomea.message.Party;
import io.github.aktenlift.adapters.xdomea.message.PrimaryFile;
import io.github.aktenlift.adapters.xdomea.message.Version;
import io.github.aktenlift.adapters.xdomea.message.Vorgang;
import io.github.aktenlift.adapters.xdomea.message.XdomeaWriter;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemorySpecialistProcedure;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The demo's neighbouring authority, which sends a person's file digitally: it scans its paper file
 * with an Aktenlift of its own (in memory: registered, shipped, captured from a generated delivery
 * into PDF/A renditions and a scan protocol), and exports the e-file as an xdomea 3.0.0
 * {@code Abgabe.Abgabe.0401} — an {@code Akte} with the person as {@code Kontakt}, one
 * {@code Vorgang}, a {@code Dokument} per PDF/A and each file's SHA-256 — as another authority's
 * e-file system would. Simulation only: what the receiving office does with the message is the
 * real path ({@code receive}).
 */
final class NeighbourAuthority {

    static final Party SELF = Party.institution("Landkreis Beispielkreis, Ausländerbehörde");

    private NeighbourAuthority() {
    }

    /**
     * @param inbox where the 0401 goes
     * @param person the person, written as the {@code Akte}'s {@code Kontakt}; {@code null} for none
     * @param office the receiving office, the message's {@code Empfaenger}
     * @return the written {@code <ProzessID>_Abgabe.Abgabe.0401.zip}
     */
    static Path sendFile(Path inbox, Path scratch, Clock clock, Subject person, String fileReference, Party office)
            throws IOException {
        InMemorySpecialistProcedure eFiles = new InMemorySpecialistProcedure(clock);
        try (Aktenlift own = Aktenlift.builder().storage(new InMemoryStorage()).clock(clock)
                .ids(IdSource.sequential("lk-")).procedure(eFiles).build()) {
            Barcode file = own.inventory().issueCaseFileBarcodes(Logistics.CLERK, 1).get(0);
            Logistics.registerAndPrepare(own, clock, List.of(file));
            Path delivery = scratch.resolve("LK-D1");
            ScanGenerator.writeDelivery(delivery, DeliverySpec.builder().deliveryId("LK-D1").scanService("lk-scan")
                    .barcodes(List.of(file.value())).geometry(PageGeometry.a4(200)).formats(DeliverySpec.Formats.MIXED)
                    .documentsPerFile(2, 2).sheetsPerDocument(1, 2).seed(4711).clock(clock).build());
            IngestReport captured = own.capture().ingest(Logistics.SCAN, delivery);
            if (captured.captured().size() != 1) {
                throw new IllegalStateException("the neighbour's capture failed: " + captured.problems());
            }
            Workspace.deleteTree(delivery);
            for (String reviewer : List.of("lk-qa-1", "lk-qa-2")) {
                if (own.tracking().whereIs(file).orElseThrow().state() == CaseFileState.CAPTURED) {
                    own.execute(Logistics.SCAN, new PassQualityCheck(file, reviewer));
                }
            }
            ImportReport exported = own.imports().importReady(Actor.of("lk-export", "Landkreis"));
            if (exported.imported().size() != 1) {
                throw new IllegalStateException("the neighbour's export failed: " + exported.results());
            }
            ImportPackage pkg = eFiles.received().get(0).pkg();
            return write(inbox, clock, person, fileReference, office, pkg);
        }
    }

    private static Path write(Path inbox, Clock clock, Subject person, String fileReference, Party office,
            ImportPackage pkg) throws IOException {
        UUID process = name("prozess", pkg.idempotencyKey());
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), XdomeaAnswers.ZONE);
        List<Dokument> documents = new ArrayList<>();
        List<OutgoingFile> files = new ArrayList<>();
        List<PackageItem> items = new ArrayList<>(pkg.documents());
        items.add(pkg.scanProtocol());
        for (PackageItem item : items) {
            UUID id = name("dokument", pkg.idempotencyKey() + "\n" + item.name());
            String entry = id + "_" + item.name();
            PrimaryFile primary = new PrimaryFile(entry, item.name(), now, item.sha256());
            documents.add(new Dokument(id, documents.size() + 1, new GeneralMetadata(item.documentType(), null, null, "001"),
                    null, item.documentType(), List.of(new Version("1", List.of(new Format(Format.PDF_ARCHIVAL, null, "2b",
                            primary)))), List.of()));
            files.add(new OutgoingFile(entry, item.size(), item.sha256(), item.content()));
        }
        Vorgang vorgang = new Vorgang(name("vorgang", pkg.idempotencyKey()), 1,
                new GeneralMetadata("Aufenthaltsrechtliche Vorgänge", null, null, "001"), "Ersetzendes Scannen", List.of(),
                documents, List.of());
        Akte akte = new Akte(name("akte", fileReference), 1, new GeneralMetadata("Ausländerakte", fileReference, null, "001"),
                "Ausländerakte", person == null ? List.of()
                        : List.of(new Contact(person.surname(), person.givenNames(), person.dateOfBirth())),
                List.of(), List.of(vorgang), List.of());
        Abgabe message = new Abgabe(new MessageHead(process, MessageType.ABGABE, now, SELF, office, "E-Akte Landkreis"),
                false, null, List.of(akte));
        Files.createDirectories(inbox);
        Path zip = inbox.resolve(MessageType.ABGABE.fileName(process, "zip"));
        Path part = inbox.resolve("." + zip.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            XdomeaWriter.write(message, files, out);
        }
        Files.move(part, zip, StandardCopyOption.ATOMIC_MOVE);
        return zip;
    }

    private static UUID name(String kind, String value) {
        return UUID.nameUUIDFromBytes(("aktenlift-demo-neighbour\n" + kind + "\n" + value).getBytes(StandardCharsets.UTF_8));
    }
}
