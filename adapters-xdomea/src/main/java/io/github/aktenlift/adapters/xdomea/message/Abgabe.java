package io.github.aktenlift.adapters.xdomea.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The message {@code Abgabe.Abgabe.0401}: the complete export of record objects to another
 * authority or system. {@code Importbestaetigung} is always requested (the schema fixes it); an
 * {@code Aktenplan} is neither written nor read.
 *
 * @param head {@code Kopf}; its type is {@link MessageType#ABGABE}
 * @param receiptWanted {@code Empfangsbestaetigung}: whether the receiver shall also send 0403
 * @param coverLetter {@code Anschreiben}, a document explaining the hand-over; or {@code null}
 * @param objects {@code Schriftgutobjekt}, at least one
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Abgabe(MessageHead head, boolean receiptWanted, Dokument coverLetter, List<Schriftgutobjekt> objects) {

    /**
     * Validates and copies.
     *
     * @param head {@code Kopf}; its type is {@link MessageType#ABGABE}
     * @param receiptWanted {@code Empfangsbestaetigung}: whether the receiver shall also send 0403
     * @param coverLetter {@code Anschreiben}, a document explaining the hand-over; or {@code null}
     * @param objects {@code Schriftgutobjekt}, at least one
     */
    public Abgabe {
        Objects.requireNonNull(head, "head");
        if (head.type() != MessageType.ABGABE) {
            throw new IllegalArgumentException("an Abgabe needs a head of type ABGABE");
        }
        objects = List.copyOf(objects);
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("an Abgabe needs at least one Schriftgutobjekt");
        }
    }

    /**
     * @return every document in the message, depth first in message order (the cover letter first,
     *     attachments after their document)
     */
    public List<Dokument> documents() {
        List<Dokument> out = new ArrayList<>();
        if (coverLetter != null) {
            collect(coverLetter, out);
        }
        for (Schriftgutobjekt o : objects) {
            collect(o, out);
        }
        return out;
    }

    /** @return every primary file in the message, in message order */
    public List<PrimaryFile> files() {
        List<PrimaryFile> out = new ArrayList<>();
        for (Dokument d : documents()) {
            for (Version v : d.versions()) {
                for (Format f : v.formats()) {
                    out.add(f.file());
                }
            }
        }
        return out;
    }

    private static void collect(Schriftgutobjekt o, List<Dokument> out) {
        if (o instanceof Akte a) {
            a.documents().forEach(d -> collect(d, out));
            a.processes().forEach(v -> collect(v, out));
            a.parts().forEach(p -> collect(p, out));
        } else if (o instanceof Vorgang v) {
            v.documents().forEach(d -> collect(d, out));
            v.parts().forEach(p -> collect(p, out));
        } else if (o instanceof Dokument d) {
            out.add(d);
            d.attachments().forEach(x -> collect(x, out));
        }
    }
}
