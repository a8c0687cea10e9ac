package io.github.aktenlift.examples.cli;

import io.github.aktenlift.IdSource;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.VerificationReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash in the middle of an append leaves an incomplete last frame in the journal's log. Readers
 * ({@code verify}, {@code status}) leave it alone; the next command's append cuts it, keeps the cut
 * bytes in quarantine, and the journal records the repair, which {@code verify} then lists.
 */
@DisplayName("A torn tail of the journal")
class TornTailTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("is left alone by readers, repaired by the next append, quarantined, and recorded in the journal")
    void repairedAndRecorded() throws IOException {
        Path workspace = tmp.resolve("w");
        Clock clock = Clock.fixed(Cli.NOW, ZoneOffset.UTC);
        List<Barcode> files;
        try (Workspace w = Workspace.create(workspace, clock, IdSource.sequential("t"), true)) {
            files = w.lift().inventory().issueCaseFileBarcodes(Logistics.CLERK, 3);
            Logistics.registerAndPrepare(w.lift(), clock, files.subList(0, 2));
        }
        Path log = find(workspace, "events~l");
        long length;
        try (Workspace w = Workspace.openReadOnly(workspace, clock, IdSource.sequential("r"))) {
            length = w.lift().tracking().verify().eventsChecked();
        }
        // what a crash after writing part of the next frame leaves: its header, and part of its payload
        ByteBuffer partial = ByteBuffer.allocate(24 + 10).putInt(0x414B4C31).putLong(length).putInt(1).putInt(200)
                .putInt(0x12345678).put(new byte[10]);
        Files.write(log, partial.array(), StandardOpenOption.APPEND);
        byte[] torn = Files.readAllBytes(log);

        Cli.Run verify = Cli.run("verify", "--dir", workspace.toString());
        assertThat(verify.exitCode()).as("%s", verify).isZero();
        assertThat(Cli.run("status", "--dir", workspace.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(log)).as("readers leave the torn tail as it is").isEqualTo(torn);

        try (Workspace w = Workspace.open(workspace, clock, IdSource.sequential("u"))) {
            Logistics.registerAndPrepare(w.lift(), clock, files.subList(2, 3));
            VerificationReport report = w.lift().tracking().verify();
            assertThat(report.isIntact()).isTrue();
            assertThat(report.repairs()).hasSize(1);
            var repair = report.repairs().get(0);
            assertThat(repair.log().value()).isEqualTo("journal/events");
            assertThat(repair.length()).isEqualTo(partial.capacity());
            assertThat(repair.nextSequence()).isEqualTo(length);
            try (var in = w.storage().content().get(repair.quarantine())) {
                assertThat(in.readAllBytes()).as("the cut bytes, kept").isEqualTo(partial.array());
            }
            assertThat(w.lift().tracking().repairs()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(EventKind.LOG_REPAIRED);
                assertThat(e.get("log")).isEqualTo("journal/events");
                assertThat(e.get("quarantine")).isEqualTo(repair.quarantine().value());
                assertThat(e.get("sha256")).isEqualTo(repair.sha256());
            });
        }
        Cli.Run json = Cli.run("verify", "--deep", "--dir", workspace.toString(), "--json");
        assertThat(json.exitCode()).as("%s", json).isZero();
        assertThat(json.json().get("repairs")).hasSize(1);
        Cli.Run history = Cli.run("history", "storage", "--dir", workspace.toString());
        assertThat(history.exitCode()).as("%s", history).isZero();
        assertThat(history.out()).contains("1 repair(s)").contains("journal/events");
    }

    private static Path find(Path workspace, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(workspace.resolve("storage/logs"))) {
            return s.filter(p -> p.toString().endsWith(suffix) && p.toString().contains("journal")).findFirst()
                    .orElseThrow();
        }
    }
}
