package io.github.aktenlift.telemetry;

import io.github.aktenlift.metrics.LogContext;
import org.slf4j.MDC;

/**
 * Puts the ids of what Aktenlift works on into SLF4J's MDC for the length of a {@code try} block,
 * and on {@link #close()} puts back what was there before: the host's own value, an outer
 * operation's value, or nothing. Ids only, never personal data. Keys: {@link LogContext}. Not
 * thread-safe: open and close it on one thread, as the MDC itself is per thread.
 *
 * <pre>{@code
 * try (Mdc mdc = Mdc.command("Ingest").delivery(id)) { ... }
 * }</pre>
 */
public final class Mdc implements AutoCloseable {

    private static final String[] KEYS = {LogContext.COMMAND, LogContext.BARCODE, LogContext.DELIVERY};

    /** What each key held before this scope set it; {@code set[i]} whether this scope set key {@code i}. */
    private final String[] previous = new String[KEYS.length];
    private final boolean[] set = new boolean[KEYS.length];

    private Mdc() {
    }

    /**
     * @param name the operation (a command's simple name)
     * @return a scope with the operation set
     */
    public static Mdc command(String name) {
        return new Mdc().put(0, name);
    }

    /**
     * @param barcode a case file's barcode; {@code null} leaves the key as it is
     * @return this scope, with the barcode set
     */
    public Mdc barcode(String barcode) {
        return put(1, barcode);
    }

    /**
     * @param delivery a delivery's id; {@code null} leaves the key as it is
     * @return this scope, with the delivery set
     */
    public Mdc delivery(String delivery) {
        return put(2, delivery);
    }

    private Mdc put(int i, String value) {
        if (value == null) {
            return this;
        }
        if (!set[i]) {
            previous[i] = MDC.get(KEYS[i]);
            set[i] = true;
        }
        MDC.put(KEYS[i], value);
        return this;
    }

    /** Puts back what each key this scope set held before it. */
    @Override
    public void close() {
        for (int i = 0; i < KEYS.length; i++) {
            if (!set[i]) {
                continue;
            }
            if (previous[i] == null) {
                MDC.remove(KEYS[i]);
            } else {
                MDC.put(KEYS[i], previous[i]);
            }
        }
    }
}
