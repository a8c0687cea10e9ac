package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.telemetry.Counters;
import io.github.aktenlift.telemetry.CountingStorage;
import io.github.aktenlift.telemetry.Mdc;
import io.github.aktenlift.testkit.InMemoryStorage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What observability adds to one command, against what the command costs: the MDC scope (command
 * and barcode set, then restored, on Logback's MDC as the tests bind it), the journal append's
 * counter, and the storage decorator's indirection (one call of a storage that answers at once).
 * Prints nanoseconds per operation, the median of seven passes after warm-up, and the share of a
 * command on in-memory storage (the cheapest storage there is, so the share is an upper bound).
 * Tag {@code benchmark}: not part of the default run.
 *
 * <p>Run: {@code mvn -B -o -pl core -am test -Dgroups=benchmark -Dsurefire.excludedGroups=
 * -Dtest=ObservabilityOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class ObservabilityOverheadBenchmark {

    private static final Key LOG = Key.of("journal/events");
    private static long sink;

    @Test
    void perCommandOverhead() {
        InMemoryStorage raw = new InMemoryStorage();
        Counters counters = new Counters();
        Storage counted = new CountingStorage(raw, counters);
        try (Aktenlift lift = Aktenlift.builder().storage(raw).build()) {
            Actor clerk = Actor.of("clerk-1", "office");
            List<Barcode> barcodes = lift.inventory().issueCaseFileBarcodes(clerk, 20_000);
            int[] next = {0};
            LongSupplier command = () -> {
                int i = next[0]++;
                lift.execute(clerk, new RegisterCaseFile(barcodes.get(i), FileReference.of("AZ-" + i),
                        Office.subject(i), ProtectionLevel.NORMAL));
                return i;
            };
            LongSupplier mdc = () -> {
                Mdc scope = Mdc.command("RegisterCaseFile").barcode("F00000001X");
                scope.close();
                return 1;
            };
            LongSupplier counter = () -> {
                counters.appended(1234);
                return 1;
            };
            LongSupplier direct = () -> raw.logs().length(LOG);
            LongSupplier decorated = () -> counted.logs().length(LOG);

            double perCommand = median(command, 2_000);
            double perMdc = median(mdc, 200_000);
            double perCounter = median(counter, 200_000);
            double perDirect = median(direct, 200_000);
            double perDecorated = median(decorated, 200_000);
            // a command makes about four storage calls (subject log, journal append, head read and compare-and-set)
            double added = perMdc + perCounter + 4 * Math.max(0, perDecorated - perDirect);
            System.out.printf("command (RegisterCaseFile, in-memory storage): %.0f ns%n", perCommand);
            System.out.printf("MDC scope (2 keys, restored): %.0f ns%n", perMdc);
            System.out.printf("append counter: %.1f ns%n", perCounter);
            System.out.printf("storage call direct %.1f ns, through the counting decorator %.1f ns%n", perDirect,
                    perDecorated);
            System.out.printf("added per command: about %.0f ns = %.2f %% of the command%n", added,
                    100 * added / perCommand);
            assertThat(perCommand).isPositive();
            assertThat(sink).isNotZero();
        }
    }

    /** @return the median, over seven passes after two of warm-up, of the time per call */
    private static double median(LongSupplier call, int calls) {
        double[] passes = new double[9];
        for (int p = 0; p < passes.length; p++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += call.getAsLong();
            }
            passes[p] = (System.nanoTime() - t0) / (double) calls;
        }
        double[] measured = Arrays.copyOfRange(passes, 2, passes.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }
}
