package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.logistics.SealNumber;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The way from the office shelf to the scanner, for case files made up on the spot: registration
 * with a synthetic person, boxes of 25, one pickup, goods receipt and preparation. The benchmark
 * uses it to get case files ready for capture; the demo walks the same way step by step.
 */
final class Logistics {

    static final int PER_BOX = 25;
    static final Actor CLERK = Actor.of("clerk-17", "Ausländerbehörde");
    static final Actor CARRIER = Actor.of("carrier-4", "Kurier");
    static final Actor SCAN = Actor.of("scan-op-2", "Scan-Dienstleister");

    private Logistics() {
    }

    /** Surnames with umlauts and ß, so that a transfer may spell them transliterated. */
    private static final List<String> SURNAMES = List.of("Müller", "Schäfer", "Groß", "Öztürk", "Weiß", "Jäger",
            "Köhler", "Krüger", "Böhm", "Fuß");
    private static final List<String> GIVEN_NAMES = List.of("Jürgen", "Ayşe", "Björn", "Zoë", "Jörg", "Käthe",
            "Günther");

    /**
     * A made-up person; names and dates are synthetic and vary with {@code i}. Name and date of birth
     * together differ for every {@code i} below 210,000 (10 surnames × 7 given names, dates over
     * 30,000 days), so that looking a person up by them finds one.
     */
    static Subject subject(int i) {
        return new Subject(SURNAMES.get(i % SURNAMES.size()), GIVEN_NAMES.get(i % GIVEN_NAMES.size()),
                LocalDate.of(1930, 1, 1).plusDays(i * 37L % 30_000), "SYR", String.format("%012d", 100_000_000_000L + i));
    }

    static SealNumber seal(Barcode box) {
        return SealNumber.of("SEAL-" + box.value());
    }

    /** Registers the case files, packs, ships, receives and prepares them; they end {@code PREPARED}. */
    static void registerAndPrepare(Aktenlift lift, Clock clock, List<Barcode> files) {
        for (int i = 0; i < files.size(); i++) {
            lift.execute(CLERK, new RegisterCaseFile(files.get(i), FileReference.of("AZ-" + files.get(i).value()),
                    subject(i), ProtectionLevel.NORMAL));
        }
        Map<Barcode, List<Barcode>> boxes = pack(lift, files);
        String pickup = "PICKUP-" + boxes.keySet().iterator().next().value();
        Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
        boxes.keySet().forEach(b -> seals.put(b, seal(b)));
        lift.execute(CLERK, new PlanPickup(pickup, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                List.copyOf(boxes.keySet())));
        lift.execute(CARRIER, new CollectPickup(pickup, new HandoverProtocol(CLERK.id(), CARRIER.id(), seals)));
        boxes.forEach((box, content) -> lift.execute(SCAN, new ReceiveBox(box, seal(box), new HashSet<>(content))));
        files.forEach(f -> lift.execute(SCAN, new PrepareCaseFile(f)));
    }

    /** Packs the case files into new sealed boxes of {@value #PER_BOX}; returns each box's packing list. */
    static Map<Barcode, List<Barcode>> pack(Aktenlift lift, List<Barcode> files) {
        List<Barcode> boxes = lift.inventory().issueBoxBarcodes(CLERK, (files.size() + PER_BOX - 1) / PER_BOX);
        Map<Barcode, List<Barcode>> packing = new LinkedHashMap<>();
        for (int b = 0; b < boxes.size(); b++) {
            Barcode box = boxes.get(b);
            List<Barcode> content = files.subList(b * PER_BOX, Math.min(files.size(), (b + 1) * PER_BOX));
            lift.execute(CLERK, new OpenBox(box));
            for (Barcode f : content) {
                lift.execute(CLERK, new PackCaseFile(f, box));
            }
            lift.execute(CLERK, new SealBox(box, seal(box)));
            packing.put(box, List.copyOf(content));
        }
        return packing;
    }
}
