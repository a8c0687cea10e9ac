package io.github.aktenlift.tracking;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * One event of the tracking journal.
 *
 * <p>{@code hash} is SHA-256 (or HMAC-SHA-256 where a journal key is configured) over all other
 * fields, {@code previousHash} is the hash of the previous event of the same stream (64 zeros for
 * a stream's first event). Together with {@code sequence} (global, gap-free, from 0) this detects
 * any edited, removed, inserted or reordered event.
 *
 * @param sequence global position, from 0, gap-free
 * @param stream the stream, such as {@code file/F000000172} or {@code box/B0000419}
 * @param streamSequence position within the stream, from 0
 * @param time when it was recorded (from the injected clock)
 * @param actor who acted (pseudonymous id)
 * @param location where the actor was
 * @param kind what happened
 * @param payload details as text, sorted by key; never personal data
 * @param previousHash hash of the stream's previous event, 64 hex digits
 * @param hash this event's hash, 64 hex digits
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record JournalEvent(long sequence, String stream, long streamSequence, Instant time, String actor,
        String location, EventKind kind, Map<String, String> payload, String previousHash, String hash) {

    /**
     * Validates and makes the payload an unmodifiable sorted copy.
     *
     * @param sequence global position, from 0, gap-free
     * @param stream the stream, such as {@code file/F000000172} or {@code box/B0000419}
     * @param streamSequence position within the stream, from 0
     * @param time when it was recorded (from the injected clock)
     * @param actor who acted (pseudonymous id)
     * @param location where the actor was
     * @param kind what happened
     * @param payload details as text, sorted by key; never personal data
     * @param previousHash hash of the stream's previous event, 64 hex digits
     * @param hash this event's hash, 64 hex digits
     */
    public JournalEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        payload = Collections.unmodifiableSortedMap(new TreeMap<>(payload));
    }

    /**
     * @param key a payload key
     * @return its value, or {@code null}
     */
    public String get(String key) {
        return payload.get(key);
    }
}
