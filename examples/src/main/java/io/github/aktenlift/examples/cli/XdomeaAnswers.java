package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.adapters.xdomea.message.ImportConfirmation;
import io.github.aktenlift.adapters.xdomea.message.MessageHead;
import io.github.aktenlift.adapters.xdomea.message.MessageType;
import io.github.aktenlift.adapters.xdomea.message.XdomeaWriter;
import io.github.aktenlift.intake.DigitalTransferStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers the senders of digital transfers whose import has an outcome: an
 * {@code Abgabe.ImportBestaetigen.0402} per transfer — every handed-over object {@code Erfolgreich}
 * when imported, or not, with the reason code and a sentence, when the import was rejected —
 * written into the answers directory ({@code .part}, forced to disk, renamed into place), and only
 * then recorded as answered in the journal. A crash in between writes the answer again; a newer
 * outcome (a rejected import retried and imported) replaces an answer the sender has not taken yet.
 */
final class XdomeaAnswers {

    /** The code list Aktenlift's reason codes ({@code EFILE_LOCKED}, …) come from. */
    static final String REASON_LIST = "urn:aktenlift:xdomea:fehlercode";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private XdomeaAnswers() {
    }

    /** One answer written. */
    record Answer(DigitalTransferStatus status, Path file) {
    }

    /**
     * @param cards the answer cards ({@link AnswerCard}); transfers without one (taken in elsewhere) are left
     * @param answers where the 0402 files go
     * @return the answers written
     */
    static List<Answer> answerDue(Aktenlift lift, Actor actor, Path cards, Path answers, Clock clock) {
        List<Answer> written = new ArrayList<>();
        for (DigitalTransferStatus s : lift.digitalIntake().toAnswer()) {
            Optional<AnswerCard> card = AnswerCard.read(cards, s.transferId());
            if (card.isEmpty()) {
                continue;
            }
            Path file = write(card.get(), s, answers, clock);
            lift.digitalIntake().answered(actor, s.transferId());
            written.add(new Answer(s, file));
        }
        return written;
    }

    static ImportConfirmation confirmation(AnswerCard card, DigitalTransferStatus s, Clock clock) {
        MessageHead head = new MessageHead(card.processId(), MessageType.IMPORT_CONFIRMATION,
                OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZONE), card.self(), card.sender(),
                "Aktenlift");
        List<ImportConfirmation.ObjectResult> results = new ArrayList<>();
        for (java.util.UUID id : card.objects()) {
            results.add(s.outcome() == DigitalTransferStatus.Outcome.IMPORTED ? ImportConfirmation.ObjectResult.imported(id)
                    : new ImportConfirmation.ObjectResult(id, false,
                            List.of("Import in die E-Akte abgelehnt (" + s.reasonCode() + ")"),
                            List.of(new ImportConfirmation.ErrorCode(s.reasonCode(), null, REASON_LIST, "1"))));
        }
        return new ImportConfirmation(head, results);
    }

    private static Path write(AnswerCard card, DigitalTransferStatus s, Path answers, Clock clock) {
        String name = MessageType.IMPORT_CONFIRMATION.fileName(card.processId(), "zip");
        Path file = answers.resolve(name);
        try {
            Files.createDirectories(answers);
            Path part = answers.resolve("." + name + ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                XdomeaWriter.write(confirmation(card, s, clock), out);
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(part,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw XdomeaIntake.cannotWrite(file, e);
        }
        return file;
    }
}
