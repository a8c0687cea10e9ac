package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.spi.notification.Notification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code notifications}: what the office and the scan service are told (the workspace's
 * {@code outbox/}) — the ones not delivered yet, another attempt at them, and what time has made due.
 */
@Command(name = "notifications", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Notifications to the office and the scan service: list the undelivered, redeliver, raise what is due.",
        footer = {"", "Example: aktenlift notifications redeliver --dir office"})
final class NotificationsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private NotificationsCommand() {
    }

    static CommandLine line(Environment env) {
        return new CommandLine(new NotificationsCommand()).addSubcommand(new Undelivered(env))
                .addSubcommand(new Redeliver(env)).addSubcommand(new RaiseDue(env));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a notifications command is missing"
                + " (notifications list, notifications redeliver, notifications raise-due)");
    }

    static ArrayNode json(ArrayNode list, List<Notification> ns) {
        for (Notification n : ns) {
            ObjectNode o = list.addObject().put("id", n.id()).put("type", n.type().name())
                    .put("recipient", n.recipient().kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + n.recipient().value())
                    .put("createdAt", n.createdAt().toString());
            ObjectNode details = o.putObject("details");
            n.details().forEach(details::put);
        }
        return list;
    }

    static void print(PrintWriter out, List<Notification> ns) {
        for (Notification n : ns) {
            out.printf("  %-24s %-22s %-20s %s  %s%n", n.id(), n.type(), n.recipient().value(), n.createdAt(),
                    n.details().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
    }

    /** {@code notifications list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the notifications not known to be delivered, oldest first (at most 10,000). Changes nothing.",
            footer = {"", "Example: aktenlift notifications list --dir office --json"})
    static final class Undelivered implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Undelivered(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Workspace w = Workspace.openReadOnly(workspace.dir, env.clock(), env.ids())) {
                List<Notification> ns = w.lift().notifications().undelivered();
                if (output.json) {
                    ObjectNode root = Json.object();
                    json(root.putArray("undelivered"), ns);
                    Json.print(env.out(), root);
                } else {
                    env.out().printf("%d undelivered notification(s)%n", ns.size());
                    print(env.out(), ns);
                }
                return ExitCodes.OK;
            }
        }
    }

    /** {@code notifications redeliver}. */
    @Command(name = "redeliver", mixinStandardHelpOptions = true,
            description = {"Tries every undelivered notification again, oldest first, under its own id (a receiver drops"
                    + " a repeat); after a recipient's first failure its later ones wait for the next run.",
                "Exits with 1 if some are still undelivered."},
            footer = {"", "Example: aktenlift notifications redeliver --dir office"})
    static final class Redeliver implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Redeliver(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                int before = w.lift().notifications().undelivered().size();
                int left = w.lift().notifications().redeliver();
                if (output.json) {
                    Json.print(env.out(), Json.object().put("undeliveredBefore", before).put("undelivered", left));
                } else {
                    env.out().printf("redelivered: %d of %d; %d still undelivered%n", Math.max(0, before - left), before, left);
                }
                return left == 0 ? ExitCodes.OK : ExitCodes.REJECTED;
            }
        }
    }

    /** {@code notifications raise-due}. */
    @Command(name = "raise-due", mixinStandardHelpOptions = true,
            description = "Raises what time has made due since the last run: recalls past their service level, a pickup"
                    + " that is due, files due for destruction on no open list. Run it periodically, such as each morning.",
            footer = {"", "Example: aktenlift notifications raise-due --dir office"})
    static final class RaiseDue implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        RaiseDue(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                List<Notification> raised = w.lift().notifications().raiseDue();
                if (output.json) {
                    ObjectNode root = Json.object();
                    json(root.putArray("raised"), raised);
                    Json.print(env.out(), root);
                } else {
                    env.out().printf("%d notification(s) raised%n", raised.size());
                    print(env.out(), raised);
                }
                return ExitCodes.OK;
            }
        }
    }
}
