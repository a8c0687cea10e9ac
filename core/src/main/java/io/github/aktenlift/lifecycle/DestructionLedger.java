package io.github.aktenlift.lifecycle;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.tracking.JournalEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The destruction lists recorded in the journal, one stream each ({@code destruction/<id>}): what
 * was listed, what was excluded and why, and the confirmation. Part of the {@link Projection}; not
 * thread-safe, guarded by the {@link CommandLoop}'s lock.
 */
public final class DestructionLedger {


    private final Map<String, DestructionListRecord> lists = new HashMap<>();
    /** Each file on a list not yet confirmed, with the newest such list. */
    private final Map<Barcode, String> openListOf = new HashMap<>();

    void apply(JournalEvent e, String id) {
        switch (e.kind()) {
            case DESTRUCTION_LISTED -> {
                DestructionListRecord l = new DestructionListRecord(id, e.time(), e.actor(),
                        barcodes(e.get(Payload.FILES)), reasons(e, Payload.EXCLUDED_PREFIX),
                        Integer.parseInt(e.get(Payload.NOT_YET_DUE)));
                lists.put(id, l);
                l.files.forEach(b -> openListOf.put(b, id));
            }
            case DESTRUCTION_CONFIRMED -> {
                DestructionListRecord l = lists.get(id);
                if (l == null) {
                    throw new IllegalStateException("event " + e.sequence() + " confirms an unknown destruction list");
                }
                l.certificate = e.get(Payload.CERTIFICATE);
                l.confirmedAt = e.time();
                l.confirmedBy = e.actor();
                l.skipped = reasons(e, Payload.SKIPPED_PREFIX);
                l.files.forEach(b -> openListOf.remove(b, id));
            }
            default -> throw new IllegalStateException("event " + e.sequence() + " of kind " + e.kind()
                    + " does not belong to a destruction list stream");
        }
    }

    /** @return the list with this id, or {@code null} */
    public DestructionListRecord list(String id) {
        return lists.get(id);
    }

    /** @return whether the barcode is on the newest list it was put on, and that list is not yet confirmed */
    public boolean onOpenList(Barcode barcode) {
        return openListOf.containsKey(barcode);
    }

    public static String join(List<Barcode> barcodes) {
        return String.join(",", barcodes.stream().map(Barcode::value).toList());
    }

    private static List<Barcode> barcodes(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(Barcode::new).toList();
    }

    private static Map<Barcode, List<String>> reasons(JournalEvent e, String prefix) {
        Map<Barcode, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, String> p : e.payload().entrySet()) {
            if (p.getKey().startsWith(prefix)) {
                out.put(new Barcode(p.getKey().substring(prefix.length())),
                        List.copyOf(new ArrayList<>(Arrays.asList(p.getValue().split(",")))));
            }
        }
        return out;
    }
}
