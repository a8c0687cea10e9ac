package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.adapters.filesystem.FilesystemStorage;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.spi.storage.Key;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands per second on the filesystem adapter with fsync on (the embedded default), next to
 * the floor in the same run: single-entry log appends per second on the same disk, each forced.
 * Every command appends its events and (since issue 13) moves the journal's head record forward.
 * Tag {@code benchmark}; run with
 *
 * <pre>
 * mvn -B -pl examples -am test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=FilesystemAppendBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("benchmark")
@DisplayName("Filesystem append benchmark")
class FilesystemAppendBenchmark {

    private static final int COMMANDS = 400;
    private static final int ROUNDS = 3;

    @TempDir
    Path tmp;

    @Test
    @DisplayName("prints commands/s with fsync on next to forced log appends/s")
    void appends() {
        Actor clerk = Actor.of("clerk-1", "office");
        for (int round = 1; round <= ROUNDS; round++) {
            double floor;
            try (FilesystemStorage s = FilesystemStorage.open(tmp.resolve("floor-" + round))) {
                Key log = Key.of("bench/log");
                byte[] entry = "{\"an\":\"entry of about the size of an event, a few hundred bytes\"}"
                        .repeat(4).getBytes(StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                for (int i = 0; i < COMMANDS; i++) {
                    s.logs().append(log, i, List.of(entry));
                }
                floor = COMMANDS / ((System.nanoTime() - t0) / 1e9);
            }
            try (FilesystemStorage s = FilesystemStorage.open(tmp.resolve("cmd-" + round));
                    Aktenlift lift = Aktenlift.builder().storage(s).ids(IdSource.sequential("b")).build()) {
                Barcode box = lift.policies().boxBarcodes().generate(1);
                lift.execute(clerk, new OpenBox(box));
                long t0 = System.nanoTime();
                int events = 0;
                for (int i = 1; i <= COMMANDS / 2; i++) {
                    Barcode f = lift.policies().caseFileBarcodes().generate(i);
                    events += lift.execute(clerk, new RegisterCaseFile(f, FileReference.of("AZ-" + i),
                            Logistics.subject(i), ProtectionLevel.NORMAL)).size();
                    events += lift.execute(clerk, new PackCaseFile(f, box)).size();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertThat(lift.tracking().verify().isIntact()).isTrue();
                System.out.printf("BENCH round %d: %.0f commands/s (%d events), floor %.0f forced appends/s,"
                        + " ratio %.2f%n", round, COMMANDS / seconds, events, floor, COMMANDS / seconds / floor);
            }
        }
    }
}
