package io.github.aktenlift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.capture.InvalidDeliveryException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.tracking.DeepVerificationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Capture under hostile input (issue 21, Build 7): a seeded fuzz suite over a good delivery of
 * three case files — structural mutations of the index, path tricks, corrupted images, special
 * files. Each case runs on a fresh office with the three case files {@code PREPARED} and asserts:
 * the ingest ends within its time with a report or an {@link InvalidDeliveryException}, never
 * another exception; a case file not captured is still {@code PREPARED} and nothing is stored
 * under its barcode; a mutation that must hold up its case file does; every problem names what is
 * wrong in words, never a bare exception class; deep verification is clean; the heap stays within
 * its bound.
 *
 * <p>{@code -Daktenlift.fuzz.seed=N} and {@code -Daktenlift.fuzz.cases=N} (default 240) run other
 * or more cases; a failure names the seed and case number to replay it.
 */
@DisplayName("Capture fuzzing")
class CaptureFuzzTest {

    private static final long SEED = Long.getLong("aktenlift.fuzz.seed", 20_261_202L);
    private static final int CASES = Integer.getInteger("aktenlift.fuzz.cases", 240);
    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final Policies POLICIES =
            Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A bare class name where words belong: "EOFException", "NullPointerException". */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b");

    @TempDir
    static Path tmp;

    private static Path base;
    private static List<String> barcodes;

    /** What a mutation promises about its outcome besides the invariants. */
    enum Expect {
        /** Only the invariants. */
        ANY,
        /** The target case file is not captured (or the whole delivery is refused). */
        TARGET_HELD_UP,
        /** The whole delivery is refused with {@link InvalidDeliveryException}. */
        DELIVERY_REFUSED
    }

    /** One applied mutation: what was done, to which case file, and what must follow. */
    record Applied(String what, String target, Expect expect) {
    }

    @FunctionalInterface
    interface Mutation {
        Applied apply(Random r, Path delivery) throws IOException;
    }

    @BeforeAll
    static void goodDelivery() throws IOException {
        try (Office o = office()) {
            barcodes = o.prepareMany(3).stream().map(Barcode::value).toList();
        }
        base = tmp.resolve("base");
        ScanGenerator.writeDelivery(base, DeliverySpec.builder().deliveryId("D-FUZZ").geometry(PAGE).seed(7)
                .barcodes(barcodes).documentsPerFile(1, 2).sheetsPerDocument(1, 2)
                .formats(DeliverySpec.Formats.MIXED).build());
        // the unmutated delivery is captured whole: every case below starts from a good one
        try (Office o = office()) {
            o.prepareMany(3);
            IngestReport report = o.lift.capture().ingest(o.scanner, base);
            assertThat(report.rejected()).as("%s", report.problems()).isEmpty();
            assertThat(report.captured()).hasSize(3);
        }
    }

    private static Office office() {
        return new Office(new InMemoryStorage(), new MutableClock(Office.START), POLICIES);
    }

    @TestFactory
    @DisplayName("seeded cases: every outcome typed, nothing kept for what was held up, the journal's objects intact")
    Stream<DynamicTest> fuzz() {
        List<Mutation> mutations = mutations();
        Random seeds = new Random(SEED);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            long seed = seeds.nextLong();
            Mutation m = mutations.get(i % mutations.size());
            int n = i;
            tests.add(DynamicTest.dynamicTest("case " + n, () -> runCase(n, seed, m)));
        }
        return tests.stream();
    }

    private void runCase(int n, long seed, Mutation mutation) throws IOException {
        Path delivery = tmp.resolve("case-" + n);
        copy(base, delivery);
        Applied applied = mutation.apply(new Random(seed), delivery);
        String replay = "case " + n + " (seed " + SEED + ", case seed " + seed + "): " + applied.what();
        long heapLimit = Runtime.getRuntime().maxMemory() * 3 / 4;
        try (Office o = office()) {
            o.prepareMany(3);
            long eventsBefore = o.journalLength();
            Optional<IngestReport> report = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try {
                    return Optional.of(o.lift.capture().ingest(o.scanner, delivery));
                } catch (InvalidDeliveryException e) {
                    assertWords(replay, e.getMessage());
                    return Optional.empty();
                }
            }, replay);

            if (applied.expect() == Expect.DELIVERY_REFUSED) {
                assertThat(report).as(replay + ": the delivery must be refused").isEmpty();
            }
            if (report.isEmpty()) {
                assertThat(o.journalLength()).as(replay + ": a refused delivery records nothing")
                        .isEqualTo(eventsBefore);
            }
            Set<String> captured = report.map(r -> r.captured().stream().map(CaseFileOutcome.Captured::barcode)
                    .collect(java.util.stream.Collectors.toSet())).orElse(Set.of());
            if (applied.expect() == Expect.TARGET_HELD_UP && applied.target() != null) {
                assertThat(captured).as(replay + ": the mutated case file must be held up").doesNotContain(applied.target());
            }
            for (CaptureProblem p : report.map(IngestReport::problems).orElse(List.of())) {
                assertWords(replay, p.toString());
            }
            for (String bc : barcodes) {
                CaseFileState state = o.lift.tracking().whereIs(Barcode.of(bc)).orElseThrow().state();
                if (captured.contains(bc)) {
                    assertThat(state).as(replay).isIn(CaseFileState.CAPTURED, CaseFileState.VERIFIED);
                } else {
                    assertThat(state).as(replay + ": " + bc + " not captured").isEqualTo(CaseFileState.PREPARED);
                    assertThat(storedUnder(o, bc)).as(replay + ": objects kept for " + bc + ", which was held up").isEmpty();
                }
            }
            DeepVerificationReport deep = o.lift.tracking().verifyDeep();
            assertThat(deep.isIntact()).as(replay + ": " + deep).isTrue();
        }
        assertThat(liveHeapAfterLastGc()).as(replay + ": heap live after the last collection").isLessThan(heapLimit);
        deleteTree(delivery);
    }

    /**
     * What the heap held after its last collection: live data, not garbage waiting to be collected.
     * Reached reflectively: the tests compile patched into the core module, which does not read
     * java.management; at run time they are on the class path, which does.
     */
    private static long liveHeapAfterLastGc() {
        try {
            long used = 0;
            Class<?> pool = Class.forName("java.lang.management.MemoryPoolMXBean");
            Class<?> usage = Class.forName("java.lang.management.MemoryUsage");
            List<?> pools = (List<?>) Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getMemoryPoolMXBeans").invoke(null);
            for (Object p : pools) {
                Object type = pool.getMethod("getType").invoke(p);
                Object after = pool.getMethod("getCollectionUsage").invoke(p);
                if ("HEAP".equals(String.valueOf(((Enum<?>) type).name())) && after != null) {
                    used += (long) usage.getMethod("getUsed").invoke(after);
                }
            }
            return used;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no memory pools in this JVM", e);
        }
    }

    private static void assertWords(String replay, String message) {
        assertThat(message).as(replay + ": a message in words, not a class name").doesNotContainPattern(CLASS_NAME);
    }

    /** Content keys that name the barcode (renditions, protocols), whatever the layout. */
    private static List<String> storedUnder(Office o, String barcode) {
        List<String> found = new ArrayList<>();
        Optional<io.github.aktenlift.spi.storage.Key> after = Optional.empty();
        while (true) {
            var page = o.storage.content().list("", after, 1000);
            for (ContentInfo c : page.items()) {
                if (c.key().value().contains(barcode)) {
                    found.add(c.key().value());
                }
            }
            if (page.next().isEmpty()) {
                return found;
            }
            after = page.next();
        }
    }

    // ---- mutations -------------------------------------------------------------------------------

    private static List<Mutation> mutations() {
        List<Mutation> m = new ArrayList<>();
        // the index's structure
        m.add((r, d) -> {
            ObjectNode index = index(d);
            List<String> removed = new ArrayList<>();
            JsonNode cf = caseFile(index, r);
            String target = cf.path("barcode").asText(null);
            removeRandomField(r, cf, "", removed);
            write(d, index);
            return new Applied("field removed: " + removed, target, Expect.ANY);
        });
        m.add((r, d) -> {
            ObjectNode index = index(d);
            JsonNode cf = caseFile(index, r);
            String target = cf.path("barcode").asText(null);
            String what = retypeRandomField(r, cf);
            write(d, index);
            // a field of the wrong type is an error; only the case file it belongs to is held up
            return new Applied("field retyped: " + what, target, Expect.TARGET_HELD_UP);
        });
        m.add((r, d) -> {
            String text = Files.readString(d.resolve("index.json"));
            int at = text.indexOf('{') + 1;
            write(d, text.substring(0, at) + "\"deliveryId\":\"D-OTHER\"," + text.substring(at));
            return new Applied("duplicate key deliveryId", null, Expect.DELIVERY_REFUSED);
        });
        m.add((r, d) -> {
            byte[] b = Files.readAllBytes(d.resolve("index.json"));
            int cut = 1 + r.nextInt(b.length - 2);
            Files.write(d.resolve("index.json"), java.util.Arrays.copyOf(b, cut));
            return new Applied("index cut at byte " + cut, null, Expect.DELIVERY_REFUSED);
        });
        m.add((r, d) -> {
            String text = Files.readString(d.resolve("index.json"));
            String[] garbage = {"x", "{}", "]", "\u0000", "{\"format\":1}", "// comment"};
            String g = garbage[r.nextInt(garbage.length)];
            write(d, text + "\n" + g);
            return new Applied("trailing content " + JSON.writeValueAsString(g), null, Expect.DELIVERY_REFUSED);
        });
        m.add((r, d) -> {
            byte[] b = Files.readAllBytes(d.resolve("index.json"));
            int flips = 1 + r.nextInt(4);
            StringBuilder at = new StringBuilder();
            for (int i = 0; i < flips; i++) {
                int p = r.nextInt(b.length);
                b[p] ^= (byte) (1 << r.nextInt(8));
                at.append(p).append(' ');
            }
            Files.write(d.resolve("index.json"), b);
            return new Applied("index bits flipped at " + at.toString().trim(), null, Expect.ANY);
        });
        m.add((r, d) -> {
            String text = Files.readString(d.resolve("index.json"));
            boolean utf16 = r.nextBoolean();
            Files.write(d.resolve("index.json"), utf16 ? text.getBytes(StandardCharsets.UTF_16)
                    : concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)));
            return new Applied(utf16 ? "index in UTF-16" : "index with a byte order mark", null, Expect.DELIVERY_REFUSED);
        });
        m.add((r, d) -> {
            ObjectNode index = index(d);
            ObjectNode cf = (ObjectNode) caseFile(index, r);
            String[] bad = {"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-03-04T25:00:00Z", "yesterday", ""};
            String v = bad[r.nextInt(bad.length)];
            cf.put("scannedAt", v);
            write(d, index);
            return new Applied("impossible scannedAt " + JSON.writeValueAsString(v), cf.path("barcode").asText(),
                    Expect.TARGET_HELD_UP);
        });
        m.add((r, d) -> {
            ObjectNode index = index(d);
            String[] ids = {".", "..", "", "D/1", "D\\1", "D 1", "Ä", "x".repeat(65)};
            String v = ids[r.nextInt(ids.length)];
            index.put("deliveryId", v);
            write(d, index);
            return new Applied("deliveryId " + JSON.writeValueAsString(v), null, Expect.DELIVERY_REFUSED);
        });
        // pages: paths
        m.add((r, d) -> {
            ObjectNode index = index(d);
            JsonNode cf = caseFile(index, r);
            ObjectNode page = page(cf, r);
            String[] tricks = {"../outside.jpg", "/etc/hostname", "..", ".", "a\\b.jpg", "C:/x.jpg", "a\u0000b.jpg",
                    cf.path("barcode").asText() + "/../../x.jpg", "", "%2e%2e/x.jpg", "sehr-schöne-seite.jpg",
                    cf.path("barcode").asText() + "/" + "y".repeat(300) + ".jpg"};
            String v = tricks[r.nextInt(tricks.length)];
            page.put("file", v);
            write(d, index);
            return new Applied("page file " + JSON.writeValueAsString(v), cf.path("barcode").asText(), Expect.TARGET_HELD_UP);
        });
        m.add((r, d) -> {
            ObjectNode index = index(d);
            JsonNode cf = caseFile(index, r);
            ObjectNode page = page(cf, r);
            Path file = d.resolve(page.path("file").asText().replaceFirst("#\\d+$", ""));
            Path outside = tmp.resolve("outside-" + r.nextInt(1_000_000) + ".bin");
            Files.copy(file, outside);
            Files.delete(file);
            ObjectNode otherPage = page(cf, r);
            Path other = d.resolve(otherPage.path("file").asText().replaceFirst("#\\d+$", ""));
            boolean toOutside = r.nextBoolean() || other.equals(file);
            Files.createSymbolicLink(file, toOutside ? outside : other);
            if (!toOutside) { // the link's target matches what the index says of the page: only the link is wrong
                for (String f : List.of("sha256", "colorMode", "resolutionDpi")) {
                    page.set(f, otherPage.get(f));
                }
                write(d, index);
            }
            return new Applied("page as a link " + (toOutside ? "outside" : "to another page"), cf.path("barcode").asText(),
                    Expect.TARGET_HELD_UP);
        });
        m.add((r, d) -> {
            ObjectNode index = index(d);
            JsonNode cf = caseFile(index, r);
            ObjectNode page = page(cf, r);
            Path file = d.resolve(page.path("file").asText().replaceFirst("#\\d+$", ""));
            Files.delete(file);
            boolean fifo = r.nextBoolean() && mkfifo(file);
            if (!fifo) {
                Files.createDirectory(file);
            }
            return new Applied("page as a " + (fifo ? "FIFO" : "directory"), cf.path("barcode").asText(), Expect.TARGET_HELD_UP);
        });
        m.add((r, d) -> {
            ObjectNode index = index(d);
            JsonNode cf = caseFile(index, r);
            ObjectNode page = page(cf, r);
            Files.delete(d.resolve(page.path("file").asText().replaceFirst("#\\d+$", "")));
            return new Applied("page file missing", cf.path("barcode").asText(), Expect.TARGET_HELD_UP);
        });
        m.add((r, d) -> {
            // case file A's page taken from case file B's folder (its hash matches: B's bytes)
            ObjectNode index = index(d);
            ArrayNode cfs = (ArrayNode) index.get("caseFiles");
            int a = r.nextInt(cfs.size());
            int b = (a + 1 + r.nextInt(cfs.size() - 1)) % cfs.size();
            ObjectNode pa = page(cfs.get(a), r);
            ObjectNode pb = page(cfs.get(b), r);
            deleteUnlessShared(d, cfs, pa);
            pa.set("file", pb.get("file"));
            pa.set("sha256", pb.get("sha256"));
            pa.set("colorMode", pb.get("colorMode"));
            pa.set("resolutionDpi", pb.get("resolutionDpi"));
            write(d, index);
            return new Applied("page of another case file's folder", cfs.get(a).path("barcode").asText(),
                    Expect.TARGET_HELD_UP);
        });
        m.add((r, d) -> {
            // one image file for two pages of one case file
            ObjectNode index = index(d);
            JsonNode cf = caseFile(index, r);
            List<ObjectNode> pages = pages(cf);
            if (pages.size() < 2) {
                return new Applied("one image for two pages: only one page, nothing changed", null, Expect.ANY);
            }
            ObjectNode p1 = pages.get(0);
            ObjectNode p2 = pages.get(1 + r.nextInt(pages.size() - 1));
            deleteUnlessShared(d, (ArrayNode) index.get("caseFiles"), p2);
            for (String f : List.of("file", "sha256", "colorMode", "resolutionDpi")) {
                p2.set(f, p1.get(f));
            }
            write(d, index);
            return new Applied("one image file for two pages", cf.path("barcode").asText(), Expect.TARGET_HELD_UP);
        });
        // pages: bytes
        m.add((r, d) -> {
            ObjectNode index = index(d);
            JsonNode cf = caseFile(index, r);
            ObjectNode page = page(cf, r);
            Path file = d.resolve(page.path("file").asText().replaceFirst("#\\d+$", ""));
            byte[] b = Files.readAllBytes(file);
            int p = r.nextInt(b.length);
            b[p] ^= (byte) (1 << r.nextInt(8));
            Files.write(file, b);
            return new Applied("page bit flipped at " + p + ", hash not updated", cf.path("barcode").asText(),
                    Expect.TARGET_HELD_UP);
        });
        m.add((r, d) -> {
            ObjectNode index = index(d);
            JsonNode cf = caseFile(index, r);
            ObjectNode page = page(cf, r);
            Path file = d.resolve(page.path("file").asText().replaceFirst("#\\d+$", ""));
            byte[] b = Files.readAllBytes(file);
            String what;
            if (r.nextBoolean()) {
                int cut = r.nextInt(b.length);
                b = java.util.Arrays.copyOf(b, cut);
                what = "page cut at byte " + cut;
            } else {
                int flips = 1 + r.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                what = flips + " page bytes overwritten";
            }
            Files.write(file, b);
            page.put("sha256", sha256(b));
            write(d, index);
            // the hash matches what is there: a change inside compressed data may still decode
            return new Applied(what + ", hash updated", cf.path("barcode").asText(), Expect.ANY);
        });
        m.add((r, d) -> {
            ObjectNode index = index(d);
            JsonNode cf = caseFile(index, r);
            ObjectNode page = page(cf, r);
            String[] modes = {"COLOR", "BITONAL", "GRAYSCALE"};
            String was = page.path("colorMode").asText();
            String v = modes[r.nextInt(modes.length)];
            if (v.equals(was)) {
                v = was.equals("COLOR") ? "BITONAL" : "COLOR";
            }
            page.put("colorMode", v);
            write(d, index);
            return new Applied("colour mode " + was + " declared " + v, cf.path("barcode").asText(), Expect.TARGET_HELD_UP);
        });
        // the index as a special file
        m.add((r, d) -> {
            Path index = d.resolve("index.json");
            Files.delete(index);
            int kind = r.nextInt(3);
            String what = switch (kind) {
                case 0 -> mkfifo(index) ? "index as a FIFO" : dir(index);
                case 1 -> dir(index);
                default -> {
                    Files.createSymbolicLink(index, Path.of("/dev/zero"));
                    yield "index linked to /dev/zero";
                }
            };
            return new Applied(what, null, Expect.DELIVERY_REFUSED);
        });
        return m;
    }

    /**
     * Deletes the page's image file unless another page of the index uses the same file, so that
     * the folder holds no file the index does not list and only the mutation itself is wrong.
     */
    private static void deleteUnlessShared(Path d, ArrayNode caseFiles, ObjectNode page) throws IOException {
        String file = page.path("file").asText().replaceFirst("#\\d+$", "");
        int users = 0;
        for (JsonNode cf : caseFiles) {
            for (ObjectNode p : pages(cf)) {
                if (p.path("file").asText().replaceFirst("#\\d+$", "").equals(file)) {
                    users++;
                }
            }
        }
        if (users == 1) {
            Files.deleteIfExists(d.resolve(file));
        }
    }

    private static String dir(Path p) throws IOException {
        Files.createDirectory(p);
        return "index as a directory";
    }

    private static boolean mkfifo(Path p) {
        try {
            Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            return proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0
                    && Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ObjectNode index(Path d) throws IOException {
        return (ObjectNode) JSON.readTree(d.resolve("index.json").toFile());
    }

    private static void write(Path d, ObjectNode index) throws IOException {
        JSON.writeValue(d.resolve("index.json").toFile(), index);
    }

    private static void write(Path d, String text) throws IOException {
        Files.writeString(d.resolve("index.json"), text);
    }

    private static JsonNode caseFile(ObjectNode index, Random r) {
        ArrayNode cfs = (ArrayNode) index.get("caseFiles");
        return cfs.get(r.nextInt(cfs.size()));
    }

    private static List<ObjectNode> pages(JsonNode caseFile) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode doc : caseFile.path("documents")) {
            for (JsonNode p : doc.path("pages")) {
                out.add((ObjectNode) p);
            }
        }
        return out;
    }

    private static ObjectNode page(JsonNode caseFile, Random r) {
        List<ObjectNode> pages = pages(caseFile);
        return pages.get(r.nextInt(pages.size()));
    }

    /** Removes one field somewhere below the node; records its path. */
    private static void removeRandomField(Random r, JsonNode node, String path, List<String> removed) {
        if (node instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(r.nextInt(names.size()));
            JsonNode child = o.get(name);
            if (child.isContainerNode() && child.size() > 0 && r.nextInt(3) > 0) {
                removeRandomField(r, child, path + "/" + name, removed);
            } else {
                o.remove(name);
                removed.add(path + "/" + name);
            }
        } else if (node instanceof ArrayNode a && a.size() > 0) {
            int i = r.nextInt(a.size());
            removeRandomField(r, a.get(i), path + "/" + i, removed);
        }
    }

    /** Replaces one scalar field below the node by a value of another type; says which. */
    private static String retypeRandomField(Random r, JsonNode cf) {
        List<Map.Entry<ObjectNode, String>> scalars = new ArrayList<>();
        collectScalars(cf, scalars);
        Map.Entry<ObjectNode, String> e = scalars.get(r.nextInt(scalars.size()));
        JsonNode was = e.getKey().get(e.getValue());
        JsonNode now;
        if (was.isNumber()) {
            JsonNode[] options = {TextNode.valueOf(was.asText()), JSON.getNodeFactory().numberNode(was.asDouble() + 0.5),
                    JSON.getNodeFactory().booleanNode(true), JSON.getNodeFactory().arrayNode()};
            now = options[r.nextInt(options.length)];
        } else if (was.isBoolean()) {
            JsonNode[] options = {TextNode.valueOf(was.asText()), JSON.getNodeFactory().numberNode(1)};
            now = options[r.nextInt(options.length)];
        } else {
            // a document's date may be null ("if known"), so null is no wrong type there
            JsonNode[] options = e.getValue().equals("date")
                    ? new JsonNode[] {JSON.getNodeFactory().numberNode(3), JSON.getNodeFactory().booleanNode(false),
                        JSON.getNodeFactory().objectNode()}
                    : new JsonNode[] {JSON.getNodeFactory().numberNode(3), JSON.getNodeFactory().booleanNode(false),
                        JSON.getNodeFactory().objectNode(), JSON.getNodeFactory().nullNode()};
            now = options[r.nextInt(options.length)];
        }
        e.getKey().set(e.getValue(), now);
        return e.getValue() + ": " + was + " → " + now;
    }

    private static void collectScalars(JsonNode node, List<Map.Entry<ObjectNode, String>> out) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> f : o.properties()) {
                if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                    out.add(Map.entry(o, f.getKey()));
                } else {
                    collectScalars(f.getValue(), out);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(c -> collectScalars(c, out));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            fail("cannot clean up " + root + ": " + e);
        }
    }
}
