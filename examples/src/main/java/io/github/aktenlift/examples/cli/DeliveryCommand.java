package io.github.aktenlift.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code delivery}: the scan service's tools, {@code check} and {@code index}; no workspace needed. */
@Command(name = "delivery", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Tools for the scan service, run on a delivery folder before it is handed over; no workspace"
                + " needed. See docs/delivery-format.md.")
final class DeliveryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a delivery command is missing (try: delivery check DIR)");
    }
}
