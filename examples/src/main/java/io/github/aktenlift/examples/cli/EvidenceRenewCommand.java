package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.rendition.RenewalPolicy;
import io.github.aktenlift.rendition.RenewalReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code evidence renew}: adds a document timestamp (PAdES B-LTA) to every sealed rendition whose
 * newest timestamp is older than an age or rests on a digest algorithm marked as weakening; each
 * renewed file is stored beside the old version and journaled with both hashes.
 */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = "Renews the evidence of sealed renditions (BSI TR-ESOR, PAdES B-LTA): a new document timestamp over"
                + " each rendition whose newest timestamp is older than --older-than, or rests on a digest named by"
                + " --weakening. The renewed file is stored as a new version beside the old one, which stays; the journal"
                + " records both hashes. Needs the workspace's sealing/sealing.properties with a timestamp authority"
                + " (aktenlift.pades.tsa) and, to leave a weakening digest, a stronger aktenlift.pades.renewal-digest.",
        footer = {"", "Examples:",
            "  aktenlift evidence renew --older-than 730d --dir office",
            "  aktenlift evidence renew --weakening SHA-256 --dir office   (with aktenlift.pades.renewal-digest=SHA-512)"})
final class EvidenceRenewCommand implements Callable<Integer> {

    private static final Pattern DAYS = Pattern.compile("(\\d{1,6})d");

    private final Environment env;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Mixin
    private Options.Output output;

    @Option(names = "--older-than", paramLabel = "AGE", defaultValue = "730d",
            description = "renew what was last timestamped longer ago than this: days (730d) or an ISO-8601 duration"
                    + " (P730D); default: ${DEFAULT-VALUE}")
    private String olderThan;

    @Option(names = "--weakening", paramLabel = "DIGEST", split = ",",
            description = "a digest algorithm evidence must no longer rest on (SHA-256, SHA-1, ...); repeatable")
    private List<String> weakening = List.of();

    @Option(names = "--actor", paramLabel = "ID", defaultValue = "archivist",
            description = "who renews, recorded with each renewal; default: ${DEFAULT-VALUE}")
    private String actor;

    EvidenceRenewCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        RenewalPolicy policy = new RenewalPolicy(age(olderThan), Set.copyOf(new LinkedHashSet<>(weakening)));
        RenewalReport report;
        try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
            if (w.sealer() == null) {
                throw new UserException("the workspace has no sealing settings (sealing/sealing.properties): nothing is sealed"
                        + " here, so nothing can be renewed");
            }
            if (!w.sealer().timestamps()) {
                throw new UserException("the workspace's sealing settings name no timestamp authority (aktenlift.pades.tsa),"
                        + " which renewal needs");
            }
            try {
                report = w.lift().evidenceRenewal().renew(Actor.of(actor, "Archiv"), policy);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage(), e);
            }
        }
        if (output.json) {
            ObjectNode root = Json.object();
            root.put("examined", report.examined()).put("renewed", report.renewed());
            ArrayNode list = root.putArray("renewals");
            report.renewals().forEach(r -> list.addObject().put("barcode", r.barcode()).put("rendition", r.rendition())
                    .put("previousKey", r.previousKey()).put("previousSha256", r.previousSha256())
                    .put("renewedKey", r.renewedKey()).put("renewedSha256", r.renewedSha256()));
            Json.print(env.out(), root);
        } else {
            report.renewals().forEach(r -> env.out().printf("renewed %s: %s -> %s%n", r.barcode(), r.previousKey(),
                    r.renewedKey()));
            env.out().printf("evidence renewal: %d sealed renditions examined, %d renewed%n", report.examined(),
                    report.renewed());
        }
        return ExitCodes.OK;
    }

    private static Duration age(String text) {
        Matcher m = DAYS.matcher(text.trim());
        if (m.matches()) {
            return Duration.ofDays(Long.parseLong(m.group(1)));
        }
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative()) {
                throw new UserException("--older-than must not be negative: " + text);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new UserException("--older-than: '" + text + "' is no age; write days (730d) or ISO-8601 (P730D)", e);
        }
    }

    /** {@code evidence}: the group. */
    @Command(name = "evidence", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
            description = "Keeps sealed evidence verifiable for decades.",
            footer = {"", "Example: aktenlift evidence renew --older-than 730d --dir office"})
    static final class Group implements Callable<Integer> {
        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is missing: renew");
        }
    }
}
