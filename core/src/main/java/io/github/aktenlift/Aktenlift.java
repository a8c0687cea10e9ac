package io.github.aktenlift;

import io.github.aktenlift.capture.Capture;
import io.github.aktenlift.capture.SealBatch;
import io.github.aktenlift.capture.ingest.Ingest;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.evidence.CheckpointStamps;
import io.github.aktenlift.evidence.Renewals;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.Imports;
import io.github.aktenlift.efile.handover.Handover;
import io.github.aktenlift.intake.DigitalIntake;
import io.github.aktenlift.intake.digital.IntakeDesk;
import io.github.aktenlift.inventory.Inventory;
import io.github.aktenlift.inventory.baseline.BaselineInventory;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.StartupChecks;
import io.github.aktenlift.logistics.PickupPlanner;
import io.github.aktenlift.metrics.Health;
import io.github.aktenlift.metrics.Statistics;
import io.github.aktenlift.monitoring.HealthProbe;
import io.github.aktenlift.monitoring.LiveStatistics;
import io.github.aktenlift.telemetry.Counters;
import io.github.aktenlift.telemetry.CountingStorage;
import io.github.aktenlift.logistics.planning.PickupProposer;
import io.github.aktenlift.notification.NotificationOutbox;
import io.github.aktenlift.rendition.EvidenceRenewal;
import io.github.aktenlift.report.Reports;
import io.github.aktenlift.reporting.ReportsImpl;
import io.github.aktenlift.retention.Destruction;
import io.github.aktenlift.retention.destruction.DestructionRun;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.ocr.OcrEngine;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.Tracking;
import io.github.aktenlift.tracking.query.TrackingQueries;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Aktenlift: the paper-to-digital lifecycle of case files, on a storage of your choice.
 *
 * <pre>{@code
 * try (Aktenlift lift = Aktenlift.builder().storage(storage).build()) {
 *     Actor clerk = Actor.of("clerk-17", "office");
 *     lift.execute(clerk, new RegisterCaseFile(barcode, reference, subject, ProtectionLevel.NORMAL));
 *     lift.tracking().whereIs(barcode).ifPresent(w -> System.out.println(w.state()));
 * }
 * }</pre>
 *
 * <p>Every change is a {@link Command}, validated, checked against the lifecycle, and recorded as
 * hash-chained events in the tracking journal, all or nothing; all state is derived from that
 * journal. Thread-safe. Several instances may share one storage (other processes or machines);
 * each sees the others' events on its next command or {@link #refresh()}.
 *
 * <p>For operations: {@link #statistics()} and {@link #health()}, Micrometer meters through
 * {@link io.github.aktenlift.metrics.AktenliftMetrics} (Micrometer is optional), and the ids of the
 * current command, case file and delivery in SLF4J's MDC under the keys of
 * {@link io.github.aktenlift.metrics.LogContext} while Aktenlift works on them.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Aktenlift implements AutoCloseable {

    private final CommandLoop loop;
    private final Tracking tracking;
    private final Capture capture;
    private final Imports imports;
    private final Inventory inventory;
    private final PickupPlanner planner;
    private final Destruction destruction;
    private final DigitalIntake intake;
    private final NotificationOutbox notifications;
    private final EvidenceRenewal renewal;
    private final Reports reports;
    private final LiveStatistics statistics;
    private final HealthProbe health;

    /**
     * Wires the stages on top of the command loop, one way: each stage calls into the loop (and
     * into stages built before it), never the other way round; the notification outbox listens to
     * the loop's commits.
     */
    private Aktenlift(Builder b, Storage storage, CommandLoop loop) {
        this.loop = loop;
        CheckpointStamps stamps = new CheckpointStamps(loop, storage, Optional.ofNullable(b.sealer));
        this.tracking = new TrackingQueries(loop, storage, stamps, Optional.ofNullable(b.sealer));
        this.planner = new PickupProposer(loop);
        this.notifications = new NotificationOutbox(b.notifier, storage, loop, tracking, planner);
        loop.beforeAppend(notifications::beforeAppend);
        loop.onCommit(notifications::afterCommit);
        this.inventory = new BaselineInventory(loop, storage);
        // capture's notifications take the outbox's path too: best effort, failures kept for redelivery
        this.capture = new Ingest(loop, storage, notifications, b.captureParallelism, Optional.ofNullable(b.sealer),
                b.sealBatch, Optional.ofNullable(b.ocr));
        // imports notify before they record (a crash repeats the notice rather than losing it), so they
        // talk to the notifier directly and see its failures
        this.imports = b.procedure == null ? null : new Handover(loop, storage, b.procedure, b.notifier);
        this.destruction = new DestructionRun(loop);
        this.intake = new IntakeDesk(loop, storage);
        this.renewal = b.sealer != null && b.sealer.timestamps()
                ? new Renewals(loop, storage, b.sealer) : null;
        this.reports = new ReportsImpl(loop, tracking, loop.policies());
        this.statistics = new LiveStatistics(loop, notifications);
        this.health = new HealthProbe(storage, loop, notifications, statistics);
    }

    /** @return a builder; only {@link Builder#storage(Storage)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates the command, checks it against the current state, and records its events.
     *
     * @param actor who performs it, and where
     * @param command what to do
     * @return the events recorded, in order; never empty
     * @throws InvalidValueException if actor or command is {@code null}
     * @throws InvalidCommandException if the command fails validation
     * @throws UnknownIdentifierException if it names an unknown barcode or pickup
     * @throws IllegalTransitionException if the lifecycle does not allow it now
     * @throws PreconditionFailedException if a business rule blocks it
     * @throws ConcurrentUpdateException if other writers kept winning
     * @throws io.github.aktenlift.spi.ProviderException if the storage fails
     */
    public List<JournalEvent> execute(Actor actor, Command command) {
        return loop.execute(actor, command);
    }

    /** @return queries over the tracking journal */
    public Tracking tracking() {
        return tracking;
    }

    /** @return ingest of scan deliveries: checks, PDF/A renditions, scan protocol */
    public Capture capture() {
        return capture;
    }

    /**
     * @return import of verified case files into the specialist procedure, with e-file matching
     * @throws IllegalStateException if no procedure was configured with {@link Builder#procedure}
     */
    public Imports imports() {
        if (imports == null) {
            throw new IllegalStateException("no specialist procedure configured: call procedure(...) on the builder");
        }
        return imports;
    }

    /**
     * @return digital intake: case files other authorities send digitally, registered as transfers
     *     without paper, imported through {@link #imports()}, and their outcomes to answer
     */
    public DigitalIntake digitalIntake() {
        return intake;
    }

    /** @return baseline import, reconciliation and barcode issuing */
    public Inventory inventory() {
        return inventory;
    }

    /** @return the pickup planner: proposes the next pickup of the files waiting at the office */
    public PickupPlanner pickupPlanner() {
        return planner;
    }

    /**
     * @return evidence renewal: document timestamps (PAdES B-LTA) on stored sealed renditions
     * @throws IllegalStateException if no sealer with a timestamp authority was configured with
     *     {@link Builder#sealing}
     * @since 0.2
     */
    public EvidenceRenewal evidenceRenewal() {
        if (renewal == null) {
            throw new IllegalStateException("no sealer with a timestamp authority configured: call sealing(...) on the builder");
        }
        return renewal;
    }

    /**
     * @return the reports: progress against a plan (HTML with charts, PDF/A) and a case file's audit
     *     report; they only read
     * @since 0.2
     */
    public Reports reports() {
        return reports;
    }

    /** @return the destruction run: lists of files due, confirmed with a certificate */
    public Destruction destruction() {
        return destruction;
    }

    /** @return the notifications of ongoing operation: what time makes due, and failed deliveries */
    public Notifications notifications() {
        return notifications;
    }

    /** @return the rules this instance applies */
    public Policies policies() {
        return loop.policies();
    }

    /**
     * The person a case file concerns. Personal data: for the embedding application's own use.
     *
     * @param caseFile a case file's barcode
     * @return its subject, or empty if no case file has that barcode
     */
    public Optional<Subject> subject(Barcode caseFile) {
        return loop.subject(caseFile);
    }

    /**
     * The live figures of this instance, for an operations team: pages captured, ingest and import
     * times, rejected case files by problem, pending imports, undelivered notifications, journal
     * size and append time, storage errors and retries. {@link io.github.aktenlift.metrics.AktenliftMetrics} publishes them
     * through Micrometer; see {@code docs/metrics.md}. The same object on every call.
     *
     * @return the statistics
     * @since 0.2
     */
    public Statistics statistics() {
        return statistics;
    }

    /**
     * The health of this instance, as {@link #health(Duration)} with a timeout of 10 seconds.
     *
     * @return the health now
     * @since 0.2
     */
    public Health health() {
        return health(Duration.ofSeconds(10));
    }

    /**
     * The health of this instance, for a health endpoint: whether the storage answers a read-only
     * probe, when the journal was verified at open, pending imports, undelivered notifications.
     * Changes no byte of storage. The storage is asked on a thread of its own: one that does not
     * answer within the timeout makes the status {@link Health.Status#DOWN}, and the thread is left
     * to finish on its own (a daemon).
     *
     * @param timeout how long to wait for the storage; positive
     * @return the health now
     * @throws InvalidValueException if the timeout is {@code null}, zero or negative
     * @since 0.2
     */
    public Health health(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new InvalidValueException("timeout", "must be positive");
        }
        return health.check(timeout);
    }

    /** Reads events that other instances sharing the storage have appended since. */
    public void refresh() {
        loop.refresh();
    }

    /** Releases this instance's resources. Does not close the storage, which the caller owns. */
    @Override
    public void close() {
        loop.close();
    }

    /**
     * Builds an {@link Aktenlift} and opens it: reads and checks the stored journal.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Storage storage;
        private Clock clock = Clock.systemUTC();
        private IdSource ids = IdSource.random();
        private Policies policies = Policies.defaults();
        private byte[] journalKey;
        private int checkpointInterval = 10_000;
        private Notifier notifier = Notifier.none();
        private SpecialistProcedure procedure;
        private int captureParallelism = Math.min(4, Runtime.getRuntime().availableProcessors());
        private EvidenceSealer sealer;
        private SealBatch sealBatch = SealBatch.perCaseFile();
        private OcrEngine ocr;

        private Builder() {
        }

        /**
         * @param storage where journal, subjects and content live (required)
         * @return this builder
         */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * @param clock the time source for every event (default: system UTC)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param ids where Aktenlift takes its own ids (default: random UUIDs)
         * @return this builder
         */
        public Builder ids(IdSource ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * @param policies the office's rules (default: {@link Policies#defaults()})
         * @return this builder
         */
        public Builder policies(Policies policies) {
            this.policies = Objects.requireNonNull(policies, "policies");
            return this;
        }

        /**
         * Hash the journal with HMAC-SHA-256 under this key instead of plain SHA-256, so that no one
         * without the key can forge a consistent chain. Every instance on the same journal needs the
         * same key, from the start.
         *
         * @param key at least 32 bytes
         * @return this builder
         */
        public Builder journalKey(byte[] key) {
            if (key == null || key.length < 32) {
                throw new InvalidValueException("journalKey", "must have at least 32 bytes");
            }
            this.journalKey = key.clone();
            return this;
        }

        /**
         * @param events write a checkpoint over all stream heads after this many events (default 10,000)
         * @return this builder
         */
        public Builder checkpointInterval(int events) {
            if (events < 1) {
                throw new InvalidValueException("checkpointInterval", "must be at least 1");
            }
            this.checkpointInterval = events;
            return this;
        }

        /**
         * @param notifier where notifications go (default: {@link Notifier#none()}); delivery is
         *     best effort after the change is recorded, see {@link Notifications}
         * @return this builder
         */
        public Builder notifier(Notifier notifier) {
            this.notifier = Objects.requireNonNull(notifier, "notifier");
            return this;
        }

        /**
         * @param procedure the specialist procedure that holds the e-files; needed for
         *     {@link Aktenlift#imports()} (default: none)
         * @return this builder
         */
        public Builder procedure(SpecialistProcedure procedure) {
            this.procedure = Objects.requireNonNull(procedure, "procedure");
            return this;
        }

        /**
         * How many case files of a delivery are captured at once. Where a protection level demands
         * seals and a sealer is configured, capture takes twice as many: a sealed case file waits
         * between its steps for the key and the timestamp authority (round trips to remote services
         * in production), and the others use the processors meanwhile.
         *
         * @param threads how many case files of a delivery are captured at once (default: the
         *     number of processors, at most 4)
         * @return this builder
         */
        public Builder captureParallelism(int threads) {
            if (threads < 1) {
                throw new InvalidValueException("captureParallelism", "must be at least 1");
            }
            this.captureParallelism = threads;
            return this;
        }

        /**
         * Seals and timestamps evidence (TR-RESISCAN): renditions and scan protocols of case files
         * whose {@link io.github.aktenlift.casefile.ProtectionProfile#sealing()} demands it, and,
         * when the sealer has a timestamp authority, every journal checkpoint at any level; deep
         * verification then checks every seal and token. The sealer is an SPI
         * ({@link EvidenceSealer}) because the core writes no CMS and depends on no adapter: the
         * sealing adapter's {@code PadesEvidenceSealer} implements it, or open one by URI with
         * {@link io.github.aktenlift.spi.Providers#evidenceSealer}. The caller owns and closes it.
         *
         * @param sealer the sealer (default: none, and policies that demand a seal refuse to start)
         * @return this builder
         * @since 0.2
         */
        public Builder sealing(EvidenceSealer sealer) {
            this.sealer = Objects.requireNonNull(sealer, "sealer");
            return this;
        }

        /**
         * How many case files of a delivery share the sealing key's two calls (renditions, then
         * protocols). Each product still gets a seal of its own; what changes is how often the key
         * (an HSM, a remote signing service that counts or asks for a release of every request) is
         * called: {@link SealBatch#perDelivery()} calls it twice per
         * delivery.
         *
         * @param batch the batch size (default: {@link SealBatch#perCaseFile()})
         * @return this builder
         * @since 0.2
         */
        public Builder sealBatch(SealBatch batch) {
            this.sealBatch = Objects.requireNonNull(batch, "batch");
            return this;
        }

        /**
         * The OCR engine that recognises pages for the renditions' invisible text layer where the
         * capture policy says so ({@link io.github.aktenlift.capture.OcrPolicy}); the Tesseract
         * adapter's {@code TesseractEngine} implements it. The caller owns it.
         *
         * @param engine the engine (default: none, and a policy that demands OCR refuses to start)
         * @return this builder
         * @since 0.2
         */
        public Builder ocr(OcrEngine engine) {
            this.ocr = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Opens the journal on the storage, checking every stored event.
         *
         * @return the instance
         * @throws JournalIntegrityException if the stored journal fails verification
         * @throws SealingConfigurationException if a protection level demands a seal the configured
         *     sealer cannot give (no sealer, no key, no timestamp authority, no qualified certificate)
         * @throws OcrConfigurationException if the capture policy demands OCR and no engine is
         *     configured, or the engine cannot run
         * @throws IllegalStateException if no storage was given
         */
        public Aktenlift build() {
            if (storage == null) {
                throw new IllegalStateException("Aktenlift needs a storage: call storage(...) before build()");
            }
            StartupChecks.sealing(policies, sealer);
            StartupChecks.ocr(policies, ocr);
            // every stage sees the storage through the counter of its failures, which changes nothing else
            Counters counters = new Counters();
            Storage counted = new CountingStorage(storage, counters);
            CommandLoop loop = CommandLoop.open(counted, clock, ids, policies, journalKey, checkpointInterval, counters);
            return new Aktenlift(this, counted, loop);
        }
    }
}
