package io.github.aktenlift.metrics;

import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.capture.CaptureProblem;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apiguardian.api.API;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Publishes an instance's {@link Statistics} as Micrometer meters: pull-based function counters,
 * function timers and gauges that read the instance's own counters when the registry is scraped,
 * so the instance's hot paths never call Micrometer. Every meter is listed, with its type, tags and
 * meaning, in {@code docs/metrics.md}.
 *
 * <pre>{@code
 * new AktenliftMetrics(lift, Tags.of("office", "ABH-Nord")).bindTo(registry);
 * }</pre>
 *
 * <p>Micrometer ({@code io.micrometer:micrometer-core}) is an optional dependency of Aktenlift:
 * add it to use this class; nothing else in Aktenlift needs it. The meters hold the instance
 * weakly, as Micrometer's function meters do; after {@link Aktenlift#close()} they report what
 * they last could. Bind one instance once per registry.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
// its signature names Micrometer types, which core reads only "requires static": a user of this class adds Micrometer
@SuppressWarnings("exports")
public final class AktenliftMetrics implements MeterBinder {

    private final Statistics stats;
    private final Iterable<Tag> tags;

    /**
     * @param lift the instance to publish
     * @throws NullPointerException if it is {@code null}
     */
    public AktenliftMetrics(Aktenlift lift) {
        this(lift, Tags.empty());
    }

    /**
     * @param lift the instance to publish
     * @param tags added to every meter, for example to tell several instances apart
     * @throws NullPointerException if an argument is {@code null}
     */
    public AktenliftMetrics(Aktenlift lift, Iterable<Tag> tags) {
        this.stats = Objects.requireNonNull(lift, "lift").statistics();
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bindCapture(registry);
        bindImport(registry);
        bindJournal(registry);
        bindStorage(registry);
        Gauge.builder("aktenlift.notification.undelivered", stats, s -> s.undeliveredNotifications())
                .description("notifications that could not be delivered and wait in storage for redelivery")
                .baseUnit("notifications").tags(tags).register(registry);
    }

    private void bindCapture(MeterRegistry registry) {
        counter(registry, "aktenlift.capture.pages", Statistics::capturedPages, "pages",
                "pages of the case files captured", Tags.empty());
        counter(registry, "aktenlift.capture.bytes", Statistics::capturedBytes, "bytes",
                "bytes of the page images of the case files captured", Tags.empty());
        FunctionTimer.builder("aktenlift.capture.ingest", stats, Statistics::ingests, Statistics::ingestNanos,
                TimeUnit.NANOSECONDS).description("ingest of a scan delivery, from reading its index to its report")
                .tags(tags).register(registry);
        for (Statistics.CaseFileOutcome o : Statistics.CaseFileOutcome.values()) {
            counter(registry, "aktenlift.capture.case.files", s -> s.caseFiles(o), "case.files",
                    "case files of ingested deliveries, by outcome", Tags.of("outcome", tag(o)));
        }
        for (CaptureProblem.Kind k : CaptureProblem.Kind.values()) {
            counter(registry, "aktenlift.capture.rejected", s -> s.rejectedCaseFiles(k), "case.files",
                    "rejected case files with at least one problem of the kind", Tags.of("problem", tag(k)));
        }
    }

    private void bindImport(MeterRegistry registry) {
        for (Statistics.ImportOutcome o : Statistics.ImportOutcome.values()) {
            FunctionTimer.builder("aktenlift.import.attempts", stats, s -> s.importAttempts(o), s -> s.importNanos(o),
                    TimeUnit.NANOSECONDS).description("import attempts of a case file into the e-file, by outcome")
                    .tags(tags).tag("outcome", tag(o)).register(registry);
        }
        for (Statistics.ImportQueue q : Statistics.ImportQueue.values()) {
            gauge(registry, "aktenlift.import.pending", s -> s.imports(q), "case.files",
                    "verified case files on their way into the e-file, by stage", Tags.of("stage", tag(q)));
        }
    }

    private void bindJournal(MeterRegistry registry) {
        gauge(registry, "aktenlift.journal.events", Statistics::journalEvents, "events",
                "events in the tracking journal", Tags.empty());
        gauge(registry, "aktenlift.journal.size", Statistics::journalBytes, "bytes",
                "stored size of the journal's events", Tags.empty());
        FunctionTimer.builder("aktenlift.journal.append", stats, Statistics::journalAppends,
                Statistics::journalAppendNanos, TimeUnit.NANOSECONDS)
                .description("appending a command's events to the journal and anchoring its head")
                .tags(tags).register(registry);
    }

    private void bindStorage(MeterRegistry registry) {
        for (Statistics.Store store : Statistics.Store.values()) {
            for (Statistics.StorageError error : Statistics.StorageError.values()) {
                counter(registry, "aktenlift.storage.errors", s -> s.storageErrors(store, error), "errors",
                        "failed storage calls, by store and kind", Tags.of("store", tag(store), "error", tag(error)));
            }
        }
        counter(registry, "aktenlift.storage.retries", Statistics::storageRetries, "retries",
                "conditional writes that lost to another writer and were tried again", Tags.empty());
    }

    private void counter(MeterRegistry registry, String name, ToLongFunction<Statistics> f, String unit,
            String description, Tags extra) {
        ToDoubleFunction<Statistics> d = s -> f.applyAsLong(s);
        FunctionCounter.builder(name, stats, d).description(description).baseUnit(unit).tags(tags).tags(extra)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, ToLongFunction<Statistics> f, String unit,
            String description, Tags extra) {
        ToDoubleFunction<Statistics> d = s -> f.applyAsLong(s);
        Gauge.builder(name, stats, d).description(description).baseUnit(unit).tags(tags).tags(extra)
                .register(registry);
    }

    /** Micrometer's tag style: lower case, words joined by an underscore kept as the enum has them. */
    private static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
