package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.inventory.Label;
import io.github.aktenlift.inventory.LabelSheet;
import io.github.aktenlift.tracking.WhereIs;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code labels}: barcode labels for case files and boxes, as a PDF/A for A4 label sheets. */
@Command(name = "labels", mixinStandardHelpOptions = true,
        description = {"Writes barcode labels (Code 128 and plain text) for case files and boxes of the workspace"
                + " as a PDF/A-2b, for A4 sheets of 3 x 8 labels of 70 x 37 mm.",
            "Case-file labels are captioned with the file reference, box labels with 'Transportbehälter'."})
final class LabelsCommand implements Callable<Integer> {

    private final Environment env;

    @Mixin
    private Options.WorkspaceDir workspace;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Which which;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the PDF to write")
    private Path output;

    /** Either barcodes or --all. */
    static final class Which {
        @Parameters(paramLabel = "BARCODE", arity = "1..*",
                description = "case files and boxes to label, in this order (twice for two labels)")
        List<String> barcodes;

        @Option(names = "--all", required = true,
                description = "every case file whose paper still exists, then every box, in barcode order")
        boolean all;
    }

    LabelsCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        List<Label> labels = new ArrayList<>();
        int files = 0;
        try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
            Aktenlift lift = w.lift();
            List<Barcode> wanted = new ArrayList<>();
            if (which.all) {
                for (Barcode b : lift.tracking().caseFiles()) {
                    // a digital transfer has no paper to put a label on
                    boolean digital = lift.tracking().history(b).get(0).kind()
                            == io.github.aktenlift.tracking.EventKind.DIGITAL_TRANSFER_RECEIVED;
                    if (!digital && lift.tracking().whereIs(b).orElseThrow().state() != CaseFileState.DESTROYED) {
                        wanted.add(b);
                    }
                }
                wanted.addAll(lift.tracking().boxes());
            } else {
                for (String text : which.barcodes) {
                    wanted.add(Barcode.of(text));
                }
            }
            if (wanted.isEmpty()) {
                throw new UserException("the workspace has no case files or boxes to label");
            }
            for (Barcode b : wanted) {
                Optional<WhereIs> file = lift.tracking().whereIs(b);
                if (file.isPresent()) {
                    labels.add(Label.caseFile(b, file.get().reference()));
                    files++;
                } else if (lift.tracking().box(b).isPresent()) {
                    labels.add(Label.box(b));
                } else {
                    throw new UnknownIdentifierException("case file or box", b.value());
                }
            }
        }
        int pages = write(labels);
        env.out().printf("wrote %d labels (case files: %d, boxes: %d) on %d page%s to %s%n", labels.size(), files,
                labels.size() - files, pages, pages == 1 ? "" : "s", output);
        return ExitCodes.OK;
    }

    /** Writes next to the target and moves it into place, so that a failure leaves no half a PDF. */
    private int write(List<Label> labels) throws IOException {
        Path target = output.toAbsolutePath();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserException("cannot write " + output + ": its directory does not exist");
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(parent, ".labels-", ".pdf.tmp");
        } catch (IOException e) {
            throw new UserException("cannot write " + output + ": " + e.getMessage(), e);
        }
        try {
            int pages;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                pages = LabelSheet.write(labels, env.clock().instant(), out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return pages;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
