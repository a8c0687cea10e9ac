package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.adapters.xdomea.message.Abgabe;
import io.github.aktenlift.adapters.xdomea.message.AbgabeReader;
import io.github.aktenlift.adapters.xdomea.message.Akte;
import io.github.aktenlift.adapters.xdomea.message.Dokument;
import io.github.aktenlift.adapters.xdomea.message.ImportConfirmation;
import io.github.aktenlift.adapters.xdomea.message.MessageType;
import io.github.aktenlift.adapters.xdomea.message.ObjectIds;
import io.github.aktenlift.adapters.xdomea.message.ReceivedAbgabe;
import io.github.aktenlift.adapters.xdomea.message.Vorgang;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Handing a case file over to an xdomea partner")
class HandOverTest {

    @TempDir
    Path root;

    private static EFile eFile(XdomeaProcedure p) {
        return p.createEFile(new EFileRequest("efile-F000000172X", "AB-2026/4711",
                new SubjectQuery("Öztürk", "Ayşe", LocalDate.of(1988, 4, 1), "000000000123")));
    }

    /** Every object id of a message, in message order. */
    private static List<UUID> ids(Abgabe a) {
        Akte akte = (Akte) a.objects().get(0);
        Vorgang v = akte.processes().get(0);
        return Stream.concat(Stream.of(akte.id(), v.id()), v.documents().stream().map(Dokument::id)).toList();
    }

    @Nested
    @DisplayName("ids")
    class Ids {

        @Test
        @DisplayName("the same import handed over by two independent exchanges carries the same ProzessID and object ids")
        void stableAcrossExchanges() throws Exception {
            Fixtures.Exchange a = Fixtures.exchange(root.resolve("a"), true);
            Fixtures.Exchange b = Fixtures.exchange(root.resolve("b"), true);
            ImportPackage pkg = Fixtures.pkg("akl-F000000172X-1-abc", eFile(a.procedure()).id(), "F000000172X", 1);
            a.procedure().importPackage(pkg);
            b.procedure().importPackage(pkg);
            Abgabe one = a.partner().message(pkg.idempotencyKey());
            Abgabe two = b.partner().message(pkg.idempotencyKey());
            assertThat(one.head().processId()).isEqualTo(two.head().processId())
                    .isEqualTo(ObjectIds.process("akl-F000000172X-1-abc"));
            assertThat(ids(one)).isEqualTo(ids(two)).doesNotHaveDuplicates().hasSize(5);
        }

        @Test
        @DisplayName("a second attempt for the same case file is a new process, with the same Akte, Vorgang and document ids")
        void secondAttemptSameObjects() throws Exception {
            Fixtures.Exchange x = Fixtures.exchange(root, true);
            String eFile = eFile(x.procedure()).id();
            x.procedure().importPackage(Fixtures.pkg("akl-F000000172X-1-abc", eFile, "F000000172X", 1));
            x.procedure().importPackage(Fixtures.pkg("akl-F000000172X-2-def", eFile, "F000000172X", 2));
            Abgabe first = x.partner().message("akl-F000000172X-1-abc");
            Abgabe second = x.partner().message("akl-F000000172X-2-def");
            assertThat(second.head().processId()).isNotEqualTo(first.head().processId());
            // the Akte, the Vorgang and both documents are the same objects; the new scan protocol is a new document
            assertThat(ids(second).subList(0, 4)).isEqualTo(ids(first).subList(0, 4));
            assertThat(ids(second).get(4)).isNotEqualTo(ids(first).get(4));
        }

        @Test
        @DisplayName("ids are derived as documented: the Akte is the e-file's id, the Vorgang the barcode's, a document barcode and document id")
        void derivation() throws Exception {
            Fixtures.Exchange x = Fixtures.exchange(root, true);
            EFile e = eFile(x.procedure());
            assertThat(e.id()).isEqualTo(ObjectIds.eFile("efile-F000000172X").toString());
            x.procedure().importPackage(Fixtures.pkg("k-1", e.id(), "F000000172X", 1));
            List<UUID> ids = ids(x.partner().message("k-1"));
            assertThat(ids.get(0)).hasToString(e.id());
            assertThat(ids.get(1)).isEqualTo(ObjectIds.vorgang("F000000172X"))
                    .hasToString("dbc9b5c4-6113-59de-b0e5-21a7fa70aa3d"); // computed independently (Python uuid5)
            assertThat(ids.get(2)).isEqualTo(ObjectIds.dokument("F000000172X", "doc-1"));
            assertThat(ids.get(3)).isEqualTo(ObjectIds.dokument("F000000172X", "doc-2"));
        }
    }

    @Nested
    @DisplayName("after a crash")
    class Crash {

        /** A transport that dies once, at the given step, as a crash would stop the process there. */
        private Transport dying(DirectoryTransport t, boolean afterStage) {
            boolean[] died = {false};
            return new Transport() {
                @Override
                public void stage(String fileName, Body body) throws IOException {
                    t.stage(fileName, body);
                    if (afterStage && !died[0]) {
                        died[0] = true;
                        throw new IOException("crash after staging, before the record");
                    }
                }

                @Override
                public boolean deliver(String fileName) throws IOException {
                    if (!afterStage && !died[0]) {
                        died[0] = true;
                        throw new IOException("crash after the record, before delivering");
                    }
                    return t.deliver(fileName);
                }

                @Override
                public Optional<InputStream> receive(String fileName) throws IOException {
                    return t.receive(fileName);
                }

                @Override
                public List<String> received() throws IOException {
                    return t.received();
                }
            };
        }

        private void crashAndRepeat(boolean afterStage) throws Exception {
            Fixtures.Exchange x = Fixtures.exchange(root, true);
            XdomeaProcedure crashing = XdomeaProcedure.builder(dying(x.transport(), afterStage), root.resolve("state"))
                    .sender(Partner.OFFICE).recipient(Partner.SELF).clock(Fixtures.CLOCK).fsync(false).build();
            ImportPackage pkg = Fixtures.pkg("k-crash", eFile(x.procedure()).id(), "F000000172X", 1);
            assertThatThrownBy(() -> crashing.importPackage(pkg)).isInstanceOf(UnavailableException.class);
            assertThat(x.partner().timesReceived("k-crash")).as("nothing visible to the partner after the crash").isZero();
            assertThat(Fixtures.listing(x.transport().outgoing())).allMatch(n -> n.startsWith("."));

            // the restarted process repeats the import
            assertThat(x.procedure().importPackage(pkg)).isInstanceOf(ImportOutcome.Pending.class);
            assertThat(x.procedure().importPackage(pkg)).isInstanceOf(ImportOutcome.Pending.class);
            assertThat(x.partner().timesReceived("k-crash")).isEqualTo(1);
            assertThat(Fixtures.listing(x.transport().outgoing())).isEmpty();

            Fixtures.Exchange clean = Fixtures.exchange(root.resolve("clean"), true);
            clean.procedure().importPackage(pkg);
            assertThat(ids(x.partner().message("k-crash"))).isEqualTo(ids(clean.partner().message("k-crash")));

            x.partner().decide("k-crash", true);
            assertThat(x.procedure().importPackage(pkg)).isInstanceOf(ImportOutcome.Accepted.class);
            assertThat(x.partner().timesReceived("k-crash")).as("imported once").isEqualTo(1);
        }

        @Test
        @DisplayName("a crash after staging but before the record: the repeat stages again, the partner sees one message with the same ids")
        void afterStage() throws Exception {
            crashAndRepeat(true);
        }

        @Test
        @DisplayName("a crash after the record but before delivering: the repeat only delivers, the partner sees one message with the same ids")
        void afterRecord() throws Exception {
            crashAndRepeat(false);
        }
    }

    @Nested
    @DisplayName("answers")
    class Answers {

        @Test
        @DisplayName("a 0402 rejection becomes a rejected outcome with the partner's code and words")
        void rejection() throws Exception {
            Fixtures.Exchange x = Fixtures.exchange(root, true);
            x.procedure().importPackage(Fixtures.pkg("k-r", eFile(x.procedure()).id(), "F000000172X", 1));
            x.partner().decide("k-r", false);
            assertThat(x.procedure().status("k-r")).isEqualTo(
                    new ImportOutcome.Rejected("k-r", "CONTRACT_REJECTED", "E-Akte gesperrt, bitte später erneut"));
        }

        @Test
        @DisplayName("a failure without a usable code is rejected as XDOMEA_IMPORT_FAILED, naming the object")
        void rejectionWithoutCode() throws Exception {
            Fixtures.Exchange x = Fixtures.exchange(root, true);
            x.procedure().importPackage(Fixtures.pkg("k-r", eFile(x.procedure()).id(), "F000000172X", 1));
            Abgabe a = x.partner().message("k-r");
            UUID akte = a.objects().get(0).id();
            x.partner().answer(new ImportConfirmation(Partner.head(a, MessageType.IMPORT_CONFIRMATION),
                    List.of(new ImportConfirmation.ObjectResult(akte, false, List.of(),
                            List.of(new ImportConfirmation.ErrorCode("not a code!", null, "urn:x", "1"))))));
            assertThat(x.procedure().status("k-r")).isInstanceOfSatisfying(ImportOutcome.Rejected.class, r -> {
                assertThat(r.reasonCode()).isEqualTo(XdomeaProcedure.IMPORT_FAILED);
                assertThat(r.detail()).contains(akte.toString());
            });
        }

        @Test
        @DisplayName("an accepted import is final: the 0402 is kept, so the outcome stays when the partner clears its answers")
        void acceptedIsKept() throws Exception {
            Fixtures.Exchange x = Fixtures.exchange(root, true);
            String eFile = eFile(x.procedure()).id();
            x.procedure().importPackage(Fixtures.pkg("k-a", eFile, "F000000172X", 1));
            x.partner().decide("k-a", true);
            ImportOutcome first = x.procedure().status("k-a");
            assertThat(first).isInstanceOfSatisfying(ImportOutcome.Accepted.class, a -> {
                assertThat(a.eFileId()).isEqualTo(eFile);
                assertThat(a.receiptId()).isEqualTo("xdomea-0402:" + XdomeaProcedure.processId("k-a"));
                assertThat(a.at()).isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));
            });
            for (String n : Fixtures.listing(x.transport().incoming())) {
                Files.delete(x.transport().incoming().resolve(n));
            }
            assertThat(x.procedure().status("k-a")).isEqualTo(first);
        }

        @Test
        @DisplayName("a 0403 keeps the import pending and tells when the partner received it")
        void receipt() throws Exception {
            Fixtures.Exchange x = Fixtures.exchange(root, true);
            x.procedure().importPackage(Fixtures.pkg("k-p", eFile(x.procedure()).id(), "F000000172X", 1));
            assertThat(x.procedure().receivedAt("k-p")).isEmpty();
            x.partner().confirmReceipt("k-p");
            assertThat(x.procedure().status("k-p")).isInstanceOf(ImportOutcome.Pending.class);
            assertThat(x.procedure().receivedAt("k-p")).contains(Instant.parse("2026-03-04T10:00:00Z"));
        }

        @Test
        @DisplayName("a 0402 naming an object that was not handed over is an integrity failure, never pending")
        void foreignObject() throws Exception {
            Fixtures.Exchange x = Fixtures.exchange(root, true);
            x.procedure().importPackage(Fixtures.pkg("k-f", eFile(x.procedure()).id(), "F000000172X", 1));
            Abgabe a = x.partner().message("k-f");
            x.partner().answer(new ImportConfirmation(Partner.head(a, MessageType.IMPORT_CONFIRMATION),
                    List.of(ImportConfirmation.ObjectResult.imported(UUID.fromString("00000000-0000-4000-8000-000000000001")))));
            assertThatThrownBy(() -> x.procedure().status("k-f")).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("k-f").hasMessageContaining("00000000-0000-4000-8000-000000000001");
        }

        @Test
        @DisplayName("an answer file that is another process's, or garbage, is an integrity failure naming the import")
        void wrongAnswer() throws Exception {
            Fixtures.Exchange x = Fixtures.exchange(root, true);
            x.procedure().importPackage(Fixtures.pkg("k-w", eFile(x.procedure()).id(), "F000000172X", 1));
            x.procedure().importPackage(Fixtures.pkg("k-other", eFile(x.procedure()).id(), "F000000172X", 2));
            Abgabe other = x.partner().message("k-other");
            x.partner().decide("k-other", true);
            byte[] otherAnswer = Files.readAllBytes(x.transport().incoming().resolve(
                    MessageType.IMPORT_CONFIRMATION.fileName(other.head().processId(), "zip")));
            String mine = MessageType.IMPORT_CONFIRMATION.fileName(XdomeaProcedure.processId("k-w"), "zip");
            x.partner().drop(mine, otherAnswer);
            assertThatThrownBy(() -> x.procedure().status("k-w")).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("k-w");
            x.partner().drop(mine, "garbage".getBytes());
            assertThatThrownBy(() -> x.procedure().status("k-w")).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("NOT_A_ZIP");
        }
    }

    @Nested
    @DisplayName("round trip")
    class RoundTrip {

        @Test
        @DisplayName("the adapter's reader reads what its writer wrote: the same message, and every file byte for byte")
        void readerReadsWriter() throws Exception {
            Fixtures.Exchange x = Fixtures.exchange(root, true);
            ImportPackage pkg = Fixtures.pkg("k-rt", eFile(x.procedure()).id(), "F000000172X", 1);
            x.procedure().importPackage(pkg);
            Path archive = root.resolve("received.zip");
            Files.write(archive, x.partner().archive("k-rt"));
            try (ReceivedAbgabe r = AbgabeReader.withDefaults().schema(OfficialSchema.get()).read(archive)) {
                assertThat(r.message()).isEqualTo(x.partner().message("k-rt"));
                Vorgang v = ((Akte) r.message().objects().get(0)).processes().get(0);
                List<byte[]> expected = Stream.concat(pkg.documents().stream(), Stream.of(pkg.scanProtocol()))
                        .map(i -> {
                            try (InputStream in = i.content().open()) {
                                return in.readAllBytes();
                            } catch (IOException e) {
                                throw new AssertionError(e);
                            }
                        }).toList();
                for (int i = 0; i < v.documents().size(); i++) {
                    String name = v.documents().get(i).versions().get(0).formats().get(0).file().fileName();
                    try (InputStream in = r.open(name)) {
                        assertThat(in.readAllBytes()).isEqualTo(expected.get(i));
                    }
                    assertThat(r.file(name).hashDeclared()).isTrue();
                    assertThat(r.file(name).pdf()).isTrue();
                }
            }
        }
    }

    @Nested
    @DisplayName("look-ups")
    class LookUps {

        @Test
        @DisplayName("a plugged-in look-up is declared and asked; the look-ups it does not answer stay refused")
        void plugged() {
            DirectoryTransport t = Fixtures.exchange(root, false).transport();
            EFile known = new EFile("EF-1", "AB-1");
            XdomeaProcedure p = XdomeaProcedure.builder(t, root.resolve("state")).sender(Partner.OFFICE)
                    .recipient(Partner.SELF).fsync(false).lookup(new EFileLookup() {
                        @Override
                        public java.util.Set<io.github.aktenlift.spi.procedure.ProcedureCapability> capabilities() {
                            return java.util.Set.of(io.github.aktenlift.spi.procedure.ProcedureCapability.FIND_BY_AZR_NUMBER);
                        }

                        @Override
                        public List<EFile> findByAzrNumber(String azrNumber) {
                            return azrNumber.equals("000000000123") ? List.of(known) : List.of();
                        }
                    }).build();
            assertThat(p.capabilities()).containsExactly(io.github.aktenlift.spi.procedure.ProcedureCapability.FIND_BY_AZR_NUMBER);
            assertThat(p.findByAzrNumber("000000000123")).containsExactly(known);
            assertThatThrownBy(() -> p.findByFileReference("AB-1"))
                    .isInstanceOf(io.github.aktenlift.spi.UnsupportedCapabilityException.class)
                    .hasMessageContaining("FIND_BY_FILE_REFERENCE");
        }

        @Test
        @DisplayName("without a look-up the adapter declares none, and no look-up's message carries the person's data")
        void none() {
            XdomeaProcedure p = Fixtures.exchange(root, false).procedure();
            assertThat(p.capabilities()).isEmpty();
            SubjectQuery s = new SubjectQuery("Öztürk", "Ayşe", LocalDate.of(1988, 4, 1), "000000000123");
            assertThatThrownBy(() -> p.findBySubject(s)).isInstanceOf(io.github.aktenlift.spi.UnsupportedCapabilityException.class)
                    .message().doesNotContain("Öztürk", "Ayşe", "1988", "000000000123");
            assertThatThrownBy(() -> p.findByAzrNumber("000000000123")).message().doesNotContain("000000000123");
        }
    }

    @Test
    @DisplayName("the provider is found by ServiceLoader for xdomea: URIs, and a missing setting fails naming it")
    void provider() {
        Map<String, String> settings = new java.util.HashMap<>(Fixtures.settings());
        var p = io.github.aktenlift.spi.Providers.specialistProcedure(java.net.URI.create("xdomea:" + root.toUri().getPath()),
                settings);
        assertThat(p).isInstanceOf(XdomeaProcedure.class);
        assertThat(root.resolve("outgoing")).isDirectory();
        assertThat(root.resolve("incoming")).isDirectory();
        settings.remove(XdomeaSettings.RECIPIENT_NAME);
        assertThatThrownBy(() -> io.github.aktenlift.spi.Providers.specialistProcedure(
                java.net.URI.create("xdomea:" + root.toUri().getPath()), settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(XdomeaSettings.RECIPIENT_NAME);
    }
}
