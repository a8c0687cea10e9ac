package io.github.aktenlift.adapters.xdomea.message;

import io.github.aktenlift.adapters.xdomea.codec.Archive;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.storage.VerifyingInputStream;

import java.io.Closeable;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A received {@code Abgabe.Abgabe.0401} that passed every check of {@link AbgabeReader}: the
 * message and its primary files, read from the archive in place (nothing was extracted). Close it
 * to release the archive.
 *
 * <p>Not thread-safe: streams opened from it must be read and closed by one thread at a time.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReceivedAbgabe implements Closeable {

    private final Archive archive;
    private final Abgabe message;
    private final Map<String, ReceivedFile> files;

    ReceivedAbgabe(Archive archive, Abgabe message, Map<String, ReceivedFile> files) {
        this.archive = archive;
        this.message = message;
        this.files = Map.copyOf(files);
    }

    /** @return the archive's file name */
    public String archiveName() {
        return archive.name();
    }

    /** @return the message */
    public Abgabe message() {
        return message;
    }

    /** @return every primary file, in the order the message references them */
    public List<ReceivedFile> files() {
        return message.files().stream().map(PrimaryFile::fileName).distinct().map(files::get).toList();
    }

    /**
     * @param name a {@code Dateiname}
     * @return what the reader found for it
     * @throws NotFoundException if the message references no such file
     */
    public ReceivedFile file(String name) {
        ReceivedFile f = files.get(Objects.requireNonNull(name, "name"));
        if (f == null) {
            throw new NotFoundException(name);
        }
        return f;
    }

    /**
     * Opens a primary file. The stream checks size and SHA-256 again as it is read, and throws
     * {@link io.github.aktenlift.spi.IntegrityException} at the end if the archive changed since
     * it was read.
     *
     * @param name a {@code Dateiname}
     * @return the stream; the caller closes it
     * @throws NotFoundException if the message references no such file
     */
    public InputStream open(String name) {
        ReceivedFile f = file(name);
        return new VerifyingInputStream(archive.reopen(name, f.size() + 1), name, f.size(), f.sha256());
    }

    /** Releases the archive. Idempotent. */
    @Override
    public void close() {
        archive.close();
    }

    @Override
    public String toString() {
        return "ReceivedAbgabe[" + archive.name() + ", " + files.size() + " files]";
    }
}
