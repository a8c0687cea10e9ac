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

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Map;
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

    private final Path dir;
    private final boolean fsync;
    private final FilesystemStorage storage;
    private final HotfolderProcedure procedure;
    private final Aktenlift lift;

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
        try {
            // a procedure that is never called, so that what the journal knows about imports can be read
            this.lift = Aktenlift.builder().storage(storage).clock(clock).ids(ids).procedure(new NoProcedure()).build();
        } catch (RuntimeException e) {
            storage.close();
            throw e;
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
        this(dir, clock, ids, fsync, Map.of());
    }

    private Workspace(Path dir, Clock clock, IdSource ids, boolean fsync, Map<String, String> storageSettings) {
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
        try {
            this.procedure = HotfolderProcedure.open(dir.resolve(HOTFOLDER), settings(), IndexWriter.json(), clock);
            this.lift = Aktenlift.builder().storage(storage).clock(clock).ids(ids).procedure(procedure)
                    .notifier(OutboxNotifier.open(dir.resolve(OUTBOX), settings())).build();
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
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
     * Like {@link #create(Path, Clock, IdSource, boolean)}, with settings for the storage, such as
     * {@link FilesystemSettings#FORMAT}: tests make a workspace as older versions did.
     */
    static Workspace create(Path dir, Clock clock, IdSource ids, boolean fsync, Map<String, String> storageSettings) {
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
        return new Workspace(dir, clock, ids, fsync, storageSettings);
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

    /** The specialist procedure behind the hotfolder, which {@code lift().imports()} imports into; none when read-only. */
    HotfolderProcedure procedure() {
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
            storage.close();
        }
    }
}
