package io.github.aktenlift.testkit.contract;

import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnsupportedCapabilityException;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.ProcedureCapability;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link SpecialistProcedure} must pass: idempotent creation and import, integrity
 * checks, and look-ups — by file reference, by AZR number on its own, and by name and date of birth
 * under the rules of {@link io.github.aktenlift.spi.procedure.SubjectMatching} (umlaut,
 * transliteration, decomposed, case and whitespace variants found; another letter or birthday
 * not). The look-up tests adapt to the procedure's declared
 * {@link ProcedureCapability capabilities}: a look-up it declares must answer by the rules, one it
 * does not declare must be refused with {@link UnsupportedCapabilityException} — never answered
 * empty. Extend it and supply the procedure and its far side — the part that, in production, is the
 * specialist procedure deciding about imports:
 *
 * <pre>{@code
 * class MyProcedureContractTest extends SpecialistProcedureContract {
 *     protected SpecialistProcedure createProcedure() { return new MyProcedure(inbox, outbox); }
 *     protected FarSide farSide() { return new MyFarSide(inbox, outbox); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class SpecialistProcedureContract {

    /** The procedure under test, fresh for each test. */
    protected SpecialistProcedure procedure;

    /** Creates the suite. */
    protected SpecialistProcedureContract() {
    }

    /**
     * The far side of the procedure: what the suite needs to play the specialist procedure's part.
     *
     * @since 0.1
     */
    public interface FarSide {

        /**
         * Lets the procedure decide a handed-over import, if it has not decided on its own yet.
         *
         * @param idempotencyKey the import
         * @param accept accept it, or reject it with reason code {@code CONTRACT_REJECTED}
         * @throws Exception if the decision cannot be made
         */
        void decide(String idempotencyKey, boolean accept) throws Exception;

        /**
         * Reports what has actually arrived on the procedure's side so far, read from what arrived
         * (the files, messages or records the procedure took in), not from the adapter's own
         * bookkeeping: the SHA-256 of every document and scan protocol, once per arrival. A
         * package handed over twice — under the same import or under another key — lists its items
         * twice; a repeat that the procedure itself recognises and does not take in again is not
         * listed. This is how the suite tells that an import went in once: a far side that cannot
         * see a second arrival makes that check one that cannot fail, which the suite's
         * planted double hand-over shows.
         *
         * @return hex SHA-256 of every item received, once per arrival, in any order; never {@code null}
         * @throws Exception if it cannot be told
         */
        List<String> receivedItems() throws Exception;
    }

    /**
     * @return a new procedure with no e-files and no imports
     * @throws Exception if it cannot be created
     */
    protected abstract SpecialistProcedure createProcedure() throws Exception;

    /** @return the far side of the procedure last created */
    protected abstract FarSide farSide();

    @BeforeEach
    void create() throws Exception {
        procedure = createProcedure();
    }

    private static SubjectQuery person(String surname) {
        // a different person has a different AZR number
        return new SubjectQuery(surname, "Ayşe", LocalDate.of(1988, 4, 1),
                String.format("%012d", Math.abs((long) surname.hashCode()) % 1_000_000_000_000L));
    }

    private static PackageItem item(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new PackageItem(name, name.startsWith("protocol") ? "SCAN_PROTOCOL" : "APPLICATION", "application/pdf",
                bytes.length, Streams.sha256(bytes), () -> new ByteArrayInputStream(bytes));
    }

    private ImportPackage pkg(String key, EFile eFile) {
        return new ImportPackage(key, eFile.id(), eFile.fileReference(),
                List.of(item("doc-1.pdf", "%PDF- one " + key), item("doc-2.pdf", "%PDF- two " + key)),
                item("protocol.json", "{\"protocol\":\"" + key + "\"}"), Map.of("barcode", "F000000017X"));
    }

    @Test
    @DisplayName("creating an e-file is idempotent by key, and the e-file is found by reference and subject")
    void createAndFind() {
        EFile a = procedure.createEFile(new EFileRequest("create-1", "AB-1", person("Öztürk")));
        EFile again = procedure.createEFile(new EFileRequest("create-1", "AB-1", person("Öztürk")));
        EFile b = procedure.createEFile(new EFileRequest("create-2", "AB-2", person("Other")));
        assertThat(again).isEqualTo(a);
        assertThat(b.id()).isNotEqualTo(a.id());
        assertThat(a.fileReference()).isEqualTo("AB-1");
        if (answers(ProcedureCapability.FIND_BY_FILE_REFERENCE)) {
            assertThat(procedure.findByFileReference("AB-1")).contains(a);
            assertThat(procedure.findByFileReference("AB-404")).isEmpty();
        }
        if (answers(ProcedureCapability.FIND_BY_SUBJECT)) {
            assertThat(procedure.findBySubject(person("Öztürk"))).containsExactly(a);
            assertThat(procedure.findBySubject(new SubjectQuery("Nobody", "X", LocalDate.of(1970, 1, 1), null))).isEmpty();
        }
    }

    @Test
    @DisplayName("the declared capabilities stay the same, and a look-up the procedure does not declare is refused, never answered empty")
    void undeclaredLookUpsAreRefused() {
        Set<ProcedureCapability> declared = procedure.capabilities();
        assertThat(declared).isNotNull();
        assertThat(procedure.capabilities()).isEqualTo(declared);
        procedure.createEFile(new EFileRequest("create-1", "AB-1", person("Öztürk")));
        for (ProcedureCapability c : EnumSet.allOf(ProcedureCapability.class)) {
            if (declared.contains(c)) {
                continue;
            }
            assertRefused(c);
        }
    }

    /** A look-up the procedure does not declare: it must throw, naming the capability. */
    private void assertRefused(ProcedureCapability c) {
        assertThatThrownBy(() -> ask(c)).as("undeclared %s", c).isInstanceOfSatisfying(
                UnsupportedCapabilityException.class, e -> assertThat(e.capability()).isEqualTo(c.name()));
    }

    private boolean answers(ProcedureCapability c) {
        return procedure.capabilities().contains(c);
    }

    private void ask(ProcedureCapability c) {
        switch (c) {
            case FIND_BY_FILE_REFERENCE -> procedure.findByFileReference("AB-1");
            case FIND_BY_AZR_NUMBER -> procedure.findByAzrNumber(person("Öztürk").azrNumber());
            case FIND_BY_SUBJECT -> procedure.findBySubject(person("Öztürk"));
            default -> throw new IllegalStateException("no question for " + c);
        }
    }

    @Test
    @DisplayName("an e-file is found by subject under the SubjectMatching rules: case, whitespace, umlauts and transliterations do not matter")
    void findBySubjectIsTolerant() {
        if (!answers(ProcedureCapability.FIND_BY_SUBJECT)) {
            assertRefused(ProcedureCapability.FIND_BY_SUBJECT);
            return;
        }
        LocalDate born = LocalDate.of(1979, 2, 28);
        EFile e = procedure.createEFile(new EFileRequest("create-m", "AB-M", new SubjectQuery("Müller-Lüdenscheidt",
                "Jürgen", born, "000000000123")));
        procedure.createEFile(new EFileRequest("create-s", "AB-S", new SubjectQuery("Strauß", "José", born, null)));
        List<List<String>> variants = List.of(
                List.of("MÜLLER-LÜDENSCHEIDT", "jürgen  "),
                List.of("Mueller-Luedenscheidt", "Juergen"),
                List.of(" mueller   luedenscheidt", "JUERGEN"),
                List.of("Mu\u0308ller Lu\u0308denscheidt", "Ju\u0308rgen"));
        for (List<String> v : variants) {
            assertThat(procedure.findBySubject(new SubjectQuery(v.get(0), v.get(1), born, null)))
                    .as("variant %s", variants.indexOf(v)).containsExactly(e);
        }
    }

    @Test
    @DisplayName("ß and ss, diacritics and their plain letters find the same e-file; another letter or another birthday does not")
    void findBySubjectNeverGuesses() {
        if (!answers(ProcedureCapability.FIND_BY_SUBJECT)) {
            assertRefused(ProcedureCapability.FIND_BY_SUBJECT);
            return;
        }
        LocalDate born = LocalDate.of(1979, 2, 28);
        EFile e = procedure.createEFile(new EFileRequest("create-s", "AB-S", new SubjectQuery("Strauß", "José", born, null)));
        assertThat(procedure.findBySubject(new SubjectQuery("STRAUSS", "jose", born, null))).containsExactly(e);
        assertThat(procedure.findBySubject(new SubjectQuery("Straus", "José", born, null))).isEmpty();
        assertThat(procedure.findBySubject(new SubjectQuery("Strauß", "Josef", born, null))).isEmpty();
        assertThat(procedure.findBySubject(new SubjectQuery("Strauß", "José", born.plusDays(1), null))).isEmpty();
    }

    @Test
    @DisplayName("the AZR number is looked up on its own: a namesake born the same day is found by subject, not by number")
    void azrNumberAndSubjectAreSeparate() {
        if (!answers(ProcedureCapability.FIND_BY_AZR_NUMBER) || !answers(ProcedureCapability.FIND_BY_SUBJECT)) {
            assertRefused(answers(ProcedureCapability.FIND_BY_AZR_NUMBER) ? ProcedureCapability.FIND_BY_SUBJECT
                    : ProcedureCapability.FIND_BY_AZR_NUMBER);
            return;
        }
        LocalDate born = LocalDate.of(1990, 1, 1);
        EFile first = procedure.createEFile(new EFileRequest("create-1", "AB-1",
                new SubjectQuery("Yılmaz", "Ali", born, "000000000001")));
        EFile namesake = procedure.createEFile(new EFileRequest("create-2", "AB-2",
                new SubjectQuery("Yilmaz", "Ali", born, "000000000002")));
        assertThat(procedure.findByAzrNumber("000000000001")).containsExactly(first);
        assertThat(procedure.findByAzrNumber("000000000002")).containsExactly(namesake);
        assertThat(procedure.findByAzrNumber("000000000003")).isEmpty();
        assertThat(procedure.findBySubject(new SubjectQuery("YILMAZ", "ali", born, "000000000001")))
                .containsExactlyInAnyOrder(first, namesake);
    }

    @Test
    @DisplayName("an import accepted on the far side is confirmed with a receipt, and repeating it, pending or accepted,"
            + " hands nothing over again: the far side received each item once")
    void importIsIdempotent() throws Exception {
        importRepeatedly(procedure);
    }

    @Test
    @DisplayName("the check above fails for a procedure that hands a repeated import over again under another key:"
            + " the far side counts what arrives")
    void doubleHandOverIsSeen() {
        assertThatThrownBy(() -> importRepeatedly(new HandsOverTwice(procedure)))
                .as("the import check, run on a procedure that hands every repeat over again")
                .isInstanceOf(AssertionError.class).hasMessageContaining(RECEIVED_ONCE);
    }

    /** The description of the received-once check, which the planted double hand-over must trip. */
    private static final String RECEIVED_ONCE = "received by the far side exactly once";

    private void importRepeatedly(SpecialistProcedure p) throws Exception {
        EFile e = p.createEFile(new EFileRequest("create-1", "AB-1", person("Öztürk")));
        ImportPackage pkg = pkg("import-1", e);
        ImportOutcome first = p.importPackage(pkg);
        assertThat(first).isInstanceOfAny(ImportOutcome.Accepted.class, ImportOutcome.Pending.class);
        assertThat(first.idempotencyKey()).isEqualTo("import-1");
        ImportOutcome meanwhile = p.importPackage(pkg);
        assertThat(meanwhile.idempotencyKey()).isEqualTo("import-1");
        assertThat(meanwhile).isInstanceOfAny(ImportOutcome.Accepted.class, ImportOutcome.Pending.class);
        assertReceivedOnce(pkg);
        farSide().decide("import-1", true);
        ImportOutcome settled = p.status("import-1");
        assertThat(settled).isInstanceOfSatisfying(ImportOutcome.Accepted.class, a -> {
            assertThat(a.eFileId()).isEqualTo(e.id());
            assertThat(a.receiptId()).isNotBlank();
        });
        ImportOutcome repeated = p.importPackage(pkg);
        assertThat(repeated).isEqualTo(settled);
        assertReceivedOnce(pkg);
    }

    /** Every item of the package arrived on the far side, each exactly once. */
    private void assertReceivedOnce(ImportPackage pkg) throws Exception {
        List<String> received = farSide().receivedItems();
        List<PackageItem> items = new ArrayList<>(pkg.documents());
        items.add(pkg.scanProtocol());
        for (PackageItem item : items) {
            assertThat(received.stream().filter(item.sha256()::equals).count())
                    .as("item %s of %s %s", item.name(), pkg.idempotencyKey(), RECEIVED_ONCE).isEqualTo(1);
        }
    }

    /**
     * A planted fault: a procedure that, asked again for an import it has seen, hands the same
     * package over once more under another key and answers as if it had not.
     */
    private static final class HandsOverTwice implements SpecialistProcedure {
        private final SpecialistProcedure delegate;
        private final Set<String> seen = new HashSet<>();

        HandsOverTwice(SpecialistProcedure delegate) {
            this.delegate = delegate;
        }

        @Override
        public ImportOutcome importPackage(ImportPackage pkg) {
            ImportOutcome outcome = delegate.importPackage(pkg);
            if (!seen.add(pkg.idempotencyKey())) {
                delegate.importPackage(new ImportPackage(pkg.idempotencyKey() + "-again-" + seen.size(), pkg.eFileId(),
                        pkg.fileReference(), pkg.documents(), pkg.scanProtocol(), pkg.metadata()));
            }
            return outcome;
        }

        @Override
        public ImportOutcome status(String idempotencyKey) {
            return delegate.status(idempotencyKey);
        }

        @Override
        public EFile createEFile(EFileRequest request) {
            return delegate.createEFile(request);
        }

        @Override
        public Set<ProcedureCapability> capabilities() {
            return delegate.capabilities();
        }

        @Override
        public java.util.Optional<EFile> findByFileReference(String fileReference) {
            return delegate.findByFileReference(fileReference);
        }

        @Override
        public List<EFile> findByAzrNumber(String azrNumber) {
            return delegate.findByAzrNumber(azrNumber);
        }

        @Override
        public List<EFile> findBySubject(SubjectQuery subject) {
            return delegate.findBySubject(subject);
        }
    }

    @Test
    @DisplayName("a rejected import reports its reason; a corrected package under a new key can then be accepted")
    void rejection() throws Exception {
        EFile e = procedure.createEFile(new EFileRequest("create-1", "AB-1", person("Öztürk")));
        procedure.importPackage(pkg("import-r", e));
        farSide().decide("import-r", false);
        assertThat(procedure.status("import-r")).isInstanceOfSatisfying(ImportOutcome.Rejected.class,
                r -> assertThat(r.reasonCode()).isEqualTo("CONTRACT_REJECTED"));
        assertThat(procedure.importPackage(pkg("import-r", e))).isInstanceOf(ImportOutcome.Rejected.class);
        procedure.importPackage(pkg("import-r2", e));
        farSide().decide("import-r2", true);
        assertThat(procedure.status("import-r2")).isInstanceOf(ImportOutcome.Accepted.class);
    }

    @Test
    @DisplayName("an item whose bytes do not match its hash is refused with IntegrityException and nothing is handed over")
    void integrity() throws Exception {
        EFile e = procedure.createEFile(new EFileRequest("create-1", "AB-1", person("Öztürk")));
        byte[] bytes = "%PDF- real".getBytes(StandardCharsets.UTF_8);
        PackageItem lying = new PackageItem("doc-1.pdf", "APPLICATION", "application/pdf", bytes.length,
                Streams.sha256("%PDF- other".getBytes(StandardCharsets.UTF_8)), () -> new ByteArrayInputStream(bytes));
        ImportPackage bad = new ImportPackage("import-bad", e.id(), "AB-1", List.of(lying),
                item("protocol.json", "{}"), Map.of());
        assertThatThrownBy(() -> procedure.importPackage(bad)).isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> procedure.status("import-bad")).isInstanceOf(NotFoundException.class);
        assertThat(farSide().receivedItems()).as("nothing arrived on the far side").isEmpty();
    }

    @Test
    @DisplayName("the status of an unknown import is NotFoundException")
    void unknownStatus() {
        assertThatThrownBy(() -> procedure.status("never-sent")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("subject data never shows in toString")
    void noPersonalDataInToString() {
        assertThat(person("Öztürk").toString()).doesNotContain("Öztürk", "Ayşe", "1988", person("Öztürk").azrNumber());
        assertThat(new EFileRequest("k", "AB-1", person("Öztürk")).toString()).doesNotContain("Öztürk");
    }
}
