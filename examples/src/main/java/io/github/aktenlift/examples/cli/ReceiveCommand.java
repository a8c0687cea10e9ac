package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.intake.DigitalTransferStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code receive}: takes in a case file another authority sent digitally as an xdomea
 * {@code Abgabe.Abgabe.0401}, imports it, and answers the sender with a 0402.
 */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = {"Takes in a case file that another authority sent digitally, as an xdomea 3.0.0"
                + " Abgabe.Abgabe.0401 ZIP: checks it (ZIP bombs, entry names, XML without DTD, structure, every"
                + " primary document present, hashes, PDF shape), registers it as a transfer without paper, imports it"
                + " into the specialist procedure (matched like a paper transfer; held for a clerk if unclear), and"
                + " writes the 0402 answer for the sender once the import has an outcome.",
            "A bad message is refused with its problem, entry and element (exit 2), and nothing of it is kept."
                + " Taking the same message in again changes nothing. Exits with 1 if the import was rejected."})
final class ReceiveCommand implements Callable<Integer> {

    private final Environment env;

    @Parameters(index = "0", paramLabel = "ZIP", description = "the received <ProzessID>_Abgabe.Abgabe.0401.zip")
    private Path zip;

    @Option(names = "--reference", paramLabel = "REF",
            description = "the office's file number for it (default: XD- and the first 8 characters of the ProzessID)")
    private String reference;

    @Option(names = "--protection", paramLabel = "LEVEL", defaultValue = "NORMAL",
            description = "its protection requirement: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    private ProtectionLevel protection;

    @Option(names = "--answers", paramLabel = "DIR",
            description = "where the 0402 answers go (default: the workspace's xdomea/answers/)")
    private Path answers;

    @Option(names = "--no-import", description = "only take it in; 'import' imports it and answers later")
    private boolean noImport;

    @Option(names = "--actor", paramLabel = "ID", defaultValue = "intake",
            description = "who takes it in, as recorded in the journal (default: ${DEFAULT-VALUE})")
    private String actor;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Mixin
    private Options.Procedure procedure;

    ReceiveCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids(), procedure)) {
            Actor who = Actor.of(actor, "Ausländerbehörde");
            XdomeaIntake.Taken taken = XdomeaIntake.takeIn(w.lift(), who, zip, reference, protection, env.clock(),
                    w.dir().resolve(XdomeaIntake.CARDS));
            DigitalTransferStatus s = taken.status();
            if (taken.repeat()) {
                env.out().printf("already taken in: transfer %s is case file %s (%s)%n", s.transferId(), s.barcode(),
                        s.outcome());
            } else {
                env.out().printf("taken in: transfer %s from %s as case file %s, %d documents%n", s.transferId(),
                        s.originAuthority(), s.barcode(), taken.documents());
            }
            boolean rejected = false;
            if (!noImport && s.outcome() == DigitalTransferStatus.Outcome.WAITING) {
                ImportResult r = w.lift().imports().importCaseFile(Actor.of("importer", "Fachverfahren"), s.barcode());
                env.out().println("import: " + describe(r));
                rejected = r instanceof ImportResult.Rejected || r instanceof ImportResult.Failed;
            }
            List<XdomeaAnswers.Answer> written = XdomeaAnswers.answerDue(w.lift(), who, w.dir().resolve(XdomeaIntake.CARDS),
                    answers != null ? answers : w.dir().resolve(XdomeaIntake.ANSWERS), env.clock());
            for (XdomeaAnswers.Answer a : written) {
                env.out().printf("answered %s: %s%s, %s%n", a.status().transferId(), a.status().outcome(),
                        a.status().reasonCode() == null ? "" : " (" + a.status().reasonCode() + ")", a.file());
            }
            return rejected ? ExitCodes.REJECTED : ExitCodes.OK;
        }
    }

    static String describe(ImportResult r) {
        if (r instanceof ImportResult.Imported i) {
            return "imported into e-file " + i.eFileId() + " (receipt " + i.receiptId() + ")";
        }
        if (r instanceof ImportResult.Pending p) {
            return "handed over, pending (ask again from " + p.nextPollAt() + ")";
        }
        if (r instanceof ImportResult.Rejected x) {
            return "rejected: " + x.reasonCode();
        }
        if (r instanceof ImportResult.Held h) {
            return "held for a matching decision " + h.reasons() + ", candidates " + h.candidateEFileIds();
        }
        return "failed: " + ((ImportResult.Failed) r).error().getMessage();
    }
}
