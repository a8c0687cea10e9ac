package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.procedure.ImportPackage;

import java.io.IOException;
import java.io.OutputStream;
import org.apiguardian.api.API;

/**
 * Writes the index file of a hotfolder import package: what the specialist procedure reads to
 * know which file is which document of which e-file. The default, {@link #json()}, is documented
 * in {@code docs/hotfolder-format.md}; a procedure that expects another format (XML, CSV, a
 * vendor schema) gets its own implementation.
 *
 * <p>Implementations are stateless and thread-safe, and must not write personal data the
 * package does not carry (packages carry none).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface IndexWriter {

    /**
     * @return the index file's name within the package, 1 to 128 of {@code A–Z a–z 0–9 . _ -};
     *     must differ from every item's name
     */
    String fileName();

    /**
     * Writes the index of a package whose items have been copied and verified.
     *
     * @param pkg the package
     * @param out where to write; the caller closes it
     * @throws IOException if writing fails
     */
    void write(ImportPackage pkg, OutputStream out) throws IOException;

    /** @return the default: {@code index.json} in format {@code aktenlift-hotfolder/1} */
    static IndexWriter json() {
        return JsonIndexWriter.INSTANCE;
    }
}
