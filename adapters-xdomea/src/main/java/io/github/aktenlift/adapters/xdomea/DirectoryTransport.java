package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.adapters.xdomea.codec.EntryNames;
import io.github.aktenlift.adapters.xdomea.message.MessageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A {@link Transport} through two directories, as a hotfolder: Aktenlift writes messages into
 * {@code outgoing}, the partner writes its answers (and messages of its own) into {@code incoming}.
 *
 * <p><b>Outgoing:</b> a message is staged as {@code outgoing/.<name>.part} (a dot file: partners
 * never read those), forced to disk, and delivered by an atomic rename to {@code outgoing/<name>}.
 * A file without the leading dot is always complete. The partner takes it and moves or deletes it.
 *
 * <p><b>Incoming:</b> the partner must do the same — write under a name starting with a dot (or
 * elsewhere on the same file system) and rename into place — so that Aktenlift never reads half a
 * file. Dot files, directories and symbolic links in {@code incoming} are ignored. Aktenlift never
 * deletes or changes anything in {@code incoming}.
 *
 * <p>Thread-safe; safe across processes for distinct names.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DirectoryTransport implements Transport {

    private final Path outgoing;
    private final Path incoming;
    private final DurableFiles files;

    /**
     * @param outgoing where messages for the partner go; must exist
     * @param incoming where the partner's messages arrive; must exist
     * @param fsync whether to force files and directories to disk (turn off only in tests)
     * @throws IllegalArgumentException if a directory does not exist
     */
    public DirectoryTransport(Path outgoing, Path incoming, boolean fsync) {
        this.outgoing = directory(outgoing, "outgoing");
        this.incoming = directory(incoming, "incoming");
        this.files = new DurableFiles(fsync);
    }

    private static Path directory(Path p, String what) {
        Objects.requireNonNull(p, what);
        Path abs = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new IllegalArgumentException(what + " directory " + abs + " does not exist");
        }
        return abs;
    }

    /** @return the outgoing directory */
    public Path outgoing() {
        return outgoing;
    }

    /** @return the incoming directory */
    public Path incoming() {
        return incoming;
    }

    @Override
    public void stage(String fileName, Body body) throws IOException {
        Path part = outgoing.resolve("." + name(fileName) + ".part");
        Files.deleteIfExists(part);
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(ch);
            body.writeTo(out);
            out.flush();
            files.force(ch);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(part);
            throw e;
        }
        files.forceDirectory(outgoing);
    }

    @Override
    public boolean deliver(String fileName) throws IOException {
        Path part = outgoing.resolve("." + name(fileName) + ".part");
        try {
            files.moveIntoPlace(part, outgoing.resolve(fileName));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public Optional<InputStream> receive(String fileName) throws IOException {
        Path file = incoming.resolve(name(fileName));
        if (fileName.startsWith(".") || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> received() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(incoming)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(n);
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static String name(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        try {
            EntryNames.check(fileName);
        } catch (MessageException e) {
            throw new IllegalArgumentException("not a plain file name: " + e.getMessage(), e);
        }
        return fileName;
    }

    @Override
    public String toString() {
        return "DirectoryTransport[out " + outgoing + ", in " + incoming + "]";
    }
}
