package io.github.aktenlift.spi.procedure;

import java.io.IOException;
import java.io.InputStream;
import org.apiguardian.api.API;

/**
 * Opens the bytes of a package item, as often as needed (an adapter that retries opens it again).
 * The caller closes each stream.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface ContentSource {

    /**
     * @return a new stream over the item's bytes; never {@code null}
     * @throws IOException if the bytes cannot be read
     */
    InputStream open() throws IOException;
}
