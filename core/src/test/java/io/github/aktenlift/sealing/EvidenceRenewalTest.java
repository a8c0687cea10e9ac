package io.github.aktenlift.sealing;

import io.github.aktenlift.MutableClock;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.adapters.sealing.PadesEvidenceSealer;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.ProtectionProfile;
import io.github.aktenlift.pdfa.PdfAssertions;
import io.github.aktenlift.rendition.RenewalPolicy;
import io.github.aktenlift.rendition.RenewalReport;
import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.TimestampException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.testkit.pki.TestTimestampServer;
import io.github.aktenlift.tracking.DeepVerificationReport;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Evidence renewal of sealed renditions")
class EvidenceRenewalTest {

    @TempDir
    Path tmp;

    private final InMemoryStorage storage = new InMemoryStorage();
    private final TestTimestampServer server = TestTimestampServer.start(SealingFixtures.PKI);
    private final PadesEvidenceSealer sealer = SealingFixtures.sealer(SealingFixtures.keyWithRevocation(),
            SealingFixtures.tsa(server, Duration.ofSeconds(5)));
    private final MutableClock clock = new MutableClock(Office.START);
    private final Office o = Office.configured(storage, clock, Policies.defaults()
            .withProtection(ProtectionLevel.HIGH, ProtectionProfile.resiscanFor(ProtectionLevel.HIGH))
            .withCapture(CapturePolicy.defaults().withMinimumDpi(100)), b -> b.sealing(sealer));

    @AfterEach
    void close() {
        o.close();
        sealer.close();
        server.close();
    }

    private CaseFileOutcome.Captured capture() throws IOException {
        o.protection = ProtectionLevel.HIGH;
        Barcode f = o.prepareMany(1).get(0);
        return o.lift.capture().ingest(o.scanner, ScanGenerator.writeDelivery(tmp.resolve("d"), DeliverySpec.builder()
                .deliveryId("D-R").geometry(PageGeometry.a4(100)).seed(3).barcodes(List.of(f.value()))
                .documentsPerFile(2, 2).sheetsPerDocument(1, 1).build()).directory()).captured().get(0);
    }

    private byte[] stored(String key) throws IOException {
        try (InputStream in = storage.content().get(Key.of(key))) {
            return in.readAllBytes();
        }
    }

    @Test
    @DisplayName("renews renditions older than the age into new B-LTA versions beside the old, which stay; the journal"
            + " records both hashes; DSS and veraPDF pass the new versions; deep verification checks them")
    void renews() throws Exception {
        CaseFileOutcome.Captured c = capture();
        byte[] original = stored(c.renditions().get(0).key().value());

        assertThat(o.lift.evidenceRenewal().renew(o.clerk, Duration.ofDays(30)).renewed())
                .as("nothing is old enough yet").isZero();
        clock.advance(Duration.ofDays(31));
        RenewalReport r = o.lift.evidenceRenewal().renew(o.clerk, Duration.ofDays(30));
        assertThat(r.examined()).isEqualTo(c.renditions().size());
        assertThat(r.renewed()).isEqualTo(c.renditions().size());

        RenewalReport.Renewal first = r.renewals().get(0);
        assertThat(first.previousKey()).isEqualTo(c.renditions().get(0).key().value());
        assertThat(first.previousSha256()).isEqualTo(c.renditions().get(0).sha256());
        assertThat(first.renewedKey()).endsWith(".renewed-1.pdf");
        assertThat(stored(first.previousKey())).as("the old version stays byte for byte").isEqualTo(original);
        byte[] renewed = stored(first.renewedKey());
        assertThat(Arrays.copyOf(renewed, original.length)).as("an incremental update on top").isEqualTo(original);

        JournalEvent e = o.lift.tracking().history(Barcode.of(first.barcode())).stream()
                .filter(x -> x.kind() == EventKind.EVIDENCE_RENEWED).findFirst().orElseThrow();
        assertThat(e.get("previousSha256")).isEqualTo(first.previousSha256());
        assertThat(e.get("sha256")).isEqualTo(first.renewedSha256());

        Path pdf = Files.write(tmp.resolve("renewed.pdf"), renewed);
        PdfAssertions.assertPdfA2b(pdf);
        Dss.Verdict v = Dss.validate(pdf, SealingFixtures.root()).only();
        assertThat(v.format()).as("%s", v).isEqualTo("PAdES-BASELINE-LTA");
        assertThat(v.intact()).as("%s", v).isTrue();
        assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");

        DeepVerificationReport deep = o.lift.tracking().verifyDeep();
        assertThat(deep.isIntact()).as("%s", deep.problems()).isTrue();
        assertThat(deep.sealsChecked()).isEqualTo(2L * c.renditions().size() + 2);

        // the renewal is the newest timestamp now: nothing is due again until the age has passed anew
        assertThat(o.lift.evidenceRenewal().renew(o.clerk, Duration.ofDays(30)).renewed()).isZero();
        clock.advance(Duration.ofDays(31));
        RenewalReport again = o.lift.evidenceRenewal().renew(o.clerk, Duration.ofDays(30));
        assertThat(again.renewals().get(0).previousKey()).isEqualTo(first.renewedKey());
        assertThat(again.renewals().get(0).renewedKey()).endsWith(".renewed-2.pdf");
    }

    @Test
    @DisplayName("renews, whatever their age, the renditions whose newest timestamp rests on a digest the policy marks as"
            + " weakening, with the stronger renewal digest; DSS passes them as B-LTA; then nothing rests on it")
    void renewsWhatRestsOnAWeakeningDigest() throws Exception {
        CaseFileOutcome.Captured c = capture();
        Path first = Files.write(tmp.resolve("sealed.pdf"), stored(c.renditions().get(0).key().value()));
        assertThat(sealer.newestTimestampDigest(first)).contains("SHA-256");

        RenewalPolicy policy = RenewalPolicy.olderThan(Duration.ofDays(3650)).weakening("sha-256");
        long before = o.journalLength();
        assertThatThrownBy(() -> o.lift.evidenceRenewal().renew(o.clerk, policy))
                .as("a sealer that would renew with the weak digest itself").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SHA-256");
        assertThat(o.journalLength()).isEqualTo(before);
        o.close();

        PadesEvidenceSealer strong = PadesEvidenceSealer.builder().key(SealingFixtures.keyWithRevocation())
                .timestampAuthority(SealingFixtures.tsa(server, Duration.ofSeconds(5)))
                .trustAnchors(List.of(SealingFixtures.root())).renewalDigest(DigestAlgorithm.SHA512).build();
        try (Office again = Office.configured(storage, clock, Policies.defaults(), b -> b.sealing(strong))) {
            assertThat(again.lift.evidenceRenewal().renew(again.clerk, RenewalPolicy.olderThan(Duration.ofDays(3650))).renewed())
                    .as("by age alone nothing is due").isZero();
            RenewalReport r = again.lift.evidenceRenewal().renew(again.clerk, policy);
            assertThat(r.renewed()).isEqualTo(c.renditions().size());

            Path renewed = Files.write(tmp.resolve("renewed-512.pdf"), stored(r.renewals().get(0).renewedKey()));
            assertThat(strong.newestTimestampDigest(renewed)).contains("SHA-512");
            PdfAssertions.assertPdfA2b(renewed);
            Dss.Verdict v = Dss.validate(renewed, SealingFixtures.root()).only();
            assertThat(v.format()).as("%s", v).isEqualTo("PAdES-BASELINE-LTA");
            assertThat(v.intact()).as("%s", v).isTrue();
            assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");

            assertThat(again.lift.evidenceRenewal().renew(again.clerk, policy).renewed())
                    .as("nothing rests on SHA-256 any more").isZero();
            assertThat(again.lift.tracking().verifyDeep().isIntact()).isTrue();
        } finally {
            strong.close();
        }
    }

    @Test
    @DisplayName("with the timestamp authority down: a typed error, no new version stored, nothing recorded")
    void authorityDown() throws Exception {
        CaseFileOutcome.Captured c = capture();
        clock.advance(Duration.ofDays(31));
        server.behave(TestTimestampServer.Behaviour.HANG);
        long before = o.journalLength();
        assertThatThrownBy(() -> o.lift.evidenceRenewal().renew(o.clerk, Duration.ofDays(30)))
                .isInstanceOfSatisfying(TimestampException.class,
                        t -> assertThat(t.reason()).isEqualTo(TimestampException.Reason.TIMEOUT));
        assertThat(o.journalLength()).isEqualTo(before);
        assertThat(storage.content().head(Key.of(c.renditions().get(0).key().value().replace(".pdf", ".renewed-1.pdf"))))
                .isEmpty();
    }
}
