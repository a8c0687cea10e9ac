package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.adapters.xdomea.message.AbgabeReader;
import io.github.aktenlift.adapters.xdomea.message.Akte;
import io.github.aktenlift.adapters.xdomea.message.Contact;
import io.github.aktenlift.adapters.xdomea.message.Dokument;
import io.github.aktenlift.adapters.xdomea.message.Format;
import io.github.aktenlift.adapters.xdomea.message.MessageException;
import io.github.aktenlift.adapters.xdomea.message.Party;
import io.github.aktenlift.adapters.xdomea.message.ReceivedAbgabe;
import io.github.aktenlift.adapters.xdomea.message.ReceivedFile;
import io.github.aktenlift.adapters.xdomea.message.Schriftgutobjekt;
import io.github.aktenlift.adapters.xdomea.message.Version;
import io.github.aktenlift.adapters.xdomea.message.Vorgang;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.intake.DigitalDocument;
import io.github.aktenlift.intake.DigitalTransfer;
import io.github.aktenlift.intake.DigitalTransferStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The xdomea glue of digital intake: reads a received {@code Abgabe.Abgabe.0401} with the
 * adapter's {@link AbgabeReader} (every check before anything is used), maps it onto the core's
 * format-neutral {@link DigitalTransfer}, keeps what the answer will need ({@link AnswerCard}), and
 * takes it in. A message that fails a check is a {@link MessageException} naming the entry and
 * element; a message without what matching needs is a {@link BadMessage}; either way nothing is
 * kept.
 */
final class XdomeaIntake {

    /** Where a workspace keeps the answer cards of the 0401 it took in ({@link AnswerCard}). */
    static final String CARDS = "xdomea/received";
    /** Where a workspace writes the 0402 answers to senders, unless told otherwise. */
    static final String ANSWERS = "xdomea/answers";

    /** Document types are taken from {@code Dokument/Typ} where it is a code; otherwise this. */
    static final String DEFAULT_TYPE = "DOCUMENT";

    private XdomeaIntake() {
    }

    /** A 0401 that passed the reader's checks but lacks what a transfer needs: exit 2, names the element. */
    static final class BadMessage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadMessage(String message) {
            super(message);
        }
    }

    /** What a take-in did: the transfer's status, and whether it was new. */
    record Taken(DigitalTransferStatus status, boolean repeat, int documents) {
    }

    /**
     * Takes a received 0401 in.
     *
     * @param reference the office's file number for it, or {@code null} for {@code XD-<first 8 of the ProzessID>}
     * @param cards where the answer cards are kept ({@link AnswerCard})
     */
    static Taken takeIn(Aktenlift lift, Actor actor, Path zip, String reference, ProtectionLevel protection,
            Clock clock, Path cards) {
        if (!Files.isRegularFile(zip)) {
            throw new UserException("no such file: " + zip);
        }
        try (ReceivedAbgabe received = AbgabeReader.withDefaults().read(zip)) {
            UUID process = received.message().head().processId();
            String transferId = process.toString();
            Optional<DigitalTransferStatus> earlier = lift.digitalIntake().status(transferId);
            if (earlier.isPresent()) {
                return new Taken(earlier.get(), true, 0);
            }
            Akte akte = onlyAkte(received);
            Subject subject = subject(akte);
            List<Found> found = new ArrayList<>();
            collect(akte, found);
            if (found.isEmpty()) {
                throw new BadMessage("the 0401 holds no document with a primary file in its Akte "
                        + "(Schriftgutobjekt/Akte/Akteninhalt)");
            }
            List<DigitalDocument> documents = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Found f : found) {
                ReceivedFile file = received.file(f.entry());
                String name = uniqueName(f, documents.size() + 1, names);
                documents.add(new DigitalDocument(name, f.type(), f.mediaType(), file.sha256(),
                        () -> received.open(f.entry())));
            }
            Party sender = received.message().head().sender();
            String origin = origin(sender);
            FileReference ref = FileReference.of(reference != null ? reference : "XD-" + transferId.substring(0, 8));
            List<UUID> objects = new ArrayList<>();
            objects.add(akte.id());
            objectIds(akte, objects);
            Path card = AnswerCard.write(cards, process, received.message().head().recipient(), sender, objects);
            try {
                Barcode barcode = lift.inventory().issueCaseFileBarcodes(actor, 1).get(0);
                DigitalTransferStatus s = lift.digitalIntake().receive(actor, new DigitalTransfer(barcode, ref, subject,
                        protection, origin, transferId, clock.instant(), documents));
                return new Taken(s, false, documents.size());
            } catch (RuntimeException e) {
                AnswerCard.remove(card);
                throw e;
            }
        }
    }

    /** A primary file to take in: its ZIP entry, its {@code Dokument}'s id, type code and media type. */
    private record Found(String entry, UUID document, String type, String mediaType) {
    }

    private static Akte onlyAkte(ReceivedAbgabe received) {
        List<Schriftgutobjekt> objects = received.message().objects();
        if (objects.size() != 1 || !(objects.get(0) instanceof Akte a)) {
            throw new BadMessage("a digital transfer is one case file: the 0401 must hold exactly one Akte "
                    + "(/Abgabe.Abgabe.0401/Schriftgutobjekt), it holds " + objects.size() + " object(s)"
                    + (objects.isEmpty() || objects.get(0) instanceof Akte ? "" : ", the first no Akte"));
        }
        return a;
    }

    /** The person the file concerns, from the Akte's first {@code Kontakt} with name and date of birth. */
    private static Subject subject(Akte akte) {
        for (Contact c : akte.contacts()) {
            if (c.familyName() != null && c.givenNames() != null && c.dateOfBirth() != null) {
                return new Subject(c.familyName(), c.givenNames(), c.dateOfBirth(), null, null);
            }
        }
        throw new BadMessage("the 0401 names no person to match the file with: no Kontakt with Name/Familienname,"
                + " Name/Vorname and Geburt/Datum at /Abgabe.Abgabe.0401/Schriftgutobjekt/Akte/Kontakt");
    }

    private static String origin(Party sender) {
        String name = sender.institution() != null ? sender.institution() : sender.authorityKey();
        if (name == null || name.isBlank()) {
            throw new BadMessage("the 0401 names no sending authority at /Abgabe.Abgabe.0401/Kopf/Absender/Institution/Name");
        }
        String origin = sender.unit() == null ? name : name + ", " + sender.unit();
        return origin.length() > 200 ? origin.substring(0, 200) : origin;
    }

    /** Every document of the Akte, depth first, with the first format of its newest version. */
    private static void collect(Akte a, List<Found> out) {
        a.documents().forEach(d -> document(d, out));
        a.processes().forEach(v -> collect(v, out));
        a.parts().forEach(p -> collect(p, out));
    }

    private static void collect(Vorgang v, List<Found> out) {
        v.documents().forEach(d -> document(d, out));
        v.parts().forEach(p -> collect(p, out));
    }

    private static void document(Dokument d, List<Found> out) {
        if (!d.versions().isEmpty()) {
            Version newest = d.versions().get(d.versions().size() - 1);
            for (Format f : newest.formats()) {
                if (f.file() != null) {
                    String type = d.type() != null && d.type().matches("[A-Z][A-Z0-9_]{0,63}") ? d.type() : DEFAULT_TYPE;
                    out.add(new Found(f.file().fileName(), d.id(), type, mediaType(f)));
                    break;
                }
            }
        }
        d.attachments().forEach(x -> document(x, out));
    }

    private static void objectIds(Akte a, List<UUID> out) {
        a.documents().forEach(d -> objectIds(d, out));
        for (Vorgang v : a.processes()) {
            objectIds(v, out);
        }
        for (Akte p : a.parts()) {
            out.add(p.id());
            objectIds(p, out);
        }
    }

    private static void objectIds(Vorgang v, List<UUID> out) {
        out.add(v.id());
        v.documents().forEach(d -> objectIds(d, out));
        v.parts().forEach(p -> objectIds(p, out));
    }

    private static void objectIds(Dokument d, List<UUID> out) {
        out.add(d.id());
        d.attachments().forEach(x -> objectIds(x, out));
    }

    /** The media type of an xdomea {@code Dateiformat} code. */
    static String mediaType(Format f) {
        return switch (f.code()) {
            case Format.PDF_ARCHIVAL, Format.PDF -> "application/pdf";
            case "024" -> "image/tiff";
            case "010" -> "image/jpeg";
            case "019" -> "image/png";
            case "030" -> "application/xml";
            case "045" -> "text/plain";
            default -> "application/octet-stream";
        };
    }

    /**
     * The document's name in Aktenlift: its {@code Dokument}'s id and an extension for its media
     * type, never the sender's file name — that may carry a person's name, and document names go
     * into the journal and the e-file's package. The id keeps the link to the sender's object.
     */
    private static String uniqueName(Found f, int position, Set<String> taken) {
        String name = f.document() + "." + extension(f.mediaType());
        if (!taken.add(name)) {
            // several files of one document (attachments share no id with it, but be safe)
            name = position + "-" + name;
            taken.add(name);
        }
        return name;
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "application/pdf" -> "pdf";
            case "image/tiff" -> "tif";
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "application/xml" -> "xml";
            case "text/plain" -> "txt";
            default -> "bin";
        };
    }

    /** Maps an {@link IOException} of the card store to a user error. */
    static UserException cannotWrite(Path p, IOException e) {
        return new UserException("cannot write " + p + ": " + e.getMessage(), e);
    }
}
