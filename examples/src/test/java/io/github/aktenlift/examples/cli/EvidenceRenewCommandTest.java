package io.github.aktenlift.examples.cli;

import io.github.aktenlift.adapters.sealing.PadesEvidenceSealerProvider;
import io.github.aktenlift.testkit.pki.TestPki;
import io.github.aktenlift.testkit.pki.TestTimestampServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code evidence renew} on the demo's workspace, whose high-protection case files are sealed, with
 * a timestamp authority of another (test) trust service added to the workspace's sealing settings,
 * as an operator would: renewal by age, then by a weakening digest; each renewal checked by
 * {@code verify --deep}. The steps build on each other, in order.
 */
@DisplayName("aktenlift evidence renew")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvidenceRenewCommandTest {

    /** Renewal runs years after the demo, as it would. */
    private static final Instant LATER = Cli.NOW.plus(Duration.ofDays(800));

    @TempDir
    static Path tmp;

    private static Path demo;
    private static TestTimestampServer tsa;

    @BeforeAll
    static void sealedWorkspace() throws Exception {
        demo = tmp.resolve("demo");
        Trees.copy(SharedDemo.workspace(), demo); // renewal changes the workspace: a copy of the shared demo
        TestPki trustService = TestPki.create();
        tsa = TestTimestampServer.start(trustService);
        Files.write(demo.resolve("sealing/tsa-root.cer"), trustService.rootCertificate().getEncoded());
        settings(p -> {
            p.setProperty(PadesEvidenceSealerProvider.TSA, "tsa:" + tsa.uri());
            p.setProperty(PadesEvidenceSealerProvider.TRUST, p.getProperty(PadesEvidenceSealerProvider.TRUST) + ",tsa-root.cer");
        });
    }

    @AfterAll
    static void stop() {
        if (tsa != null) {
            tsa.close();
        }
    }

    private static void settings(java.util.function.Consumer<Properties> change) throws IOException {
        Path file = demo.resolve("sealing/sealing.properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        change.accept(p);
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "test");
        }
    }

    private static long renewed(Cli.Run run) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) sealed renditions examined, (\\d+) renewed")
                .matcher(run.out());
        assertThat(m.find()).as("%s", run).isTrue();
        assertThat(Long.parseLong(m.group(1))).isPositive();
        return Long.parseLong(m.group(2));
    }

    private static void deepVerifyPasses() {
        Cli.Run v = Cli.runAt(LATER, "verify", "--deep", "--dir", demo.toString());
        assertThat(v.exitCode()).as("%s", v).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("seals: (\\d+) sealed objects checked .*, (\\d+) passed")
                .matcher(v.out());
        assertThat(m.find()).as("%s", v.out()).isTrue();
        assertThat(m.group(1)).isEqualTo(m.group(2));
    }

    @Test
    @Order(1)
    @DisplayName("bad input answers with exit 2 and one line, and changes nothing")
    void badInput() throws IOException {
        String before = Trees.digest(demo);
        Cli.Run age = Cli.runAt(LATER, "evidence", "renew", "--older-than", "soon", "--dir", demo.toString());
        assertThat(age.exitCode()).isEqualTo(2);
        assertThat(age.err().strip().lines()).hasSize(1).first().asString().contains("--older-than").contains("soon");
        Cli.Run weak = Cli.runAt(LATER, "evidence", "renew", "--weakening", "SHA-256", "--dir", demo.toString());
        assertThat(weak.exitCode()).as("%s", weak).isEqualTo(2);
        assertThat(weak.err().strip().lines()).hasSize(1).first().asString().contains("SHA-256").contains("stronger");
        assertThat(Cli.run("evidence").exitCode()).isEqualTo(2);
        assertThat(Trees.digest(demo)).isEqualTo(before);
    }

    @Test
    @Order(2)
    @DisplayName("renews every sealed rendition older than the age, and verify --deep passes the renewed versions")
    void byAge() {
        assertThat(renewed(Cli.run("evidence", "renew", "--older-than", "730d", "--dir", demo.toString())))
                .as("nothing is that old yet").isZero();
        Cli.Run run = Cli.runAt(LATER, "evidence", "renew", "--older-than", "730d", "--dir", demo.toString());
        assertThat(run.exitCode()).as("%s", run).isZero();
        long n = renewed(run);
        assertThat(n).isPositive();
        assertThat(run.out()).contains(".renewed-1.pdf");
        deepVerifyPasses();
        assertThat(renewed(Cli.runAt(LATER, "evidence", "renew", "--older-than", "730d", "--dir", demo.toString())))
                .as("renewed just now").isZero();
    }

    @Test
    @Order(3)
    @DisplayName("renews what rests on a weakening digest with the configured stronger one, whatever its age; then nothing")
    void byWeakeningDigest() throws IOException {
        settings(p -> p.setProperty(PadesEvidenceSealerProvider.RENEWAL_DIGEST, "SHA-512"));
        Cli.Run run = Cli.runAt(LATER, "evidence", "renew", "--weakening", "SHA-256", "--older-than", "P3650D",
                "--dir", demo.toString(), "--json");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().get("renewed").asLong()).isPositive();
        assertThat(run.json().get("renewals").get(0).get("renewedKey").asText()).endsWith(".renewed-2.pdf");
        deepVerifyPasses();
        Cli.Run again = Cli.runAt(LATER, "evidence", "renew", "--weakening", "SHA-256", "--older-than", "P3650D",
                "--dir", demo.toString());
        assertThat(renewed(again)).as("nothing rests on SHA-256 any more").isZero();
    }

    @Test
    @Order(4)
    @DisplayName("without a timestamp authority in the settings: exit 2 with one line naming the setting")
    void noAuthority() throws IOException {
        settings(p -> p.remove(PadesEvidenceSealerProvider.TSA));
        Cli.Run run = Cli.runAt(LATER, "evidence", "renew", "--dir", demo.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1).first().asString().contains("aktenlift.pades.tsa");
    }
}
