package io.github.aktenlift.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A page name with letters that the JVM's file-name encoding cannot represent ({@code LC_ALL=C}):
 * the path check throws {@link java.nio.file.InvalidPathException}. It must become a problem of
 * that case file naming the page, and the other case files go through, in a JVM started under
 * that locale.
 */
@DisplayName("A page name the system cannot represent")
class UnrepresentablePageNameTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final String NAME = "Seite-\u00e4\u00f6\u00fc.jpg";

    @TempDir
    Path tmp;

    /** The same office in both JVMs: same policies, same barcodes, prepared the same way. */
    static Office office() {
        return Office.of(new InMemoryStorage(), Policies.defaults()
                .withCapture(CapturePolicy.defaults().withMinimumDpi(100)), Notifier.none());
    }

    @Test
    @DisplayName("under LC_ALL=C is a problem of its case file naming the page; the other case file is captured")
    void invalidPathIsAProblemOfItsCaseFile() throws Exception {
        assumeTrue(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).newEncoder().canEncode(NAME),
                "this JVM cannot write the file name either");
        List<Barcode> files;
        try (Office o = office()) {
            files = o.prepareMany(2);
        }
        Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), DeliverySpec.builder().deliveryId("D-U")
                .geometry(PAGE).seed(5).barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(1, 1)
                .sheetsPerDocument(1, 1).formats(DeliverySpec.Formats.JPEG).build());
        ObjectMapper json = new ObjectMapper();
        ObjectNode index = (ObjectNode) json.readTree(d.index().toFile());
        ObjectNode page = (ObjectNode) index.get("caseFiles").get(0).get("documents").get(0).get("pages").get(0);
        String file = page.get("file").asText();
        String renamed = file.substring(0, file.lastIndexOf('/') + 1) + NAME;
        Files.move(d.directory().resolve(file), d.directory().resolve(renamed));
        page.put("file", renamed);
        json.writeValue(d.index().toFile(), index);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                d.directory().toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("LANGUAGE"));
        pb.environment().put("LC_ALL", "C");
        Process child = pb.start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            r.lines().forEach(out::add);
        }
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(out).as("the child's output").contains("encoding ANSI_X3.4-1968");
        assertThat(child.exitValue()).as("the child's output: %s", out).isZero();
        assertThat(out).contains("REJECTED " + files.get(0).value() + " UNSAFE_PATH " + escaped(renamed),
                "CAPTURED " + files.get(1).value(), "DEEP intact");
        assertThat(out).noneMatch(l -> l.contains("Exception"));
    }

    /** Non-ASCII as backslash-u escapes: the child's output is ASCII under its locale. */
    static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.toString();
    }

    /** The child JVM: ingests the delivery and prints each case file's outcome. */
    static final class Child {
        public static void main(String[] args) {
            System.out.println("encoding " + System.getProperty("sun.jnu.encoding"));
            try (Office o = office()) {
                o.prepareMany(2);
                IngestReport report = o.lift.capture().ingest(o.scanner, Path.of(args[0]));
                for (CaseFileOutcome c : report.caseFiles()) {
                    if (c instanceof CaseFileOutcome.Rejected r) {
                        r.problems().forEach(p -> System.out.println("REJECTED " + p.barcode() + " " + p.kind() + " "
                                + escaped(p.page())));
                    } else {
                        System.out.println("CAPTURED " + c.barcode());
                    }
                }
                System.out.println("DEEP " + (o.lift.tracking().verifyDeep().isIntact() ? "intact" : "damaged"));
            }
        }
    }
}
