package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * {@code bench}: capture against its limit, in one run on the same generated pages. Each round
 * measures, per page format: the floor (a {@code FileChannel} read with SHA-256, on one thread and
 * on as many threads as capture uses; and, on those threads, the same with each case file's pages
 * written into a new file that is forced: the durable floor), PDFBox passthrough on those threads,
 * img2pdf in as many processes (where it is installed),
 * the delivery check (every page rendered into nothing: capture's checks alone, on one thread), and
 * capture into the filesystem storage with fsync on and off, into the in-memory store, and — in a
 * fresh child JVM — the first capture (cold). Ratios are taken within a round; the table gives each
 * round and the medians.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the capture benchmark in a temporary directory: generates scanned pages (case files of"
                + " 5 documents of up to 10 single-sided sheets), then in each round times, on the same pages: reading"
                + " and hashing them on 1 thread and on capture's threads (the floor), the same and writing them into"
                + " one new file per case file, forced (the durable floor), PDFBox passthrough on capture's threads,"
                + " img2pdf in as many processes, the"
                + " delivery check (capture's checks alone, 1 thread), capture into filesystem storage with fsync on and"
                + " off and into the in-memory store, and"
                + " the first capture in a fresh JVM (cold). Prints pages/s per round, medians and ratios, and for the"
                + " capture with fsync on its peak heap, the process's CPU per page, how busy the cores were and the"
                + " JIT compilers' seconds.",
            "The page count is rounded up to fill the case files evenly."})
final class BenchCommand implements Callable<Integer> {

    private static final int DOCUMENTS = 5;
    private static final int MAX_SHEETS = 10;
    private static final List<String> WARM_UP_STORES = List.of("memory", "fs-fsync", "fs-nosync");

    private final Environment env;

    /** The img2pdf found at {@link #img2pdfCommand}, or null where it does not run. */
    private Img2Pdf img2pdf;

    @Option(names = "--pages", paramLabel = "N", defaultValue = "1000",
            description = "pages to generate and capture per format, 1 to 100000 (default: ${DEFAULT-VALUE})")
    private int pages;

    @Option(names = "--format", paramLabel = "jpeg|g4|both", defaultValue = "both",
            description = "page format: grayscale JPEG, bitonal G4 TIFF, or both sets (default: ${DEFAULT-VALUE})")
    private String format;

    @Option(names = "--dpi", paramLabel = "DPI", defaultValue = "300",
            description = "resolution of the A4 pages, 200 to 600 (default: ${DEFAULT-VALUE})")
    private int dpi;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "rounds, 1 to 20; the table gives each and their medians (default: ${DEFAULT-VALUE})")
    private int rounds;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "3",
            description = "warm-up steps before the first round, not counted, 0 to 20: each a capture (in turn into"
                    + " memory and the filesystem), a PDFBox passthrough and a delivery check of every set, so that the"
                    + " in-JVM peers are as warm as capture; the JIT goes on compiling for many captures after the"
                    + " first (the table shows its seconds in each round) (default: ${DEFAULT-VALUE})")
    private int warmUp;

    @Option(names = "--no-cold", description = "leave out the first capture in a fresh child JVM")
    private boolean noCold;

    @Option(names = "--child-jvm-option", paramLabel = "OPTION",
            description = "an option for the child JVM of the cold capture, such as -XX:SharedArchiveFile=aktenlift.jsa (repeatable)")
    private List<String> childOptions = new ArrayList<>();

    @Option(names = "--cds-archive", paramLabel = "FILE",
            description = "also time the cold capture with this class-data-sharing archive (the one the CLI's packaging"
                    + " builds, target/aktenlift-cli.jsa), next to the one without")
    private Path cdsArchive;

    @Option(names = "--img2pdf", paramLabel = "COMMAND", defaultValue = "img2pdf",
            description = "the img2pdf to time side by side, one process per case file, as many at once as capture has"
                    + " threads (Debian's package img2pdf; build/install-bench-tools.sh installs it); where it does not run,"
                    + " its figure is left out and the table says so (default: ${DEFAULT-VALUE})")
    private String img2pdfCommand;

    @Option(names = "--keep", description = "keep the temporary directory (corpus and storage) afterwards")
    private boolean keep;

    @Option(names = "--child-capture", hidden = true, paramLabel = "DIR",
            description = "internal: capture --corpus into a new workspace in DIR and print the seconds (the cold run)")
    private Path childCapture;

    @Option(names = "--corpus", hidden = true, paramLabel = "DIR", description = "internal: the delivery of --child-capture")
    private Path corpus;

    @Option(names = "--case-files", hidden = true, paramLabel = "N", defaultValue = "1",
            description = "internal: the case files of --child-capture")
    private int childCaseFiles;

    @Mixin
    private Options.Output output;

    BenchCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        if (childCapture != null) {
            if (corpus == null) {
                throw new UserException("--child-capture needs --corpus");
            }
            CaptureLimit.child(childCapture, corpus, childCaseFiles, env.clock(), env.ids(), System.out);
            return ExitCodes.OK;
        }
        List<DeliverySpec.Formats> formats = switch (format.toLowerCase(Locale.ROOT)) {
            case "jpeg", "jpg" -> List.of(DeliverySpec.Formats.JPEG);
            case "g4", "tiff" -> List.of(DeliverySpec.Formats.G4);
            case "both" -> List.of(DeliverySpec.Formats.JPEG, DeliverySpec.Formats.G4);
            default -> throw new UserException("--format must be jpeg, g4 or both, not '" + format + "'");
        };
        if (pages < 1 || pages > 100_000) {
            throw new UserException("--pages must be 1 to 100000, not " + pages);
        }
        if (dpi < 200 || dpi > 600) {
            throw new UserException("--dpi must be 200 to 600 (the capture policy's minimum is 200), not " + dpi);
        }
        if (cdsArchive != null && !Files.isRegularFile(cdsArchive)) {
            throw new UserException("--cds-archive: no such file: " + cdsArchive);
        }
        if (rounds < 1 || rounds > 20) {
            throw new UserException("--rounds must be 1 to 20, not " + rounds);
        }
        if (warmUp < 0 || warmUp > 20) {
            throw new UserException("--warm-up must be 0 to 20, not " + warmUp);
        }
        int perFile = DOCUMENTS * MAX_SHEETS;
        int files = (pages + perFile - 1) / perFile;
        int sheets = (pages + files * DOCUMENTS - 1) / (files * DOCUMENTS);
        img2pdf = Img2Pdf.find(img2pdfCommand);
        Progress progress = output.progress(env);
        Path tmp = Files.createTempDirectory("aktenlift-bench-");
        try {
            Map<DeliverySpec.Formats, CaptureLimit> sets = new LinkedHashMap<>();
            for (DeliverySpec.Formats f : formats) {
                sets.put(f, new CaptureLimit(generate(tmp.resolve(f.name().toLowerCase(Locale.ROOT)), f, files, sheets,
                        progress), tmp.resolve("scratch"), env.clock(), env.ids(), files));
            }
            Map<DeliverySpec.Formats, List<Round>> results = new LinkedHashMap<>();
            try (Progress.Task task = progress.start("warm-up and rounds", (long) formats.size() * (rounds + warmUp),
                    "steps")) {
                // not counted: the warm figures are for a JVM that has captured, into each kind of store, and
                // has run the in-JVM peers as often (unwarmed, PDFBox's G4 passthrough ran 7x slower in round 1
                // than in round 3, which flattered capture)
                for (int w = 0; w < warmUp; w++) {
                    for (CaptureLimit set : sets.values()) {
                        String store = WARM_UP_STORES.get(w % WARM_UP_STORES.size());
                        set.capture(store.equals("memory") && set.memoryStoreMissing() != null ? "fs-fsync" : store);
                        set.pdfbox(set.threads());
                        set.renderOnly();
                        task.advance(1);
                    }
                }
                for (int r = 1; r <= rounds; r++) {
                    for (Map.Entry<DeliverySpec.Formats, CaptureLimit> e : sets.entrySet()) {
                        results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(round(e.getValue()));
                        task.advance(1);
                    }
                }
                task.done();
            }
            Report report = new Report(dpi, warmUp, results, sets, img2pdfCommand, img2pdf);
            if (output.json) {
                Json.print(env.out(), report.toJson());
            } else {
                report.print(env.out());
            }
            return ExitCodes.OK;
        } finally {
            if (keep) {
                env.err().println("kept " + tmp);
            } else {
                Workspace.deleteTree(tmp);
            }
        }
    }

    private Path generate(Path dir, DeliverySpec.Formats formats, int files, int sheets, Progress progress)
            throws IOException {
        List<Barcode> barcodes;
        try (Aktenlift lift = Aktenlift.builder().storage(new InMemoryStorage()).clock(env.clock()).ids(env.ids()).build()) {
            barcodes = lift.inventory().issueCaseFileBarcodes(Actor.of("bench", "office"), files);
        }
        int expected = files * DOCUMENTS * sheets;
        try (Progress.Task task = progress.start("generate " + formats, expected, "pages")) {
            task.poll(() -> Ingests.pageFilesIn(dir));
            var delivery = ScanGenerator.writeDelivery(dir, DeliverySpec.builder().deliveryId("BENCH-" + formats)
                    .barcodes(barcodes.stream().map(Barcode::value).toList()).geometry(PageGeometry.a4(dpi))
                    .formats(formats).documentsPerFile(DOCUMENTS, DOCUMENTS).sheetsPerDocument(sheets, sheets)
                    .duplex(false).seed(7).clock(env.clock()).build());
            task.update(delivery.pages());
            task.done();
        }
        return dir;
    }

    /** One round over one set: every figure in seconds, and the load average before and after. */
    private Round round(CaptureLimit set) throws IOException {
        double loadBefore = CaptureLimit.loadAverage();
        Map<String, Double> seconds = new LinkedHashMap<>();
        CaptureLimit.Capture fsync = null;
        if (!noCold) {
            seconds.put(CaptureLimit.COLD, set.cold(childOptions));
            if (cdsArchive != null) {
                List<String> withCds = new ArrayList<>(childOptions);
                withCds.add("-XX:SharedArchiveFile=" + cdsArchive.toAbsolutePath());
                withCds.add("-Xshare:auto");
                seconds.put(CaptureLimit.COLD_CDS, set.cold(withCds));
            }
        }
        seconds.put(CaptureLimit.FLOOR_1, set.floor(1));
        seconds.put(floorN(set), set.floor(set.threads()));
        seconds.put(durableN(set), set.durableFloor(set.threads()));
        seconds.put(pdfboxN(set), set.pdfbox(set.threads()));
        if (img2pdf != null) {
            try {
                seconds.put(img2pdfN(set.threads()), set.img2pdf(img2pdf, set.threads()));
            } catch (IOException e) {
                // the tool, not the bench, is broken: one clear line, with what it printed
                throw new UserException("--img2pdf " + img2pdf.command() + " " + e.getMessage());
            }
        }
        seconds.put(CaptureLimit.RENDER_1, set.renderOnly());
        // the checks on capture's threads at best: the one-thread time divided by the threads
        seconds.put(renderN(set), seconds.get(CaptureLimit.RENDER_1) / set.threads());
        for (String store : set.memoryStoreMissing() == null ? List.of("fs-fsync", "fs-nosync", "memory")
                : List.of("fs-fsync", "fs-nosync")) {
            CaptureLimit.Capture c = set.capture(store);
            seconds.put(switch (store) {
                case "fs-fsync" -> CaptureLimit.FS_FSYNC;
                case "fs-nosync" -> CaptureLimit.FS_NOSYNC;
                default -> CaptureLimit.MEMORY;
            }, c.seconds());
            if (store.equals("fs-fsync")) {
                fsync = c;
            }
        }
        return new Round(seconds, loadBefore, CaptureLimit.loadAverage(), fsync);
    }

    static String floorN(CaptureLimit set) {
        return "floor: read + SHA-256, " + set.threads() + " threads";
    }

    static String durableN(CaptureLimit set) {
        return durableN(set.threads());
    }

    static String durableN(int threads) {
        return CaptureLimit.DURABLE + ", " + threads + " threads";
    }

    static String renderN(CaptureLimit set) {
        return renderN(set.threads());
    }

    static String renderN(int threads) {
        return "same, ideal on " + threads + " threads (1 thread's time ÷ " + threads + ")";
    }

    static String img2pdfN(int processes) {
        return CaptureLimit.IMG2PDF + ", " + processes + " processes";
    }

    static String pdfboxN(CaptureLimit set) {
        return CaptureLimit.PDFBOX + ", " + set.threads() + " threads";
    }

    /** One round: seconds by figure, load averages, and the capture into the filesystem with fsync on. */
    private record Round(Map<String, Double> seconds, double loadBefore, double loadAfter, CaptureLimit.Capture fsync) {

        long peakHeap() {
            return fsync.peakHeap();
        }

        /** Milliseconds of the process's CPU per page, all threads. */
        double cpuMsPerPage(int pages) {
            return fsync.cpuSeconds() * 1e3 / pages;
        }

        /** The share of the processors' time the process used: 1 when every core was busy throughout. */
        double busy() {
            return fsync.cpuSeconds() / (fsync.seconds() * Runtime.getRuntime().availableProcessors());
        }
    }

    /** The ratios the goals are about: numerator, denominator, and how they are labelled. */
    private record Ratio(String label, String numerator, String denominator) {
    }

    /** The figures of all rounds, printed as one table per format. */
    private record Report(int dpi, int warmUp, Map<DeliverySpec.Formats, List<Round>> results,
            Map<DeliverySpec.Formats, CaptureLimit> sets, String img2pdfCommand, Img2Pdf img2pdf) {

        /** Why img2pdf's figure is missing, for the table and the JSON. */
        String img2pdfMissing() {
            return "'" + img2pdfCommand + "' does not run here: its figure is left out (Debian's package img2pdf;"
                    + " build/install-bench-tools.sh installs it)";
        }

        List<Ratio> ratios(CaptureLimit set) {
            List<Ratio> r = new ArrayList<>();
            r.add(new Ratio("capture (fsync on) ÷ floor, 1 thread", CaptureLimit.FS_FSYNC, CaptureLimit.FLOOR_1));
            r.add(new Ratio("capture (fsync on) ÷ floor, " + set.threads() + " threads", CaptureLimit.FS_FSYNC,
                    floorN(set)));
            r.add(new Ratio("capture (fsync on) ÷ durable floor, " + set.threads() + " threads", CaptureLimit.FS_FSYNC,
                    durableN(set)));
            r.add(new Ratio("durable floor ÷ floor, " + set.threads() + " threads", durableN(set), floorN(set)));
            r.add(new Ratio("capture (fsync on) ÷ PDFBox, " + set.threads() + " threads", CaptureLimit.FS_FSYNC,
                    pdfboxN(set)));
            r.add(new Ratio("capture (fsync on) ÷ img2pdf, " + set.threads() + " processes", CaptureLimit.FS_FSYNC,
                    img2pdfN(set.threads())));
            r.add(new Ratio("render into nothing, ideal ÷ PDFBox (capture's bound)", renderN(set), pdfboxN(set)));
            r.add(new Ratio("capture (fsync on) ÷ render into nothing, ideal", CaptureLimit.FS_FSYNC, renderN(set)));
            r.add(new Ratio("capture (fsync off) ÷ capture (fsync on)", CaptureLimit.FS_NOSYNC, CaptureLimit.FS_FSYNC));
            r.add(new Ratio("capture (in memory) ÷ capture (fsync on)", CaptureLimit.MEMORY, CaptureLimit.FS_FSYNC));
            r.add(new Ratio("cold ÷ warm (fsync on)", CaptureLimit.COLD, CaptureLimit.FS_FSYNC));
            r.add(new Ratio("cold with AppCDS ÷ warm (fsync on)", CaptureLimit.COLD_CDS, CaptureLimit.FS_FSYNC));
            return r;
        }

        /** Pages/s of one figure in one round, or NaN where it was not measured. */
        static double rate(Round r, String figure, int pages) {
            Double s = r.seconds().get(figure);
            return s == null ? Double.NaN : pages / s;
        }

        static double median(double[] values) {
            double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (v.length == 0) {
                return Double.NaN;
            }
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        void print(PrintWriter out) {
            results.forEach((formats, rounds) -> {
                CaptureLimit set = sets.get(formats);
                out.printf(Locale.ROOT, "capture benchmark: %d %s pages (%d case files), A4 at %d dpi, %.1f MB, %d processors,"
                        + " capture on %d threads, max heap %d MiB, %d warm-up steps (a capture, PDFBox passthrough"
                        + " and the delivery check each)%n", set.pages, formats,
                        rounds.isEmpty() ? 0 : set.pagesByCaseFileCount(), dpi, set.bytes / 1e6,
                        Runtime.getRuntime().availableProcessors(), set.threads(), Runtime.getRuntime().maxMemory() >> 20,
                        warmUp);
                out.println(img2pdf == null ? "  img2pdf: " + img2pdfMissing() : "  img2pdf: " + img2pdf.version()
                        + " (" + img2pdf.command() + ")");
                if (set.memoryStoreMissing() != null) {
                    out.println("  " + CaptureLimit.MEMORY + ": " + set.memoryStoreMissing());
                }
                out.printf(Locale.ROOT, "  %-50s", "pages/s");
                for (int i = 1; i <= rounds.size(); i++) {
                    out.printf(Locale.ROOT, " %10s", "round " + i);
                }
                out.printf(Locale.ROOT, " %10s %10s%n", "median", "MB/s");
                for (String figure : rounds.get(0).seconds().keySet()) {
                    double[] v = rounds.stream().mapToDouble(r -> rate(r, figure, set.pages)).toArray();
                    out.printf(Locale.ROOT, "  %-50s", figure);
                    for (double d : v) {
                        out.printf(Locale.ROOT, " %10.0f", d);
                    }
                    double m = median(v);
                    out.printf(Locale.ROOT, " %10.0f %10.1f%n", m, m * set.bytes / set.pages / 1e6);
                }
                out.printf(Locale.ROOT, "  %-50s", "ratios, within each round");
                out.println();
                for (Ratio ratio : ratios(set)) {
                    double[] v = rounds.stream().mapToDouble(r -> rate(r, ratio.numerator(), set.pages)
                            / rate(r, ratio.denominator(), set.pages)).toArray();
                    if (Arrays.stream(v).allMatch(Double::isNaN)) {
                        continue;
                    }
                    out.printf(Locale.ROOT, "  %-50s", ratio.label());
                    for (double d : v) {
                        out.printf(Locale.ROOT, " %9.0f%%", 100 * d);
                    }
                    out.printf(Locale.ROOT, " %9.0f%%%n", 100 * median(v));
                }
                out.printf(Locale.ROOT, "  %-50s", "load average before / after");
                for (Round r : rounds) {
                    out.printf(Locale.ROOT, " %10s", String.format(Locale.ROOT, "%.1f/%.1f", r.loadBefore(), r.loadAfter()));
                }
                out.println();
                out.printf(Locale.ROOT, "  %-50s", "peak heap, capture fsync on (MiB)");
                for (Round r : rounds) {
                    out.printf(Locale.ROOT, " %10d", r.peakHeap() >> 20);
                }
                out.println();
                row(out, "process CPU per page, capture fsync on (ms)", rounds, r -> r.cpuMsPerPage(set.pages), "%10.2f");
                row(out, "cores busy, capture fsync on", rounds, r -> 100 * r.busy(), "%9.0f%%");
                row(out, "JIT compiling during capture fsync on (s)", rounds, r -> r.fsync().compileSeconds(), "%10.1f");
            });
        }

        private static void row(PrintWriter out, String label, List<Round> rounds, ToDoubleFunction<Round> value,
                String format) {
            out.printf(Locale.ROOT, "  %-50s", label);
            for (Round r : rounds) {
                double v = value.applyAsDouble(r);
                out.printf(Locale.ROOT, " " + (Double.isNaN(v) ? "%10s" : format), Double.isNaN(v) ? "-" : v);
            }
            out.println();
        }

        ObjectNode toJson() {
            ObjectNode root = Json.object();
            root.put("dpi", dpi).put("warmUpCaptures", warmUp).put("processors", Runtime.getRuntime().availableProcessors())
                    .put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            if (img2pdf != null) {
                root.put("img2pdf", img2pdf.version());
            } else {
                root.put("img2pdfMissing", img2pdfMissing());
            }
            ArrayNode sets = root.putArray("sets");
            results.forEach((formats, rounds) -> {
                CaptureLimit set = this.sets.get(formats);
                ObjectNode s = sets.addObject();
                s.put("format", formats.name()).put("pages", set.pages).put("bytes", set.bytes)
                        .put("captureThreads", set.threads());
                if (set.memoryStoreMissing() != null) {
                    s.put("inMemoryMissing", set.memoryStoreMissing());
                }
                ArrayNode rs = s.putArray("rounds");
                for (Round r : rounds) {
                    ObjectNode o = rs.addObject();
                    o.put("loadBefore", r.loadBefore()).put("loadAfter", r.loadAfter()).put("peakHeapBytes", r.peakHeap());
                    putFinite(o, "cpuMillisPerPage", r.cpuMsPerPage(set.pages));
                    putFinite(o, "coresBusy", r.busy());
                    putFinite(o, "jitSeconds", r.fsync().compileSeconds());
                    ObjectNode f = o.putObject("pagesPerSecond");
                    r.seconds().forEach((k, v) -> f.put(k, set.pages / v));
                    ObjectNode ra = o.putObject("ratios");
                    for (Ratio ratio : ratios(set)) {
                        double v = rate(r, ratio.numerator(), set.pages) / rate(r, ratio.denominator(), set.pages);
                        if (!Double.isNaN(v)) {
                            ra.put(ratio.label(), v);
                        }
                    }
                }
                ObjectNode m = s.putObject("medianPagesPerSecond");
                for (String figure : rounds.get(0).seconds().keySet()) {
                    m.put(figure, median(rounds.stream().mapToDouble(r -> rate(r, figure, set.pages)).toArray()));
                }
                ObjectNode mr = s.putObject("medianRatios");
                for (Ratio ratio : ratios(set)) {
                    double v = median(rounds.stream().mapToDouble(r -> rate(r, ratio.numerator(), set.pages)
                            / rate(r, ratio.denominator(), set.pages)).toArray());
                    if (!Double.isNaN(v)) {
                        mr.put(ratio.label(), v);
                    }
                }
            });
            return root;
        }

        /** JSON has no NaN: a figure the JVM does not tell is left out. */
        private static void putFinite(ObjectNode o, String name, double v) {
            if (Double.isFinite(v)) {
                o.put(name, v);
            }
        }
    }
}
