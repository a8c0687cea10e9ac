package io.github.aktenlift.examples.cli;

import io.github.aktenlift.spi.UnsupportedCapabilityException;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.ProcedureCapability;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.adapters.filesystem.FilesystemSettings;
import io.github.aktenlift.adapters.filesystem.FilesystemStorage;
import io.github.aktenlift.adapters.filesystem.HotfolderProcedure;
import io.github.aktenlift.adapters.filesystem.IndexWriter;
import io.github.aktenlift.adapters.filesystem.OutboxNotifier;

import io.github.aktenlift.adapters.sealing.PadesEvidenceSealerProvider;
import io.github.aktenlift.adapters.sealing.Pkcs12SealingKeyProvider;
import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.sealing.EvidenceSealer;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A workspace directory: the filesystem adapter's storage in {@code storage/}, the specialist
 * procedure's hotfolder in {@code hotfolder/} (Aktenlift's imports go there), notifications in
 * {@code outbox/}. Opening one replays and checks its journal.
 */
final class Workspace implements AutoCloseable {

    static final String STORAGE = "storage";
    static final String HOTFOLDER = "hotfolder";
    static final String OUTBOX = "outbox";
    /** The filesystem storage's format marker (see docs/filesystem-adapter.md): its presence makes a workspace. */
    private static final String MARKER = "aktenlift-storage.txt";

    /**
     * Where a workspace keeps its sealing configuration, if it seals: {@code sealing/sealing.properties}
     * holds the settings of a {@code pades:} sealer ({@code aktenlift.pades.key}, the key's password,
     * {@code aktenlift.pades.trust}; see docs/sealing.md). Commands open the sealer from it, so that
     * {@code verify --deep} checks every seal against the configured trust anchors.
     */
    static final String SEALING = "sealing";
    static final String SEALING_PROPERTIES = "sealing.properties";

    private final Path dir;
    private final boolean fsync;
    /**
     * The office's policies where they differ from the defaults: {@code direct-receipt=NEVER|TRANSFERS|ALL}
     * (see {@code aktenlift init}); a missing file means the defaults.
     */
    static final String POLICIES = "policies.properties";
    static final String DIRECT_RECEIPT = "direct-receipt";
    /** The workspace's choice of procedure, if not its hotfolder: {@code procedure=URI} and settings. */
    static final String PROCEDURE_CONFIG = "procedure.properties";

    private final FilesystemStorage storage;
    private final SpecialistProcedure procedure;
    private final Aktenlift lift;
    /** The sealer this workspace opened from its sealing/ settings and closes; {@code null} if none. */
    private final EvidenceSealer ownSealer;

    /** A workspace opened only to read: storage read-only, no procedure, no notifier; nothing on disk changes. */
    private Workspace(Path dir, Clock clock, IdSource ids) {
        this.dir = dir;
        this.fsync = true;
        try {
            this.storage = FilesystemStorage.open(dir.resolve(STORAGE), Map.of(FilesystemSettings.READ_ONLY, "true"));
        } catch (IllegalArgumentException e) {
            throw new UserException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        this.procedure = null;
        EvidenceSealer sealer = null;
        try {
            sealer = openSealer(dir);
            // a procedure that is never called, so that what the journal knows about imports can be read
            Aktenlift.Builder b = Aktenlift.builder().storage(storage).clock(clock).ids(ids).procedure(new NoProcedure());
            if (sealer != null) {
                b.sealing(sealer);
            }
            this.lift = b.build();
            this.ownSealer = sealer;
        } catch (RuntimeException e) {
            if (sealer != null) {
                sealer.close();
            }
            storage.close();
            throw e;
        }
    }

    /** @return the sealer this workspace opened from its sealing/ settings, or {@code null} if it has none */
    EvidenceSealer sealer() {
        return ownSealer;
    }

    /** @return the sealer the workspace's sealing settings describe, or {@code null} if it has none */
    private static EvidenceSealer openSealer(Path dir) {
        Path file = dir.resolve(SEALING).resolve(SEALING_PROPERTIES);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new java.util.HashMap<>();
        p.stringPropertyNames().forEach(n -> settings.put(n, p.getProperty(n)));
        // file names without a directory lie in sealing/, so that a copied workspace keeps its key
        Path sealing = file.getParent().toAbsolutePath();
        String key = settings.get(PadesEvidenceSealerProvider.KEY);
        if (key != null && key.startsWith(Pkcs12SealingKeyProvider.SCHEME + ":") && !key.startsWith(
                Pkcs12SealingKeyProvider.SCHEME + ":/")) {
            String rest = key.substring(Pkcs12SealingKeyProvider.SCHEME.length() + 1);
            int q = rest.indexOf('?');
            Path local = sealing.resolve(q < 0 ? rest : rest.substring(0, q));
            settings.put(PadesEvidenceSealerProvider.KEY, local.toUri().toString().replaceFirst("^file:",
                    Pkcs12SealingKeyProvider.SCHEME + ":") + (q < 0 ? "" : rest.substring(q)));
        }
        String trust = settings.get(PadesEvidenceSealerProvider.TRUST);
        if (trust != null) {
            settings.put(PadesEvidenceSealerProvider.TRUST, String.join(",", java.util.Arrays.stream(trust.split(","))
                    .map(t -> sealing.resolve(t.trim()).toString()).toList()));
        }
        try {
            return Providers.evidenceSealer(URI.create(PadesEvidenceSealerProvider.SCHEME + ":workspace"), settings);
        } catch (IllegalArgumentException e) {
            throw new UserException("the sealing settings in " + file + " are unusable: " + e.getMessage(), e);
        }
    }

    /**
     * The procedure of a workspace opened read-only: queries of imports (held matches) read only the
     * journal; anything that would talk to the procedure is refused.
     */
    private static final class NoProcedure implements SpecialistProcedure {

        private static UnsupportedCapabilityException refused() {
            return new UnsupportedCapabilityException("IMPORT", "the workspace is open read-only");
        }

        @Override
        public java.util.Set<ProcedureCapability> capabilities() {
            return java.util.EnumSet.noneOf(ProcedureCapability.class);
        }

        @Override
        public java.util.Optional<EFile> findByFileReference(String fileReference) {
            throw refused();
        }

        @Override
        public java.util.List<EFile> findByAzrNumber(String azrNumber) {
            throw refused();
        }

        @Override
        public java.util.List<EFile> findBySubject(SubjectQuery subject) {
            throw refused();
        }

        @Override
        public EFile createEFile(EFileRequest request) {
            throw refused();
        }

        @Override
        public ImportOutcome importPackage(ImportPackage pkg) {
            throw refused();
        }

        @Override
        public ImportOutcome status(String idempotencyKey) {
            throw refused();
        }
    }

    private Workspace(Path dir, Clock clock, IdSource ids, boolean fsync) {
        this(dir, clock, ids, fsync, null, null, null, Map.of());
    }

    private Workspace(Path dir, Clock clock, IdSource ids, boolean fsync, Options.Procedure choice) {
        this(dir, clock, ids, fsync, choice, null, null, Map.of());
    }

    /**
     * @param choice the procedure given on the command line, or {@code null} for the workspace's
     * @param sealer a sealer the caller owns (the demo's, with its in-process timestamp authority),
     *     or {@code null} to open the one the workspace's sealing settings describe, if any
     * @param policies the policies, or {@code null} for the defaults
     * @param storageSettings settings for the storage, such as {@link FilesystemSettings#FORMAT}
     */
    private Workspace(Path dir, Clock clock, IdSource ids, boolean fsync, Options.Procedure choice,
            EvidenceSealer sealer, io.github.aktenlift.Policies policies, Map<String, String> storageSettings) {
        this.dir = dir;
        this.fsync = fsync;
        FilesystemStorage s;
        try {
            Map<String, String> settings = new java.util.HashMap<>(storageSettings);
            settings.put(FilesystemSettings.CREATE, "true");
            settings.put(FilesystemSettings.FSYNC, Boolean.toString(fsync));
            s = FilesystemStorage.open(dir.resolve(STORAGE), settings);
        } catch (IllegalArgumentException e) {
            throw new UserException("cannot use " + dir + ": " + e.getMessage(), e);
        }
        this.storage = s;
        EvidenceSealer own = null;
        try {
            own = sealer == null ? openSealer(dir) : null;
            this.procedure = procedure(dir, clock, choice);
            Aktenlift.Builder b = Aktenlift.builder().storage(storage).clock(clock).ids(ids).procedure(procedure)
                    .notifier(OutboxNotifier.open(dir.resolve(OUTBOX), settings()));
            io.github.aktenlift.Policies chosen = policies != null ? policies : configuredPolicies(dir);
            if (chosen != null) {
                b.policies(chosen);
            }
            if (sealer != null || own != null) {
                b.sealing(sealer != null ? sealer : own);
            }
            this.lift = b.build();
            this.ownSealer = own;
        } catch (RuntimeException e) {
            if (own != null) {
                own.close();
            }
            storage.close();
            throw e;
        }
    }

    /** @return the policies of the workspace's {@value #POLICIES}, or {@code null} if it has none */
    static io.github.aktenlift.Policies configuredPolicies(Path dir) {
        Path file = dir.resolve(POLICIES);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        }
        io.github.aktenlift.Policies policies = io.github.aktenlift.Policies.defaults();
        for (String name : p.stringPropertyNames()) {
            if (!name.equals(DIRECT_RECEIPT)) {
                throw new UserException(file + ": unknown setting '" + name + "' (known: " + DIRECT_RECEIPT + ")");
            }
        }
        String direct = p.getProperty(DIRECT_RECEIPT);
        if (direct != null) {
            try {
                policies = policies.withDirectReceipt(io.github.aktenlift.logistics.DirectReceipt.valueOf(direct.strip()));
            } catch (IllegalArgumentException e) {
                throw new UserException(file + ": " + DIRECT_RECEIPT + " must be NEVER, TRANSFERS or ALL", e);
            }
        }
        return policies;
    }

    /**
     * The procedure to import into: the one given on the command line, else the workspace's
     * {@value #PROCEDURE_CONFIG} ({@code procedure=URI} and the procedure's settings), else the
     * hotfolder in the workspace. Settings on the command line win over the file's.
     */
    private SpecialistProcedure procedure(Path dir, Clock clock, Options.Procedure choice) {
        java.util.Map<String, String> settings = new java.util.TreeMap<>();
        java.net.URI uri = null;
        Path config = dir.resolve(PROCEDURE_CONFIG);
        if (Files.isRegularFile(config)) {
            java.util.Properties p = new java.util.Properties();
            try (java.io.Reader in = Files.newBufferedReader(config)) {
                p.load(in);
            } catch (IOException e) {
                throw new UserException("cannot read " + config + ": " + e.getMessage(), e);
            }
            p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
            String u = settings.remove("procedure");
            uri = u == null ? null : java.net.URI.create(u);
        }
        if (choice != null) {
            settings.putAll(choice.settings);
            if (choice.uri != null) {
                uri = choice.uri;
            }
        }
        if (uri == null) {
            return HotfolderProcedure.open(dir.resolve(HOTFOLDER), settings(), IndexWriter.json(), clock);
        }
        try {
            return io.github.aktenlift.spi.Providers.specialistProcedure(uri, settings);
        } catch (IllegalArgumentException e) {
            throw new UserException("cannot open the procedure " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing workspace with a procedure given on the command line (or the workspace's).
     *
     * @throws UserException if the directory is missing or not a workspace, or the procedure cannot be opened
     */
    static Workspace open(Path dir, Clock clock, IdSource ids, Options.Procedure choice) {
        requireWorkspace(dir);
        return new Workspace(dir, clock, ids, true, choice);
    }

    /**
     * Opens an existing workspace.
     *
     * @throws UserException if the directory is missing or not a workspace
     * @throws io.github.aktenlift.JournalIntegrityException if its journal was altered
     */
    static Workspace open(Path dir, Clock clock, IdSource ids) {
        requireWorkspace(dir);
        return new Workspace(dir, clock, ids, true);
    }

    private static void requireWorkspace(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserException("workspace " + dir + " does not exist (create one with: aktenlift demo --dir "
                    + dir + ")");
        }
        if (!Files.isRegularFile(dir.resolve(STORAGE).resolve(MARKER))) {
            throw new UserException(dir + " is not an Aktenlift workspace: it has no " + STORAGE
                    + "/ (create one with: aktenlift demo --dir <new directory>)");
        }
    }

    /**
     * Opens an existing workspace only to read it ({@code verify}, {@code status}, {@code history}):
     * not a byte on disk changes, whatever state the workspace is in; every write is refused.
     *
     * @throws UserException if the directory is missing or not a workspace
     * @throws io.github.aktenlift.JournalIntegrityException if its journal was altered
     */
    static Workspace openReadOnly(Path dir, Clock clock, IdSource ids) {
        requireWorkspace(dir);
        return new Workspace(dir, clock, ids);
    }

    /**
     * Creates a workspace in a new or empty directory.
     *
     * @param fsync whether every write is forced to disk before it counts (the adapter's default);
     *     without, a machine crash may lose the last writes, a process crash still loses nothing
     * @throws UserException if the directory has something in it or cannot be created
     */
    static Workspace create(Path dir, Clock clock, IdSource ids, boolean fsync) {
        return create(dir, clock, ids, fsync, Map.of());
    }

    /**
     * Creates a workspace that seals: like {@link #create(Path, Clock, IdSource, boolean)}, with a
     * sealer the caller owns and closes after the workspace, and policies that say what it seals.
     * The caller writes the workspace's sealing settings for later commands.
     */
    static Workspace create(Path dir, Clock clock, IdSource ids, boolean fsync, EvidenceSealer sealer,
            io.github.aktenlift.Policies policies) {
        requireEmpty(dir);
        return new Workspace(dir, clock, ids, fsync, null, sealer, policies, Map.of());
    }

    /**
     * Like {@link #create(Path, Clock, IdSource, boolean)}, with settings for the storage, such as
     * {@link FilesystemSettings#FORMAT}: tests make a workspace as older versions did.
     */
    static Workspace create(Path dir, Clock clock, IdSource ids, boolean fsync, Map<String, String> storageSettings) {
        requireEmpty(dir);
        return new Workspace(dir, clock, ids, fsync, null, null, null, storageSettings);
    }

    private static void requireEmpty(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new UserException(dir + " is not empty; a new workspace needs a new or empty directory");
                    }
                }
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UserException("cannot create the workspace " + dir + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> settings() {
        return Map.of(FilesystemSettings.FSYNC, Boolean.toString(fsync));
    }

    Path dir() {
        return dir;
    }

    FilesystemStorage storage() {
        return storage;
    }

    Aktenlift lift() {
        return lift;
    }

    /** The specialist procedure {@code lift().imports()} imports into; none when read-only. */
    SpecialistProcedure procedure() {
        return procedure;
    }

    /** Removes a directory and everything in it; a missing one is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() {
        try {
            lift.close();
        } finally {
            try {
                if (ownSealer != null) {
                    ownSealer.close();
                }
            } finally {
                storage.close();
            }
        }
    }
}
