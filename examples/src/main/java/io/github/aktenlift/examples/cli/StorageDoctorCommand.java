package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.adapters.s3.IncompleteUpload;
import io.github.aktenlift.adapters.s3.S3Storage;
import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.UnsupportedCapabilityException;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code storage doctor}: lists the content store and reports the objects it cannot list as
 * content (foreign or damaged); on an S3 store also the adapter's incomplete multipart uploads
 * older than an age, which {@code --clean} aborts. Changes nothing without {@code --clean}, and
 * with it only aborts uploads: never an object.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Lists a store's content and reports foreign or damaged objects (exit 3 if there are any);"
                + " on an S3 store also the incomplete multipart uploads older than --older-than, which --clean aborts."
                + " Objects are never changed.",
        footer = {"", "Examples:", "  aktenlift storage doctor --dir office",
            "  aktenlift storage doctor --store s3://bucket/office1 --setting aktenlift.s3.endpoint=https://s3.example.org"
                    + " --older-than P2D --clean"})
final class StorageDoctorCommand implements Callable<Integer> {

    private static final int PAGE = 1000;

    /** Where the store is: a workspace, or any storage URI. */
    static final class Where {
        @Option(names = "--dir", paramLabel = "DIR", description = "a workspace directory: its storage")
        Path dir;

        @Option(names = "--store", paramLabel = "URI", description = "a storage location, such as s3://bucket/prefix or file:/path")
        URI store;
    }

    private final Environment env;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Where where;

    @Option(names = "--setting", paramLabel = "NAME=VALUE",
            description = "a setting of the store's adapter, such as aktenlift.s3.endpoint=…; repeatable")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--older-than", paramLabel = "DURATION", defaultValue = "P1D",
            description = "incomplete uploads started longer ago than this ISO-8601 duration (default: ${DEFAULT-VALUE})")
    private Duration olderThan;

    @Option(names = "--clean", description = "abort the incomplete uploads found (S3 only)")
    private boolean clean;

    @Mixin
    private Options.Output output;

    StorageDoctorCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (olderThan.isNegative()) {
            throw new UserException("--older-than must not be negative");
        }
        if (where.dir != null) {
            try (Workspace w = Workspace.openReadOnly(where.dir, env.clock(), env.ids())) {
                return examine(w.storage());
            }
        }
        try (Storage storage = Providers.storage(where.store, settings)) {
            return examine(storage);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        } catch (UnavailableException | UnsupportedCapabilityException e) {
            // an unreachable or unsuitable store is the operator's to fix, not a bug: no stack trace
            throw new UserException("cannot use the store " + where.store + ": " + e.getMessage(), e);
        }
    }

    private int examine(Storage storage) {
        long objects = 0;
        List<ContentProblem> problems = new ArrayList<>();
        Optional<Key> after = Optional.empty();
        do {
            ContentPage page = storage.content().list("", after, PAGE);
            objects += page.items().size();
            problems.addAll(page.problems());
            after = page.next();
        } while (after.isPresent());

        Instant before = env.clock().instant().minus(olderThan);
        List<IncompleteUpload> uploads = List.of();
        List<IncompleteUpload> aborted = List.of();
        boolean s3 = storage instanceof S3Storage;
        if (storage instanceof S3Storage s) {
            uploads = s.incompleteUploads(before);
            if (clean) {
                aborted = s.abortIncompleteUploads(before);
            }
        }
        if (output.json) {
            ObjectNode root = Json.object();
            root.put("objects", objects).put("problemsFound", problems.size());
            ArrayNode ps = root.putArray("problems");
            problems.forEach(p -> ps.addObject().put("key", p.key()).put("reason", p.reason().name()).put("detail", p.detail()));
            if (s3) {
                ArrayNode us = root.putArray("incompleteUploads");
                uploads.forEach(u -> us.addObject().put("object", u.objectName()).put("uploadId", u.uploadId())
                        .put("initiated", u.initiated().toString()));
                root.put("aborted", aborted.size());
            }
            Json.print(env.out(), root);
        } else {
            env.out().println("content: " + objects + " objects, " + problems.size() + " problems");
            for (ContentProblem p : problems) {
                env.out().println("  " + p.reason() + " " + p.key() + ": " + p.detail());
            }
            if (s3) {
                env.out().println("incomplete uploads started before " + before + ": " + uploads.size());
                for (IncompleteUpload u : uploads) {
                    env.out().println("  " + u.objectName() + " (upload " + u.uploadId() + ", started " + u.initiated() + ")");
                }
                if (clean) {
                    env.out().println("aborted: " + aborted.size());
                } else if (!uploads.isEmpty()) {
                    env.out().println("run again with --clean to abort them");
                }
            }
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.INTEGRITY;
    }
}
