package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.spi.sealing.TimestampException;
import io.github.aktenlift.testkit.pki.TestTimestampServer;
import io.github.aktenlift.testkit.pki.TestTimestampServer.Behaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("A timestamp authority that fails while a delivery is sealed")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimestampFailureTest {

    @TempDir
    static Path dir;

    TestTimestampServer server;
    TimestampAuthority tsa;
    SealingKey key;

    @BeforeAll
    void start() {
        server = TestTimestampServer.start(Fixtures.PKI);
        tsa = new HttpTimestampAuthority(server.uri(), Duration.ofMillis(800), Optional.empty());
        key = Fixtures.key();
    }

    @AfterAll
    void stop() {
        server.close();
        key.close();
    }

    @ParameterizedTest(name = "{0} gives {1}")
    @CsvSource({"HANG, TIMEOUT", "GARBAGE, MALFORMED", "WRONG_IMPRINT, MALFORMED", "REJECT, REJECTED", "SERVER_ERROR, UNAVAILABLE"})
    @DisplayName("a typed error, no sealed file and no temporary file left, and a retry afterwards succeeds")
    void typedErrorNothingHalfWritten(Behaviour behaviour, TimestampException.Reason reason) throws IOException {
        Path a = TestPdfs.rendition(dir.resolve(behaviour + "-a.pdf"), 1, 1);
        Path b = TestPdfs.rendition(dir.resolve(behaviour + "-b.pdf"), 1, 2);
        List<FileJob> jobs = List.of(new FileJob(a, dir.resolve(behaviour + "-a-sealed.pdf")),
                new FileJob(b, dir.resolve(behaviour + "-b-sealed.pdf")));
        PadesSealer sealer = PadesSealer.builder(key).level(PadesLevel.B_LTA).timestampAuthority(tsa).build();

        server.behave(behaviour);
        TimestampException e = catchThrowableOfType(TimestampException.class, () -> sealer.sealAll(jobs));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.authorityId()).isEqualTo(tsa.id());
        for (FileJob j : jobs) {
            assertThat(j.target()).doesNotExist();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }

        server.behave(Behaviour.GRANT);
        List<SealedFile> retried = sealer.sealAll(jobs);
        assertThat(retried).hasSize(2);
        for (SealedFile f : retried) {
            assertThat(new SealVerifier(List.of(Fixtures.PKI.rootCertificate())).verifyPdf(f.file()).passed()).isTrue();
        }
    }
}
