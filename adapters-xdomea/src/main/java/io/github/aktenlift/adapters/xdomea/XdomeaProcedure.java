package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.adapters.xdomea.message.AnswerReader;
import io.github.aktenlift.adapters.xdomea.message.ImportConfirmation;
import io.github.aktenlift.adapters.xdomea.message.MessageException;
import io.github.aktenlift.adapters.xdomea.message.MessageType;
import io.github.aktenlift.adapters.xdomea.message.ObjectIds;
import io.github.aktenlift.adapters.xdomea.message.Party;
import io.github.aktenlift.adapters.xdomea.message.ReceiptConfirmation;
import io.github.aktenlift.adapters.xdomea.message.XdomeaWriter;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.UnsupportedCapabilityException;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.ProcedureCapability;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectQuery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A specialist procedure that speaks xdomea 3.0.0: every import package is handed over as an
 * {@code Abgabe.Abgabe.0401}, and the partner's {@code Abgabe.ImportBestaetigen.0402} decides it.
 * The mapping of packages onto {@code Akte}/{@code Vorgang}/{@code Dokument}, the file names and
 * what the partner must answer are in {@code docs/xdomea.md}.
 *
 * <p><b>Hand-over:</b> under a per-process lock (threads and processes), an import whose 0402 has
 * arrived returns its outcome; one recorded as handed over is pending (a delivery interrupted by a
 * crash is completed); only an import never handed over is written: the message is staged through
 * the {@link Transport} (each file's size and SHA-256 checked while it is copied — a mismatch
 * stages nothing and throws {@link IntegrityException}), the hand-over is recorded durably in the
 * state directory, and the message is delivered. All ids are name-based ({@link ObjectIds}), so a
 * repeated hand-over carries the same {@code ProzessID} and object ids.
 *
 * <p><b>Outcomes:</b> a 0402 in which every reported object succeeded and the {@code Akte} is
 * reported is {@link ImportOutcome.Accepted} (receipt id {@code xdomea-0402:<ProzessID>}, time
 * {@code Erstellungszeitpunkt}); one in which any object failed is {@link ImportOutcome.Rejected}
 * with the partner's first {@code FehlermeldungCode} (or {@code XDOMEA_IMPORT_FAILED}) and its
 * {@code Fehlermeldung} texts. The 0402 is copied into the state directory when first read, so
 * the outcome stays final even when the partner clears its answers. A 0403 keeps the import
 * pending and is recorded ({@link #receivedAt}). An answer that does not belong to the hand-over
 * makes {@link #status} throw {@link IntegrityException}; it is never taken for pending.
 *
 * <p><b>Look-ups:</b> an xdomea partner answers no queries: {@link #capabilities()} declares only
 * what the {@link EFileLookup} given at opening answers (none by default), and undeclared look-ups
 * throw {@link UnsupportedCapabilityException}. {@link #createEFile} needs no partner: the
 * e-file's id is derived from the request's key, and the partner creates the {@code Akte} under
 * that id when it imports the first 0401.
 *
 * <p>Thread-safe. Writes no personal data anywhere.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class XdomeaProcedure implements SpecialistProcedure {

    /** Reason code of a rejection whose 0402 gives no usable code. */
    public static final String IMPORT_FAILED = "XDOMEA_IMPORT_FAILED";

    private static final Pattern REASON = Pattern.compile("[A-Za-z0-9_:.-]{1,64}");
    private static final int MAX_DETAIL = 1000;
    private static final ReentrantLock[] STRIPES = new ReentrantLock[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    private final Transport transport;
    private final Path state;
    private final DurableFiles files;
    private final PackageMapping.Options options;
    private final EFileLookup lookup;
    private final Set<ProcedureCapability> capabilities;
    private final Duration retryAfter;
    private final Clock clock;

    private XdomeaProcedure(Builder b) throws IOException {
        this.transport = b.transport;
        this.state = b.state.toAbsolutePath().normalize();
        this.files = new DurableFiles(b.fsync);
        this.options = new PackageMapping.Options(b.sender, b.recipient, b.fileTitle, b.fileType, b.pdfa, b.receiptWanted,
                b.zone);
        this.lookup = b.lookup;
        Set<ProcedureCapability> declared = EnumSet.noneOf(ProcedureCapability.class);
        declared.addAll(Objects.requireNonNull(b.lookup.capabilities(), "lookup capabilities"));
        this.capabilities = Set.copyOf(declared);
        this.retryAfter = b.retryAfter;
        this.clock = b.clock;
        Files.createDirectories(state.resolve("locks"));
    }

    /**
     * @param transport how messages travel
     * @param stateDir where Aktenlift keeps its hand-over records and the answers it has read
     * @return a builder
     */
    public static Builder builder(Transport transport, Path stateDir) {
        return new Builder(transport, stateDir);
    }

    /**
     * Opens the adapter on a directory pair below {@code root}: {@code outgoing/}, {@code incoming/}
     * and {@code state/}, created where missing.
     *
     * @param root the root directory
     * @param settings {@link XdomeaSettings} by name
     * @return the procedure
     * @throws IllegalArgumentException if a setting is missing or malformed, or a directory unusable
     */
    public static XdomeaProcedure open(Path root, Map<String, String> settings) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(settings, "settings");
        Party sender = XdomeaSettings.sender(settings);
        Party recipient = XdomeaSettings.recipient(settings);
        String pdfa = Optional.ofNullable(XdomeaSettings.optional(settings, XdomeaSettings.PDFA)).orElse("2b");
        if (!pdfa.equals("none") && !pdfa.matches("[1-4][abuf]?")) {
            throw new IllegalArgumentException("setting " + XdomeaSettings.PDFA + " must be a PDF/A part and level such as 2b, or none");
        }
        String title = Optional.ofNullable(XdomeaSettings.optional(settings, XdomeaSettings.FILE_TITLE))
                .orElse("Akte {fileReference}");
        boolean fsync = XdomeaSettings.bool(settings, XdomeaSettings.FSYNC, true);
        Path r = root.toAbsolutePath().normalize();
        Path out = Optional.ofNullable(XdomeaSettings.optional(settings, XdomeaSettings.OUTGOING)).map(Path::of)
                .orElse(r.resolve("outgoing"));
        Path in = Optional.ofNullable(XdomeaSettings.optional(settings, XdomeaSettings.INCOMING)).map(Path::of)
                .orElse(r.resolve("incoming"));
        try {
            Files.createDirectories(r);
            Files.createDirectories(out);
            Files.createDirectories(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("xdomea directories below " + r + " are not usable: " + e.getMessage(), e);
        }
        return builder(new DirectoryTransport(out, in, fsync), r.resolve("state"))
                .sender(sender)
                .recipient(recipient)
                .fileTitle(title)
                .fileType(XdomeaSettings.optional(settings, XdomeaSettings.FILE_TYPE))
                .pdfa(pdfa.equals("none") ? null : pdfa)
                .receiptWanted(XdomeaSettings.bool(settings, XdomeaSettings.RECEIPT, true))
                .zone(XdomeaSettings.zone(settings, XdomeaSettings.ZONE, ZoneId.of("Europe/Berlin")))
                .retryAfter(XdomeaSettings.duration(settings, XdomeaSettings.RETRY_AFTER, Duration.ofMinutes(1)))
                .fsync(fsync)
                .build();
    }

    /** @return the transport messages travel by */
    public Transport transport() {
        return transport;
    }

    /**
     * @param idempotencyKey an import's key
     * @return the {@code ProzessID} of its hand-over
     */
    public static UUID processId(String idempotencyKey) {
        return ObjectIds.process(idempotencyKey);
    }

    /**
     * @param idempotencyKey an import's key
     * @return the file name its 0401 travels under: {@code <ProzessID>_Abgabe.Abgabe.0401.zip}
     */
    public static String messageName(String idempotencyKey) {
        return MessageType.ABGABE.fileName(processId(idempotencyKey), "zip");
    }

    // look-ups: the partner answers none of them

    @Override
    public Set<ProcedureCapability> capabilities() {
        return capabilities;
    }

    @Override
    public Optional<EFile> findByFileReference(String fileReference) {
        Objects.requireNonNull(fileReference, "fileReference");
        require(ProcedureCapability.FIND_BY_FILE_REFERENCE);
        return lookup.findByFileReference(fileReference);
    }

    @Override
    public List<EFile> findByAzrNumber(String azrNumber) {
        Objects.requireNonNull(azrNumber, "azrNumber");
        require(ProcedureCapability.FIND_BY_AZR_NUMBER);
        return lookup.findByAzrNumber(azrNumber);
    }

    @Override
    public List<EFile> findBySubject(SubjectQuery subject) {
        Objects.requireNonNull(subject, "subject");
        require(ProcedureCapability.FIND_BY_SUBJECT);
        return lookup.findBySubject(subject);
    }

    private void require(ProcedureCapability c) {
        if (!capabilities.contains(c)) {
            throw new UnsupportedCapabilityException(c.name(),
                    "an xdomea partner answers no queries, and no EFileLookup answering this one was configured");
        }
    }

    /**
     * Derives the e-file's id from the request's key; the partner creates the {@code Akte} under
     * this id with the first 0401 that names it. Nothing is sent, nothing is stored.
     */
    @Override
    public EFile createEFile(EFileRequest request) {
        Objects.requireNonNull(request, "request");
        return new EFile(ObjectIds.eFile(request.idempotencyKey()).toString(), request.fileReference());
    }

    // hand-over

    @Override
    public ImportOutcome importPackage(ImportPackage pkg) {
        Objects.requireNonNull(pkg, "pkg");
        String key = pkg.idempotencyKey();
        UUID pid = ObjectIds.process(key);
        String name = MessageType.ABGABE.fileName(pid, "zip");
        try {
            return locked(pid, () -> {
                Optional<HandOverRecord> recorded = record(pid);
                if (recorded.isPresent()) {
                    Optional<ImportOutcome> decided = outcome(recorded.get());
                    if (decided.isPresent()) {
                        return decided.get();
                    }
                    transport.deliver(name); // completes a delivery a crash interrupted; else nothing
                    return new ImportOutcome.Pending(key, retryAfter);
                }
                Instant now = clock.instant();
                PackageMapping.Mapped mapped = PackageMapping.map(pkg, now, options);
                transport.stage(name, out -> XdomeaWriter.write(mapped.message(), mapped.files(), out));
                HandOverRecord r = new HandOverRecord(key, pkg.eFileId(), pid, name, mapped.akteId(), mapped.objectIds(), now);
                files.writeAtomically(recordFile(pid), r.toBytes());
                transport.deliver(name);
                return new ImportOutcome.Pending(key, retryAfter);
            });
        } catch (IOException e) {
            throw new UnavailableException("cannot hand over import '" + key + "' (process " + pid + ")", e);
        }
    }

    @Override
    public ImportOutcome status(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        UUID pid = ObjectIds.process(idempotencyKey);
        try {
            return locked(pid, () -> {
                HandOverRecord r = record(pid).orElseThrow(() -> new NotFoundException(idempotencyKey));
                return outcome(r).orElseGet(() -> new ImportOutcome.Pending(idempotencyKey, retryAfter));
            });
        } catch (IOException e) {
            throw new UnavailableException("cannot read the status of import '" + idempotencyKey + "'", e);
        }
    }

    /**
     * @param idempotencyKey an import's key
     * @return when the partner confirmed receipt (0403, its {@code Erstellungszeitpunkt}), if it has
     * @throws NotFoundException if no import with that key was handed over
     * @throws IntegrityException if the 0403 does not belong to the hand-over
     */
    public Optional<Instant> receivedAt(String idempotencyKey) {
        UUID pid = ObjectIds.process(Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
        try {
            return locked(pid, () -> {
                HandOverRecord r = record(pid).orElseThrow(() -> new NotFoundException(idempotencyKey));
                return receipt(r);
            });
        } catch (IOException e) {
            throw new UnavailableException("cannot read the receipt of import '" + idempotencyKey + "'", e);
        }
    }

    private Optional<HandOverRecord> record(UUID pid) throws IOException {
        try {
            return Optional.of(HandOverRecord.parse(Files.readAllBytes(recordFile(pid))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IntegrityException(recordFile(pid).getFileName().toString(), "the hand-over record is damaged");
        }
    }

    private Path recordFile(UUID pid) {
        return state.resolve(pid + ".handover");
    }

    /** The decision, from the kept copy of the 0402 or, the first time, from the transport. */
    private Optional<ImportOutcome> outcome(HandOverRecord r) throws IOException {
        String zipName = MessageType.IMPORT_CONFIRMATION.fileName(r.processId(), "zip");
        String xmlName = MessageType.IMPORT_CONFIRMATION.fileName(r.processId(), "xml");
        Path kept = state.resolve(zipName);
        Path keptXml = state.resolve(xmlName);
        for (Path p : List.of(kept, keptXml)) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = Files.readAllBytes(p);
                return Optional.of(decide(r, read0402(r, bytes, p.getFileName().toString())));
            }
        }
        for (String name : List.of(zipName, xmlName)) {
            Optional<byte[]> bytes = receiveBytes(name);
            if (bytes.isPresent()) {
                ImportConfirmation c = read0402(r, bytes.get(), name);
                ImportOutcome o = decide(r, c);
                files.writeAtomically(state.resolve(name), bytes.get()); // final now: keep the evidence
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    private Optional<Instant> receipt(HandOverRecord r) throws IOException {
        for (String name : List.of(MessageType.RECEIPT_CONFIRMATION.fileName(r.processId(), "zip"),
                MessageType.RECEIPT_CONFIRMATION.fileName(r.processId(), "xml"))) {
            Path kept = state.resolve(name);
            Optional<byte[]> bytes = Files.exists(kept, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Files.readAllBytes(kept))
                    : receiveBytes(name);
            if (bytes.isPresent()) {
                ReceiptConfirmation c;
                try {
                    c = AnswerReader.receiptConfirmation(new ByteArrayInputStream(bytes.get()), name, r.processId(),
                            options.zone());
                } catch (MessageException e) {
                    throw new IntegrityException(r.idempotencyKey(), "the partner's 0403 is unusable: " + e.getMessage());
                }
                if (!Files.exists(kept, LinkOption.NOFOLLOW_LINKS)) {
                    files.writeAtomically(kept, bytes.get());
                }
                return Optional.of(c.head().created().toInstant());
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> receiveBytes(String name) throws IOException {
        Optional<InputStream> in = transport.receive(name);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get()) {
            byte[] b = s.readNBytes(AnswerReader.MAX_BYTES + 1);
            return Optional.of(b);
        }
    }

    private ImportConfirmation read0402(HandOverRecord r, byte[] bytes, String name) throws IOException {
        try {
            return AnswerReader.importConfirmation(new ByteArrayInputStream(bytes), name, r.processId(), options.zone());
        } catch (MessageException e) {
            throw new IntegrityException(r.idempotencyKey(), "the partner's 0402 is unusable: " + e.getMessage());
        }
    }

    /** Maps a 0402 onto the outcome; an answer naming objects that were not handed over is refused. */
    private ImportOutcome decide(HandOverRecord r, ImportConfirmation c) {
        Set<UUID> sent = new HashSet<>(r.objectIds());
        boolean akteReported = false;
        ImportConfirmation.ObjectResult firstFailure = null;
        for (ImportConfirmation.ObjectResult o : c.results()) {
            if (!sent.contains(o.id())) {
                throw new IntegrityException(r.idempotencyKey(), "the partner's 0402 reports object " + o.id()
                        + ", which this hand-over did not contain");
            }
            akteReported |= o.id().equals(r.akteId());
            if (!o.success() && firstFailure == null) {
                firstFailure = o;
            }
        }
        if (firstFailure != null) {
            return rejected(r.idempotencyKey(), c, firstFailure);
        }
        if (!akteReported) {
            throw new IntegrityException(r.idempotencyKey(), "the partner's 0402 reports success without naming the Akte "
                    + r.akteId());
        }
        return new ImportOutcome.Accepted(r.idempotencyKey(), "xdomea-0402:" + r.processId(), r.eFileId(),
                c.head().created().toInstant());
    }

    private static ImportOutcome.Rejected rejected(String key, ImportConfirmation c, ImportConfirmation.ObjectResult first) {
        String code = IMPORT_FAILED;
        List<String> texts = new ArrayList<>();
        for (ImportConfirmation.ObjectResult o : c.results()) {
            if (o.success()) {
                continue;
            }
            for (ImportConfirmation.ErrorCode e : o.codes()) {
                if (code.equals(IMPORT_FAILED) && REASON.matcher(e.code()).matches()) {
                    code = e.code();
                }
            }
            texts.addAll(o.messages());
        }
        String detail = texts.isEmpty() ? "the partner reported object " + first.id() + " as not imported"
                : String.join("; ", texts);
        return new ImportOutcome.Rejected(key, code, clean(detail));
    }

    /** The partner's words, without control characters and bounded in length. */
    private static String clean(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_DETAIL));
        for (int i = 0; i < text.length() && b.length() < MAX_DETAIL; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString().strip();
    }

    @FunctionalInterface
    private interface Body<T> {
        T run() throws IOException;
    }

    /** Exclusive per process id, across threads (striped locks) and processes (a file lock). */
    private <T> T locked(UUID pid, Body<T> body) throws IOException {
        ReentrantLock stripe = STRIPES[Math.floorMod(pid.hashCode(), STRIPES.length)];
        stripe.lock();
        try (FileChannel ch = FileChannel.open(state.resolve("locks").resolve(pid + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock();
            try {
                return body.run();
            } finally {
                lock.release();
            }
        } finally {
            stripe.unlock();
        }
    }

    @Override
    public String toString() {
        return "XdomeaProcedure[" + transport + ", state " + state + "]";
    }

    /**
     * Builds an {@link XdomeaProcedure}. Sender and recipient are required.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Transport transport;
        private final Path state;
        private Party sender;
        private Party recipient;
        private EFileLookup lookup = EFileLookup.none();
        private String fileTitle = "Akte {fileReference}";
        private String fileType;
        private String pdfa = "2b";
        private boolean receiptWanted = true;
        private ZoneId zone = ZoneId.of("Europe/Berlin");
        private Duration retryAfter = Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();
        private boolean fsync = true;

        private Builder(Transport transport, Path state) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.state = Objects.requireNonNull(state, "stateDir");
        }

        /**
         * @param sender {@code Kopf/Absender}
         * @return this
         */
        public Builder sender(Party sender) {
            this.sender = Objects.requireNonNull(sender, "sender");
            return this;
        }

        /**
         * @param recipient {@code Kopf/Empfaenger}
         * @return this
         */
        public Builder recipient(Party recipient) {
            this.recipient = Objects.requireNonNull(recipient, "recipient");
            return this;
        }

        /**
         * @param lookup answers the look-ups the partner does not; default {@link EFileLookup#none()}
         * @return this
         */
        public Builder lookup(EFileLookup lookup) {
            this.lookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /**
         * @param template the {@code Akte}'s {@code Betreff}, {@code {fileReference}} replaced
         * @return this
         */
        public Builder fileTitle(String template) {
            this.fileTitle = Objects.requireNonNull(template, "template");
            return this;
        }

        /**
         * @param type the {@code Akte}'s {@code Typ}, or {@code null}
         * @return this
         */
        public Builder fileType(String type) {
            this.fileType = type;
            return this;
        }

        /**
         * @param pdfa the renditions' PDF/A part and level (format 044), or {@code null} for plain PDF (018)
         * @return this
         */
        public Builder pdfa(String pdfa) {
            this.pdfa = pdfa;
            return this;
        }

        /**
         * @param wanted whether to ask for a 0403
         * @return this
         */
        public Builder receiptWanted(boolean wanted) {
            this.receiptWanted = wanted;
            return this;
        }

        /**
         * @param zone the zone of message times
         * @return this
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * @param retryAfter the polling hint of pending outcomes
         * @return this
         */
        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
            return this;
        }

        /**
         * @param clock stamps messages and hand-over records
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param fsync whether to force the state to disk (turn off only in tests)
         * @return this
         */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /**
         * @return the procedure
         * @throws IllegalStateException if sender or recipient is missing
         * @throws IllegalArgumentException if the state directory cannot be created
         */
        public XdomeaProcedure build() {
            if (sender == null || recipient == null) {
                throw new IllegalStateException("an xdomea procedure needs sender and recipient");
            }
            try {
                return new XdomeaProcedure(this);
            } catch (IOException e) {
                throw new IllegalArgumentException("state directory " + state + " is not usable: " + e.getMessage(), e);
            }
        }
    }
}
