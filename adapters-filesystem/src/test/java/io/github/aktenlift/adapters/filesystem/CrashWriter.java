package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child process of {@link RandomCrashSoakTest}: writes content, appends log batches and executes Aktenlift
 * commands on filesystem storage in a loop until it is killed, printing one line per write only
 * after the call has returned (an acknowledgement):
 * {@code C <key> <sha256>}, {@code L <first sequence> <entry>…}, {@code J <case file> <box>}.
 */
public final class CrashWriter {

    static final Key LOG = Key.of("crash/log");

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int round = Integer.parseInt(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (FilesystemStorage storage = FilesystemStorage.open(root);
                Lift lift = Lift.open(storage, 7)) {
            // one step before READY warms up the core (validator, JIT), so that the kill window
            // falls on steady-state writes rather than on start-up
            step(storage, lift, round, 0, random, out);
            out.println("READY");
            out.flush();
            for (int i = 1; ; i++) {
                step(storage, lift, round, i, random, out);
            }
        }
    }

    private static void step(FilesystemStorage storage, Lift lift, int round, int i, Random random, PrintStream out) {
        byte[] data = new byte[random.nextInt(4) == 0 ? random.nextInt(2 << 20) : random.nextInt(20_000)];
        random.nextBytes(data);
        Key key = Key.of("crash/r" + round + "/c" + i);
        ContentInfo info = storage.content().put(key, new ByteArrayInputStream(data));
        out.println("C " + key + " " + info.sha256() + " .");
        out.flush();

        int n = 1 + random.nextInt(3);
        List<byte[]> batch = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < n; j++) {
            String entry = round + ":" + i + ":" + j + "/" + n;
            batch.add(entry.getBytes(StandardCharsets.UTF_8));
            line.append(' ').append(entry);
        }
        long first = storage.logs().length(LOG);
        storage.logs().append(LOG, first, batch);
        out.println("L " + first + line + " .");
        out.flush();

        long serial = round * 1000L + i;
        Barcode file = lift.caseFileBarcodes().generate(serial);
        Barcode box = lift.boxBarcodes().generate(serial);
        lift.execute(new RegisterCaseFile(file, FileReference.of("AZ-" + file.value()),
                new Subject("Surname" + serial, "Given", LocalDate.of(1980, 1, 1), "SYR", null),
                ProtectionLevel.NORMAL));
        lift.execute(new OpenBox(box));
        lift.execute(new PackCaseFile(file, box));
        out.println("J " + file.value() + " " + box.value() + " .");
        out.flush();
    }
}
