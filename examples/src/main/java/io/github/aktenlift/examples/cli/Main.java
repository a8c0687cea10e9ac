package io.github.aktenlift.examples.cli;

import io.github.aktenlift.AktenliftException;
import io.github.aktenlift.ConcurrentUpdateException;
import io.github.aktenlift.JournalIntegrityException;
import io.github.aktenlift.spi.IntegrityException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The Aktenlift command line. Run {@code java -jar aktenlift-cli.jar --help} for the commands.
 *
 * @since 0.1
 */
@Command(name = "aktenlift", mixinStandardHelpOptions = true, version = "Aktenlift 0.1",
        synopsisSubcommandLabel = "COMMAND",
        description = "Runs the paper-to-digital lifecycle of case files on a workspace directory.",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  done, but some case files were rejected (ingest, import, receive) or would be (delivery check), or a"
                    + " goods receipt (pickup receive) found discrepancies; the others went through",
            "  2  usage or input error: a bad option, a missing workspace, an unknown barcode, a bad xdomea message,",
            "     a bad baseline CSV (nothing imported); in a scanner session (box pack, pickup, prepare, qa, ...) a refused",
            "     scan: the accepted scans were recorded, the refused ones changed nothing",
            "  3  integrity failure: the journal or stored content was altered",
            "  4  internal error (a bug: please report it with the stack trace)"})
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private Main() {
    }

    /**
     * Runs one command and exits with its {@linkplain ExitCodes exit code}.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        // Hibernate Validator logs through JBoss Logging; send that to SLF4J (warnings only, see simplelogger.properties)
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.exit(run(args, Environment.system()));
    }

    /** Runs one command in the given environment and returns its exit code; never exits the JVM. */
    static int run(String[] args, Environment env) {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new DemoCommand(env));
        cli.addSubcommand(new InitCommand(env));
        cli.addSubcommand(new CommandLine(new InventoryCommand()).addSubcommand(new InventoryCommand.Import(env))
                .addSubcommand(new InventoryCommand.Issue(env)));
        cli.addSubcommand(new IngestCommand(env));
        cli.addSubcommand(new ImportCommand(env));
        cli.addSubcommand(new ReceiveCommand(env));
        cli.addSubcommand(new StatusCommand(env));
        cli.addSubcommand(new HistoryCommand(env));
        cli.addSubcommand(new ReportCommand(env));
        cli.addSubcommand(new VerifyCommand(env));
        cli.addSubcommand(new LabelsCommand(env));
        cli.addSubcommand(new CommandLine(new BoxCommand()).addSubcommand(new BoxCommand.Open(env))
                .addSubcommand(new BoxCommand.Pack(env)).addSubcommand(new BoxCommand.Seal(env))
                .addSubcommand(new BoxCommand.Reopen(env)));
        cli.addSubcommand(new CommandLine(new PickupCommand()).addSubcommand(new PickupCommand.Plan(env))
                .addSubcommand(new PickupCommand.Collect(env)).addSubcommand(new PickupCommand.Receive(env)));
        cli.addSubcommand(new PrepareCommand(env));
        cli.addSubcommand(new BenchCommand(env));
        cli.addSubcommand(new CommandLine(new StorageCommand()).addSubcommand(new StorageDoctorCommand(env)));
        cli.addSubcommand(new CommandLine(new EvidenceRenewCommand.Group()).addSubcommand(new EvidenceRenewCommand(env)));
        cli.addSubcommand(new CommandLine(new DeliveryCommand()).addSubcommand(new DeliveryCheckCommand(env))
                .addSubcommand(new DeliveryIndexCommand(env)));
        // the later stages: after capture
        cli.addSubcommand(QaCommand.line(env));
        cli.addSubcommand(RecallCommand.line(env));
        cli.addSubcommand(TransferCommand.line(env));
        cli.addSubcommand(RetentionCommand.line(env));
        cli.addSubcommand(HoldCommand.line(env));
        cli.addSubcommand(DestructionCommand.line(env));
        cli.addSubcommand(NotificationsCommand.line(env));
        cli.setOut(env.out());
        cli.setErr(env.err());
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command));
        try {
            return cli.execute(args);
        } finally {
            env.out().flush();
            env.err().flush();
        }
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is missing");
    }

    /** A bad option or argument: one line, a hint, no usage dump and no stack trace. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof CommandLine.UnmatchedArgumentException u
                && command.getCommandSpec().userObject() instanceof TransferCommand.Register
                && u.getUnmatched().stream().anyMatch(a -> !a.startsWith("-"))) {
            // picocli would repeat the arguments, and here they may be a person's names (option names are not)
            err.println(name + ": " + u.getUnmatched().size() + " unexpected argument(s), not repeated here as they may be"
                    + " personal data (put a name with spaces in quotes)");
        } else {
            err.println(name + ": " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        }
        err.println("Try '" + name + " --help'.");
        return ExitCodes.USAGE;
    }

    /**
     * Maps what a command threw to a message and an exit code. Aktenlift's own exceptions name
     * identifiers only, never personal data, so their messages are shown as they are.
     */
    static int failure(Exception e, CommandLine command) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof JournalIntegrityException || e instanceof IntegrityException) {
            err.println(name + ": integrity failure: " + e.getMessage());
            return ExitCodes.INTEGRITY;
        }
        if (e instanceof io.github.aktenlift.adapters.xdomea.message.MessageException
                || e instanceof XdomeaIntake.BadMessage) {
            // a received message that failed a check: it names the entry and element, never a value
            err.println(name + ": bad xdomea message, nothing kept: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof UserException
                || (e instanceof AktenliftException && !(e instanceof ConcurrentUpdateException))) {
            err.println(name + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println(name + ": internal error: " + e);
        e.printStackTrace(err);
        return ExitCodes.INTERNAL;
    }
}
