package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.adapters.xdomea.DirectoryTransport;
import io.github.aktenlift.adapters.xdomea.EFileLookup;
import io.github.aktenlift.adapters.xdomea.XdomeaProcedure;
import io.github.aktenlift.adapters.xdomea.message.AbgabeReader;
import io.github.aktenlift.adapters.xdomea.message.Akte;
import io.github.aktenlift.adapters.xdomea.message.ReceivedAbgabe;
import io.github.aktenlift.adapters.xdomea.message.Vorgang;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.efile.MatchReason;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.ProcedureCapability;
import io.github.aktenlift.spi.procedure.SubjectMatching;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A digital transfer matched and handed over through the real xdomea adapter: the partner answers
 * no queries, so the core holds the transfer for a clerk unless the integrator plugs in an
 * {@link EFileLookup}; the 0401 Aktenlift then writes for it is valid against the official schema
 * and names the e-file the match found.
 */
@DisplayName("Matching with the xdomea procedure, with and without an integrator's look-up")
class XdomeaMatchingTest {

    private static final Clock CLOCK = Clock.fixed(Cli.NOW, ZoneOffset.UTC);
    private static final Actor CLERK = Actor.of("clerk-1", "office");
    /** The e-file the partner keeps for the person; an xdomea Akte id is a UUID. */
    private static final String KNOWN = "0f6b7c1e-52d3-4a5e-9c39-2b1e7a0d4c11";

    @TempDir
    static Path shared;

    private static Path sent;

    @TempDir
    Path tmp;

    @BeforeAll
    static void send() throws IOException {
        sent = NeighbourAuthority.sendFile(shared.resolve("inbox"), shared.resolve("scratch"),
                Clock.fixed(Cli.NOW.minusSeconds(3_600), ZoneOffset.UTC), ReceiveCommandTest.PERSON, "LK-BSP 4711/2024",
                ReceiveCommandTest.OFFICE);
    }

    private XdomeaProcedure procedure(EFileLookup lookup) throws IOException {
        Files.createDirectories(tmp.resolve("out"));
        Files.createDirectories(tmp.resolve("in"));
        return XdomeaProcedure.builder(new DirectoryTransport(tmp.resolve("out"), tmp.resolve("in"), false), tmp.resolve("state"))
                .sender(ReceiveCommandTest.OFFICE).recipient(io.github.aktenlift.adapters.xdomea.message.Party
                        .institution("E-Akte Musterstadt")).lookup(lookup).clock(CLOCK).fsync(false).build();
    }

    private Aktenlift lift(XdomeaProcedure p) {
        return Aktenlift.builder().storage(new InMemoryStorage()).clock(CLOCK).ids(IdSource.sequential("x"))
                .procedure(p).notifier(new InMemoryNotifier()).build();
    }

    private Barcode takeIn(Aktenlift lift) {
        return XdomeaIntake.takeIn(lift, CLERK, sent, "AB-2026/X-9", ProtectionLevel.NORMAL, CLOCK,
                tmp.resolve("cards")).status().barcode();
    }

    private List<Path> outgoing() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** The Akte id of the one 0401 handed over, after checking the message against the official schema. */
    private UUID handedOverAkte() throws Exception {
        List<Path> out = outgoing();
        assertThat(out).hasSize(1);
        OfficialSchema.validate(ReceiveCommandTest.xmlOf(out.get(0)));
        try (ReceivedAbgabe r = AbgabeReader.withDefaults().read(out.get(0))) {
            Akte a = (Akte) r.message().objects().get(0);
            Vorgang v = a.processes().get(0);
            assertThat(v.type()).isEqualTo("Digitale Übernahme");
            assertThat(v.documents()).hasSize(4); // the sender's three PDF/A and the intake record
            assertThat(a.contacts()).as("a hand-over carries no person").isEmpty();
            return a.id();
        }
    }

    @Test
    @DisplayName("without a look-up nothing is asked and nothing created: the transfer is held, and the clerk's choice of any e-file is handed over")
    void withoutLookUp() throws Exception {
        XdomeaProcedure p = procedure(EFileLookup.none());
        assertThat(p.capabilities()).isEmpty();
        try (Aktenlift lift = lift(p)) {
            Barcode f = takeIn(lift);
            ImportResult r = lift.imports().importCaseFile(CLERK, f);
            assertThat(r).isInstanceOfSatisfying(ImportResult.Held.class, h -> {
                assertThat(h.reasons()).containsExactly(MatchReason.PROCEDURE_CANNOT_LOOK_UP);
                assertThat(h.candidateEFileIds()).isEmpty();
            });
            assertThat(outgoing()).isEmpty();

            lift.execute(CLERK, DecideMatch.appendTo(f, "clerk-9", KNOWN));
            assertThat(lift.imports().importCaseFile(CLERK, f)).isInstanceOf(ImportResult.Pending.class);
            assertThat(handedOverAkte()).isEqualTo(UUID.fromString(KNOWN));
        }
    }

    @Test
    @DisplayName("with a look-up by reference and by name, the person's e-file is found and handed over to without a hold;"
            + " a look-up it does not declare is never called")
    void withLookUp() throws Exception {
        AtomicInteger byAzr = new AtomicInteger();
        List<SubjectQuery> asked = new ArrayList<>();
        EFileLookup lookup = new EFileLookup() {
            @Override
            public Set<ProcedureCapability> capabilities() {
                return Set.of(ProcedureCapability.FIND_BY_FILE_REFERENCE, ProcedureCapability.FIND_BY_SUBJECT);
            }

            @Override
            public java.util.Optional<EFile> findByFileReference(String fileReference) {
                return java.util.Optional.empty();
            }

            @Override
            public List<EFile> findByAzrNumber(String azrNumber) {
                byAzr.incrementAndGet();
                return List.of();
            }

            @Override
            public List<EFile> findBySubject(SubjectQuery subject) {
                asked.add(subject);
                SubjectQuery kept = new SubjectQuery("HADDAD", "rana", ReceiveCommandTest.PERSON.dateOfBirth(), null);
                return SubjectMatching.sameNameAndBirth(kept, subject) ? List.of(new EFile(KNOWN, "ALT-77")) : List.of();
            }
        };
        try (Aktenlift lift = lift(procedure(lookup))) {
            Barcode f = takeIn(lift);
            assertThat(lift.imports().importCaseFile(CLERK, f)).isInstanceOf(ImportResult.Pending.class);
            assertThat(asked).hasSize(1);
            assertThat(byAzr).hasValue(0);
            JournalEvent matched = lift.tracking().history(f).stream().filter(e -> e.kind() == EventKind.EFILE_MATCHED)
                    .findFirst().orElseThrow();
            assertThat(matched.payload()).containsEntry("by", "SUBJECT").containsEntry("eFile", KNOWN);
            assertThat(lift.imports().held()).isEmpty();
            assertThat(handedOverAkte()).isEqualTo(UUID.fromString(KNOWN));
        }
    }

    @Test
    @DisplayName("a hand-over cut by a crash before delivery is repeated by the restarted office with the same ProzessID"
            + " and ids, the partner sees one message, and the 0402 imports it once")
    void crashThenRepeat() throws Exception {
        Files.createDirectories(tmp.resolve("out"));
        Files.createDirectories(tmp.resolve("in"));
        DirectoryTransport directories = new DirectoryTransport(tmp.resolve("out"), tmp.resolve("in"), false);
        boolean[] died = {false};
        io.github.aktenlift.adapters.xdomea.Transport dying = new io.github.aktenlift.adapters.xdomea.Transport() {
            @Override
            public void stage(String fileName, Body body) throws IOException {
                directories.stage(fileName, body);
            }

            @Override
            public boolean deliver(String fileName) throws IOException {
                if (!died[0]) {
                    died[0] = true;
                    throw new IOException("crash after the hand-over record, before delivering");
                }
                return directories.deliver(fileName);
            }

            @Override
            public java.util.Optional<java.io.InputStream> receive(String fileName) throws IOException {
                return directories.receive(fileName);
            }

            @Override
            public List<String> received() throws IOException {
                return directories.received();
            }
        };
        InMemoryStorage storage = new InMemoryStorage();
        io.github.aktenlift.adapters.xdomea.message.Party eAkte =
                io.github.aktenlift.adapters.xdomea.message.Party.institution("E-Akte Musterstadt");
        Barcode f;
        try (Aktenlift first = Aktenlift.builder().storage(storage).clock(CLOCK).ids(IdSource.sequential("a"))
                .procedure(XdomeaProcedure.builder(dying, tmp.resolve("state")).sender(ReceiveCommandTest.OFFICE)
                        .recipient(eAkte).clock(CLOCK).fsync(false).build()).build()) {
            f = takeIn(first);
            assertThat(first.imports().importCaseFile(CLERK, f)).isInstanceOf(ImportResult.Held.class);
            first.execute(CLERK, DecideMatch.createNew(f, "clerk-9"));
            assertThat(first.imports().importCaseFile(CLERK, f)).isInstanceOf(ImportResult.Failed.class);
            assertThat(outgoing()).as("nothing visible to the partner").isEmpty();
        }
        try (Aktenlift restarted = Aktenlift.builder().storage(storage).clock(CLOCK).ids(IdSource.sequential("b"))
                .procedure(XdomeaProcedure.builder(directories, tmp.resolve("state")).sender(ReceiveCommandTest.OFFICE)
                        .recipient(eAkte).clock(CLOCK).fsync(false).build()).build()) {
            ImportResult pending = restarted.imports().importCaseFile(CLERK, f);
            assertThat(pending).isInstanceOf(ImportResult.Pending.class);
            List<JournalEvent> submitted = restarted.tracking().history(f).stream()
                    .filter(e -> e.kind() == EventKind.IMPORT_SUBMITTED).toList();
            assertThat(submitted).as("one hand-over recorded").hasSize(1);
            String key = submitted.get(0).get("key");
            assertThat(((ImportResult.Pending) pending).idempotencyKey()).isEqualTo(key);
            List<Path> out = outgoing();
            assertThat(out).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                    .isEqualTo(XdomeaProcedure.messageName(key)));
            OfficialSchema.validate(ReceiveCommandTest.xmlOf(out.get(0)));

            UUID akte;
            io.github.aktenlift.adapters.xdomea.message.MessageHead head;
            try (ReceivedAbgabe r = AbgabeReader.withDefaults().read(out.get(0))) {
                head = r.message().head();
                akte = r.message().objects().get(0).id();
            }
            assertThat(head.processId()).isEqualTo(XdomeaProcedure.processId(key));
            io.github.aktenlift.adapters.xdomea.message.ImportConfirmation yes =
                    new io.github.aktenlift.adapters.xdomea.message.ImportConfirmation(
                            new io.github.aktenlift.adapters.xdomea.message.MessageHead(head.processId(),
                                    io.github.aktenlift.adapters.xdomea.message.MessageType.IMPORT_CONFIRMATION,
                                    head.created(), head.recipient(), head.sender(), "E-Akte 4.2"),
                            List.of(io.github.aktenlift.adapters.xdomea.message.ImportConfirmation.ObjectResult.imported(akte)));
            Path answer = tmp.resolve("in").resolve(io.github.aktenlift.adapters.xdomea.message.MessageType
                    .IMPORT_CONFIRMATION.fileName(head.processId(), "zip"));
            try (java.io.OutputStream o = Files.newOutputStream(answer)) {
                io.github.aktenlift.adapters.xdomea.message.XdomeaWriter.write(yes, o);
            }
            assertThat(restarted.imports().importCaseFile(CLERK, f)).isInstanceOf(ImportResult.Imported.class);
            assertThat(restarted.tracking().history(f).stream().filter(e -> e.kind() == EventKind.IMPORT_CONFIRMED))
                    .hasSize(1);
            assertThat(outgoing()).as("handed over once").hasSize(1);
        }
    }
}
