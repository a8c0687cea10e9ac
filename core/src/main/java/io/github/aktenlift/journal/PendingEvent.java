package io.github.aktenlift.journal;

import io.github.aktenlift.tracking.EventKind;

import java.util.Map;
import java.util.TreeMap;

/**
 * An event decided by a command, not yet numbered, chained or stored.
 *
 * @param stream the stream it belongs to
 * @param kind what happened
 * @param payload details, never personal data
 */
public record PendingEvent(String stream, EventKind kind, TreeMap<String, String> payload) {

    /**
     * @param stream the stream
     * @param kind what happened
     * @param keyValues alternating payload keys and values; {@code null} values are left out
     * @return the pending event
     */
    public static PendingEvent of(String stream, EventKind kind, String... keyValues) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return new PendingEvent(stream, kind, m);
    }

    /**
     * @param stream the stream
     * @param kind what happened
     * @param payload details
     * @return the pending event, with a sorted copy of the payload
     */
    public static PendingEvent of(String stream, EventKind kind, Map<String, String> payload) {
        return new PendingEvent(stream, kind, new TreeMap<>(payload));
    }
}
