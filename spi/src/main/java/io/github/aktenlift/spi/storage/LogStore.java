package io.github.aktenlift.spi.storage;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.UnavailableException;

import java.util.List;

/**
 * Append-only logs of small entries (each 1 to {@value #MAX_ENTRY_BYTES} bytes), numbered from 0.
 *
 * <p><b>Atomicity:</b> {@link #append} writes its whole batch or nothing, and only if the log's
 * length is the expected one; among concurrent appenders expecting the same length exactly one
 * succeeds. Entries are never changed or removed through this interface.
 * <b>Durability:</b> a batch is durable when {@code append} returns; an interrupted append leaves
 * the log as it was before (a torn tail is never visible). <b>Thread safety:</b> all methods may be
 * called concurrently.
 *
 * @since 0.1
 */
public interface LogStore {

    /** The largest entry in bytes. */
    int MAX_ENTRY_BYTES = 1 << 20;

    /**
     * Appends the entries as one atomic batch.
     *
     * @param log the log's key; a log that does not exist yet has length 0
     * @param expectedSequence the sequence the first new entry gets, which must equal the current
     *     length
     * @param entries one or more entries
     * @return the log's new length, {@code expectedSequence + entries.size()}
     * @throws ConflictException if the log's length is not {@code expectedSequence}; nothing was
     *     written
     * @throws IllegalArgumentException if the batch is empty or an entry is empty or too large
     * @throws UnavailableException if the store fails
     */
    long append(Key log, long expectedSequence, List<byte[]> entries);

    /**
     * Reads entries in order starting at {@code fromSequence}.
     *
     * @param log the log's key
     * @param fromSequence the first sequence to read, at least 0
     * @param maxEntries at most this many, at least 1
     * @return the entries found, in order; empty when {@code fromSequence} is at or past the end
     * @throws IntegrityException if a stored entry fails its check
     * @throws UnavailableException if the store fails
     */
    List<LogEntry> read(Key log, long fromSequence, int maxEntries);

    /**
     * @param log the log's key
     * @return the number of entries, which is also the next sequence; 0 if the log does not exist
     * @throws UnavailableException if the store fails
     */
    long length(Key log);
}
