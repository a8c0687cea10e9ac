package io.github.aktenlift.adapters.filesystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectMatching;
import io.github.aktenlift.spi.procedure.SubjectQuery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A specialist procedure reached through a hotfolder: import packages are handed into an inbox
 * directory, and the procedure answers with acknowledgement or rejection files in an outbox.
 * The formats are documented in {@code docs/hotfolder-format.md}.
 *
 * <p><b>Handing over:</b> a package is built in {@code inbox/.<name>.tmp/} — every item copied
 * while its size and SHA-256 are checked (a mismatch removes the directory and raises
 * {@link IntegrityException}), then the index file — all forced to disk; then a hand-over record
 * is written to {@code state/}, and the directory is renamed atomically to {@code inbox/<name>/}.
 * The procedure only ever sees complete packages. {@code <name>} is the idempotency key as a safe
 * file name.
 *
 * <p><b>Idempotency:</b> a key with an outcome in the outbox returns it; a key with a hand-over
 * record is pending (a rename interrupted by a crash is completed); only a key never handed over is
 * written, under a per-key lock that also holds across processes. So nothing is handed over twice,
 * also across restarts.
 *
 * <p><b>E-files:</b> kept in a registry directory {@code efiles/}, one JSON file per e-file, which
 * both sides may write. Subjects are not stored, only salted SHA-256 fingerprints of them, so the
 * registry holds no personal data in clear; {@link #findBySubject} compares fingerprints of the
 * names in their {@link SubjectMatching} form, {@link #findByAzrNumber} those of the AZR number.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class HotfolderProcedure implements SpecialistProcedure {

    private static final int BUFFER = 1 << 16;

    private final Path root;
    private final Path inbox;
    private final Path outbox;
    private final Path efiles;
    private final Path state;
    private final Path tmp;
    private final DurableFiles files;
    private final FileLocks locks;
    private final Path lockDir;
    private final IndexWriter indexWriter;
    private final Duration retryAfter;
    private final Clock clock;
    private final byte[] salt;

    private HotfolderProcedure(Path root, Path inbox, Path outbox, IndexWriter indexWriter, Duration retryAfter,
            boolean fsync, Clock clock) throws IOException {
        this.root = root;
        this.inbox = inbox;
        this.outbox = outbox;
        this.efiles = root.resolve("efiles");
        this.state = root.resolve("state");
        this.tmp = root.resolve("tmp");
        this.lockDir = root.resolve("locks");
        this.files = new DurableFiles(fsync);
        this.locks = new FileLocks(files, root);
        this.indexWriter = indexWriter;
        this.retryAfter = retryAfter;
        this.clock = clock;
        for (Path d : List.of(efiles, state, tmp, lockDir)) {
            files.ensureDirectory(d, root);
        }
        for (Path d : List.of(inbox, outbox)) {
            if (d.startsWith(root)) {
                files.ensureDirectory(d, root);
            } else if (!Files.isDirectory(d)) {
                throw new IllegalArgumentException("hotfolder directory " + d + " does not exist");
            }
        }
        this.salt = salt();
    }

    /**
     * Opens a hotfolder with the default JSON index and the system clock.
     *
     * @param root the hotfolder's root; holds {@code inbox/}, {@code outbox/} (unless
     *     {@value FilesystemSettings#INBOX} and {@value FilesystemSettings#OUTBOX} say otherwise),
     *     {@code efiles/}, {@code state/}, {@code locks/} and {@code tmp/}
     * @param settings {@link FilesystemSettings} by name
     * @return the procedure
     * @throws IllegalArgumentException if a directory is unusable or a setting malformed
     */
    public static HotfolderProcedure open(Path root, Map<String, String> settings) {
        return open(root, settings, IndexWriter.json(), Clock.systemUTC());
    }

    /**
     * Opens a hotfolder.
     *
     * @param root the hotfolder's root
     * @param settings {@link FilesystemSettings} by name
     * @param indexWriter writes each package's index
     * @param clock stamps hand-over records
     * @return the procedure
     * @throws IllegalArgumentException if a directory is unusable, a setting malformed, or the
     *     index file name is not a legal item name
     */
    public static HotfolderProcedure open(Path root, Map<String, String> settings, IndexWriter indexWriter, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(indexWriter, "indexWriter");
        Objects.requireNonNull(clock, "clock");
        if (indexWriter.fileName() == null || !indexWriter.fileName().matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("index file name must be 1 to 128 of A-Z a-z 0-9 . _ -, not starting with '.'");
        }
        Path r = FilesystemStorage.checkedRoot(root, FilesystemSettings.bool(settings, FilesystemSettings.CREATE, true));
        Path in = settings.containsKey(FilesystemSettings.INBOX)
                ? Path.of(settings.get(FilesystemSettings.INBOX)).toAbsolutePath().normalize() : r.resolve("inbox");
        Path out = settings.containsKey(FilesystemSettings.OUTBOX)
                ? Path.of(settings.get(FilesystemSettings.OUTBOX)).toAbsolutePath().normalize() : r.resolve("outbox");
        Duration retry = FilesystemSettings.duration(settings, FilesystemSettings.RETRY_AFTER, Duration.ofMinutes(1));
        boolean fsync = FilesystemSettings.bool(settings, FilesystemSettings.FSYNC, true);
        try {
            return new HotfolderProcedure(r, in, out, indexWriter, retry, fsync, clock);
        } catch (IOException e) {
            throw new IllegalArgumentException("hotfolder " + root + " is not usable: " + e.getMessage(), e);
        }
    }

    /** @return the inbox packages are handed into */
    public Path inbox() {
        return inbox;
    }

    /** @return the outbox acknowledgements are read from */
    public Path outbox() {
        return outbox;
    }

    /**
     * @param idempotencyKey an import's key
     * @return the file and directory name used for it in inbox, outbox and state
     */
    public static String packageName(String idempotencyKey) {
        if (idempotencyKey.isEmpty()) {
            throw new IllegalArgumentException("idempotency key must not be empty");
        }
        return FileNames.encode(idempotencyKey);
    }

    // ---- e-files ------------------------------------------------------------------------------

    @Override
    public Optional<EFile> findByFileReference(String fileReference) {
        Objects.requireNonNull(fileReference, "fileReference");
        return registry().stream().filter(e -> e.fileReference.equals(fileReference)).map(Registered::eFile).findFirst();
    }

    @Override
    public List<EFile> findByAzrNumber(String azrNumber) {
        Objects.requireNonNull(azrNumber, "azrNumber");
        String wanted = azrFingerprint(azrNumber);
        return registry().stream().filter(r -> wanted.equals(r.azrFingerprint)).map(Registered::eFile).toList();
    }

    @Override
    public List<EFile> findBySubject(SubjectQuery subject) {
        Objects.requireNonNull(subject, "subject");
        String wanted = nameFingerprint(subject);
        return registry().stream().filter(r -> wanted.equals(r.nameFingerprint)).map(Registered::eFile).toList();
    }

    @Override
    public EFile createEFile(EFileRequest request) {
        Objects.requireNonNull(request, "request");
        String id = "EF-" + HexFormat.of().formatHex(sha256(("efile\n" + request.idempotencyKey())
                .getBytes(StandardCharsets.UTF_8)), 0, 12).toUpperCase(Locale.ROOT);
        Path file = efiles.resolve(id + ".json");
        try {
            return locks.withLock(FileLocks.Kind.HOTFOLDER, lockDir.resolve("efile-" + id + Layout.LOCK), () -> {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    return readRegistered(file).eFile();
                }
                ObjectNode node = Json.MAPPER.createObjectNode();
                node.put("id", id);
                node.put("fileReference", request.fileReference());
                node.put("idempotencyKey", request.idempotencyKey());
                node.put("nameFingerprint", nameFingerprint(request.subject()));
                node.put("azrFingerprint", azrFingerprint(request.subject().azrNumber()));
                files.writeAtomically(file, tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
                return new EFile(id, request.fileReference());
            });
        } catch (IOException e) {
            throw new UnavailableException("cannot create e-file for key '" + request.idempotencyKey() + "'", e);
        }
    }

    private record Registered(String id, String fileReference, String nameFingerprint, String azrFingerprint) {
        EFile eFile() {
            return new EFile(id, fileReference);
        }
    }

    /** A parsed registry file and the attributes it had when it was read. */
    private record Cached(FileTime modified, long size, Object fileKey, Registered entry) {
        boolean describes(BasicFileAttributes a) {
            return modified.equals(a.lastModifiedTime()) && size == a.size() && Objects.equals(fileKey, a.fileKey());
        }
    }

    /**
     * How long after the registry directory last changed its modification time is trusted to tell
     * every later change: longer than the coarsest timestamp granularity of the file systems in
     * use (2 s on FAT and some SMB shares) plus a margin for the share's clock.
     */
    private static final long SETTLED_MILLIS = 3_000;

    /** Registry files read so far, by name; guarded by {@code this}. */
    private final Map<Path, Cached> registryCache = new HashMap<>();
    /** The last registry read, in id order, and when and on what state of the directory it began. */
    private List<Registered> registryList;
    private FileTime registryDirModified;
    private Object registryDirKey;
    private long registryReadStarted;

    /**
     * Every e-file in the registry, in id order, read incrementally: one look-up per import of the
     * bulk project, each reading and parsing every registry file, was quadratic.
     *
     * <p>If the directory's modification time has not moved since the last read, and that read
     * began well after the directory's last change ({@link #SETTLED_MILLIS}), nothing was added,
     * replaced or removed since, and the last read stands (one {@code stat}). Otherwise the
     * directory is listed, and a file is parsed again only when its modification time, size or
     * file key (inode) differ from when it was read. Writers on the procedure's side must replace a
     * registry file by rename, as {@code createEFile} does (a rename changes the directory); a file
     * rewritten in place is seen at the next change of the directory.
     */
    private synchronized List<Registered> registry() {
        try {
            BasicFileAttributes dir = Files.readAttributes(efiles, BasicFileAttributes.class);
            if (registryList != null && dir.lastModifiedTime().equals(registryDirModified)
                    && Objects.equals(dir.fileKey(), registryDirKey)
                    && registryReadStarted - registryDirModified.toMillis() > SETTLED_MILLIS) {
                return registryList;
            }
            long started = System.currentTimeMillis();
            Map<Path, Cached> seen = new HashMap<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(efiles, "*.json")) {
                for (Path p : stream) {
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (NoSuchFileException gone) {
                        continue; // removed since the listing
                    }
                    if (!a.isRegularFile()) {
                        throw new IntegrityException("efiles/" + p.getFileName(), "not a regular file (a link or a directory)");
                    }
                    Cached c = registryCache.get(p);
                    if (c == null || !c.describes(a)) {
                        c = new Cached(a.lastModifiedTime(), a.size(), a.fileKey(), readRegistered(p));
                    }
                    seen.put(p, c);
                }
            }
            registryCache.clear();
            registryCache.putAll(seen);
            List<Registered> all = new ArrayList<>(seen.size());
            for (Cached c : seen.values()) {
                all.add(c.entry());
            }
            all.sort((a, b) -> a.id.compareTo(b.id));
            registryList = List.copyOf(all);
            registryDirModified = dir.lastModifiedTime();
            registryDirKey = dir.fileKey();
            registryReadStarted = started;
            return registryList;
        } catch (IOException e) {
            throw new UnavailableException("cannot read the e-file registry", e);
        }
    }

    private static Registered readRegistered(Path p) throws IOException {
        JsonNode n = Json.MAPPER.readTree(Files.readAllBytes(p));
        return new Registered(Json.text(n, "id"), Json.text(n, "fileReference"),
                Json.optionalText(n, "nameFingerprint"), Json.optionalText(n, "azrFingerprint"));
    }

    /** Names in their matching form, so that the fingerprints of two spellings of one name agree. */
    private String nameFingerprint(SubjectQuery s) {
        return fingerprint("name\n" + SubjectMatching.key(s));
    }

    private String azrFingerprint(String azrNumber) {
        return azrNumber == null ? null : fingerprint("azr\n" + azrNumber.trim());
    }

    private String fingerprint(String text) {
        MessageDigest md = FileContentStore.sha256();
        md.update(salt);
        return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A random salt per hotfolder, so fingerprints cannot be looked up in precomputed tables. */
    private byte[] salt() throws IOException {
        Path file = efiles.resolve("registry.salt");
        return locks.withLock(FileLocks.Kind.HOTFOLDER, lockDir.resolve("salt" + Layout.LOCK), () -> {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                files.writeAtomically(file, tmp, fresh);
            }
            return Files.readAllBytes(file);
        });
    }

    // ---- imports ------------------------------------------------------------------------------

    @Override
    public ImportOutcome importPackage(ImportPackage pkg) {
        Objects.requireNonNull(pkg, "pkg");
        String key = pkg.idempotencyKey();
        String name = packageName(key);
        Set<String> names = new HashSet<>();
        names.add(indexWriter.fileName());
        for (PackageItem item : items(pkg)) {
            if (!names.add(item.name())) {
                throw new IllegalArgumentException("item name '" + item.name() + "' occurs twice or clashes with the index");
            }
        }
        Path marker = state.resolve(name + ".json");
        Path building = inbox.resolve("." + name + ".tmp");
        Path handedOver = inbox.resolve(name);
        try {
            return locks.withLock(FileLocks.Kind.HOTFOLDER, lockDir.resolve("import-" + name + Layout.LOCK), () -> {
                Optional<ImportOutcome> decided = outcome(key, name);
                if (decided.isPresent()) {
                    return decided.get();
                }
                if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.isDirectory(building, LinkOption.NOFOLLOW_LINKS)) {
                        // a crash came between the hand-over record and the rename: finish it
                        files.moveIntoPlace(building, handedOver);
                    }
                    return new ImportOutcome.Pending(key, retryAfter);
                }
                deleteTree(building);
                try {
                    build(pkg, building);
                } catch (IOException | RuntimeException e) {
                    deleteTree(building);
                    throw e;
                }
                ObjectNode record = Json.MAPPER.createObjectNode();
                record.put("idempotencyKey", key);
                record.put("package", name);
                record.put("handedOverAt", clock.instant().toString());
                files.writeAtomically(marker, tmp, Json.MAPPER.writeValueAsBytes(record));
                files.moveIntoPlace(building, handedOver);
                return new ImportOutcome.Pending(key, retryAfter);
            });
        } catch (IOException e) {
            throw new UnavailableException("cannot hand over import '" + key + "'", e);
        }
    }

    private static List<PackageItem> items(ImportPackage pkg) {
        List<PackageItem> all = new ArrayList<>(pkg.documents());
        all.add(pkg.scanProtocol());
        return all;
    }

    private void build(ImportPackage pkg, Path dir) throws IOException {
        Files.createDirectory(dir);
        for (PackageItem item : items(pkg)) {
            copyVerified(pkg.idempotencyKey(), item, dir.resolve(item.name()));
        }
        Path index = dir.resolve(indexWriter.fileName());
        try (FileChannel ch = FileChannel.open(index, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(ch);
            indexWriter.write(pkg, out);
            out.flush();
            files.force(ch);
        }
        files.forceDirectory(dir);
    }

    private void copyVerified(String key, PackageItem item, Path target) throws IOException {
        MessageDigest md = FileContentStore.sha256();
        long size = 0;
        try (InputStream in = item.content().open();
                FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[BUFFER];
            ByteBuffer bb = ByteBuffer.wrap(buf);
            for (int n; (n = in.read(buf)) >= 0; ) {
                size += n;
                if (size > item.size()) {
                    throw new IntegrityException(key + "/" + item.name(), "longer than the declared " + item.size() + " bytes");
                }
                md.update(buf, 0, n);
                bb.clear().limit(n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }
            if (size != item.size()) {
                throw new IntegrityException(key + "/" + item.name(), size + " bytes, declared " + item.size());
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(item.sha256())) {
                throw new IntegrityException(key + "/" + item.name(), "SHA-256 " + actual + ", declared " + item.sha256());
            }
            files.force(ch);
        }
    }

    @Override
    public ImportOutcome status(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        String name = packageName(idempotencyKey);
        try {
            Optional<ImportOutcome> decided = outcome(idempotencyKey, name);
            if (decided.isPresent()) {
                return decided.get();
            }
            if (Files.exists(state.resolve(name + ".json"), LinkOption.NOFOLLOW_LINKS)) {
                return new ImportOutcome.Pending(idempotencyKey, retryAfter);
            }
        } catch (IOException e) {
            throw new UnavailableException("cannot read the status of import '" + idempotencyKey + "'", e);
        }
        throw new NotFoundException(idempotencyKey);
    }

    /** Reads an acknowledgement ({@code <name>.ack.json}) or rejection ({@code <name>.rej.json}). */
    private Optional<ImportOutcome> outcome(String key, String name) throws IOException {
        Path ack = outbox.resolve(name + ".ack.json");
        Path rej = outbox.resolve(name + ".rej.json");
        try {
            JsonNode n = Json.MAPPER.readTree(Files.readAllBytes(ack));
            return Optional.of(new ImportOutcome.Accepted(key, Json.text(n, "receiptId"), Json.text(n, "eFileId"),
                    Instant.parse(Json.text(n, "at"))));
        } catch (NoSuchFileException e) {
            // not accepted (yet)
        } catch (IOException | DateTimeParseException e) {
            throw new IntegrityException(key, "acknowledgement file is malformed: " + e.getMessage());
        }
        try {
            JsonNode n = Json.MAPPER.readTree(Files.readAllBytes(rej));
            String detail = Json.optionalText(n, "detail");
            return Optional.of(new ImportOutcome.Rejected(key, Json.text(n, "reasonCode"), detail == null ? "" : detail));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IntegrityException(key, "rejection file is malformed: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static byte[] sha256(byte[] bytes) {
        return FileContentStore.sha256().digest(bytes);
    }

    @Override
    public String toString() {
        return "HotfolderProcedure[" + root + "]";
    }
}
