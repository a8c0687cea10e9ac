package io.github.aktenlift;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * Where Aktenlift takes the ids it makes itself (keys of subject entries, baseline snapshots).
 * Injected so that tests are deterministic. Implementations are thread-safe and never repeat an id.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface IdSource {

    /** @return a new id of 1 to 64 of {@code A–Z a–z 0–9 - _}; never {@code null} */
    String newId();

    /** @return random UUIDs, the default */
    static IdSource random() {
        return () -> UUID.randomUUID().toString();
    }

    /**
     * @param prefix letters put before the counter
     * @return {@code prefix1}, {@code prefix2}, …, for tests
     */
    static IdSource sequential(String prefix) {
        AtomicLong n = new AtomicLong();
        return () -> prefix + n.incrementAndGet();
    }
}
