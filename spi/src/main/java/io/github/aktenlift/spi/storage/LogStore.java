package io.github.aktenlift.spi.storage;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.UnavailableException;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Append-only logs of small entries (each 1 to {@value #MAX_ENTRY_BYTES} bytes), numbered from 0.
 *
 * <p><b>Atomicity:</b> {@link #append} writes its whole batch or nothing, and only if the log's
 * length is the expected one; among concurrent appenders expecting the same length exactly one
 * succeeds. Entries are never changed or removed through this interface.
 * <b>Durability:</b> a batch is durable when {@code append} returns. <b>Thread safety:</b> all
 * methods may be called concurrently.
 *
 * <p><b>Reading never writes.</b> {@link #read}, {@link #length} and {@link #repairs} change no
 * byte of storage, whether the log is sound, damaged or ends in an interrupted append.
 *
 * <p><b>Interrupted appends.</b> An append interrupted by a crash is never acknowledged and never
 * visible: readers see the log as it was before it. Where a store can keep the bytes of such an
 * append at the log's end (a file that a crash leaves with an incomplete last frame), the next
 * {@link #append} — and only an append, under the log's lock — repairs it: it first stores the
 * incomplete bytes whole and durably as a quarantine object in the same storage's
 * {@link ContentStore}, records the repair (a {@link LogRepair}, listed by {@link #repairs}), and
 * only then removes them from the log's end. A crash at any point of a repair leaves it to be
 * completed by the next append, without a second quarantine object or a second record. Nothing
 * but an incomplete last frame is ever repaired.
 *
 * <p><b>Damage.</b> Anything else that does not check — a complete batch whose checksum fails, a
 * malformed header, a sequence out of order, a log shorter than what was already read — is
 * damage: {@link IntegrityException} naming the log, the byte offset and the first sequence of
 * the batch ({@link IntegrityException#offset()}, {@link IntegrityException#firstSequence()}),
 * from readers and writers alike, and nothing is changed.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface LogStore {

    /** The largest entry in bytes. */
    int MAX_ENTRY_BYTES = 1 << 20;

    /**
     * Appends the entries as one atomic batch. If the log ends in an interrupted append, this call
     * first repairs it (see the type's description); the repair stands even if the append then
     * fails. A conflicting append repairs nothing.
     *
     * @param log the log's key; a log that does not exist yet has length 0
     * @param expectedSequence the sequence the first new entry gets, which must equal the current
     *     length
     * @param entries one or more entries
     * @return the log's new length, {@code expectedSequence + entries.size()}
     * @throws ConflictException if the log's length is not {@code expectedSequence}; nothing was
     *     written
     * @throws IllegalArgumentException if the batch is empty or an entry is empty or too large
     * @throws IntegrityException if the log is damaged (see the type's description); nothing was
     *     written
     * @throws UnavailableException if the store fails; the batch may or may not have been
     *     appended, and a retry with the same {@code expectedSequence} tells (a
     *     {@link ConflictException} then means it was, or another writer's batch was: read it)
     */
    long append(Key log, long expectedSequence, List<byte[]> entries);

    /**
     * Reads entries in order starting at {@code fromSequence}.
     *
     * @param log the log's key
     * @param fromSequence the first sequence to read, at least 0
     * @param maxEntries at most this many, at least 1
     * @return the entries found, in order; empty when {@code fromSequence} is at or past the end
     * @throws IntegrityException if a stored entry fails its check; nothing is changed
     * @throws UnavailableException if the store fails
     */
    List<LogEntry> read(Key log, long fromSequence, int maxEntries);

    /**
     * @param log the log's key
     * @return the number of entries, which is also the next sequence; 0 if the log does not exist
     * @throws IntegrityException if the log is damaged; nothing is changed
     * @throws UnavailableException if the store fails
     */
    long length(Key log);

    /**
     * Lists every repair ever made to the log, oldest first. Read-only and cheap (a small record,
     * not a scan of the log); the list only ever grows at its end, and an entry, once listed,
     * never changes — a caller may journal repairs by their position or quarantine key.
     *
     * <p>The default returns an empty list: right for stores whose appends are atomic objects
     * (S3, memory), where an interrupted append leaves nothing behind to repair.
     *
     * @param log the log's key
     * @return the repairs, oldest first; empty if there were none or the log does not exist; never
     *     {@code null}, unmodifiable
     * @throws IntegrityException if the store's record of repairs is damaged
     * @throws UnavailableException if the store fails
     */
    default List<LogRepair> repairs(Key log) {
        Objects.requireNonNull(log, "log");
        return List.of();
    }
}
