package io.github.aktenlift.spi.storage;

import java.util.Set;
import org.apiguardian.api.API;

/**
 * The three stores of one storage backend, and what it guarantees.
 *
 * <p>Implementations are thread-safe. {@link #close()} releases resources; calls after it fail.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Storage extends AutoCloseable {

    /** @return the content store; never {@code null}, the same instance every time */
    ContentStore content();

    /** @return the record store; never {@code null}, the same instance every time */
    RecordStore records();

    /** @return the log store; never {@code null}, the same instance every time */
    LogStore logs();

    /** @return the guarantees this backend gives beyond the interface contracts; never {@code null} */
    Set<StorageCapability> capabilities();

    /** Releases resources. Idempotent. */
    @Override
    void close();
}
