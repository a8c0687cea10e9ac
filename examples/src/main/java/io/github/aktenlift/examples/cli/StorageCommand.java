package io.github.aktenlift.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code storage}: housekeeping of a store; its work is done by subcommands such as {@code doctor}. */
@Command(name = "storage", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Examines a store (a workspace's or any storage location) and cleans up after failures.")
final class StorageCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a storage command is missing (try: storage doctor)");
    }
}
