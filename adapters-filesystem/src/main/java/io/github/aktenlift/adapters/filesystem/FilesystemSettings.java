package io.github.aktenlift.adapters.filesystem;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The settings of the filesystem adapters, all named {@code aktenlift.file.*}, in one place.
 * Every setting is optional; a malformed value fails fast with {@link IllegalArgumentException}
 * naming the setting.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class FilesystemSettings {

    /**
     * Whether writes are forced to the device ({@code fsync}) before they are acknowledged:
     * {@code true} (default) or {@code false}. Without it a crash of the process still loses
     * nothing, but a crash of the machine may. Storage declares {@code DURABLE} only with it.
     */
    public static final String FSYNC = "aktenlift.file.fsync";

    /**
     * Whether the storage is opened only to read: {@code false} (default) or {@code true}. Read-only,
     * nothing on disk changes, not even on open, and every write is refused. The root must hold a
     * storage already.
     *
     * @since 0.2
     */
    public static final String READ_ONLY = "aktenlift.file.readOnly";

    /**
     * The storage format of a new root: {@code 2} (default: content as plain files with a sidecar
     * each, readable paths) or {@code 1} (content with a binary header, escaped names). An existing
     * root keeps the format its marker file {@code aktenlift-storage.txt} names, and both are read
     * and written; given for an existing root of the other format, opening fails.
     *
     * @since 0.3
     */
    public static final String FORMAT = "aktenlift.file.format";

    /** Whether a missing root directory is created: {@code true} (default) or {@code false}. */
    public static final String CREATE = "aktenlift.file.create";

    /**
     * Temporary files older than this (ISO-8601 duration, default {@code PT1H}) are left-overs of a
     * crashed writer and are removed when storage is opened.
     */
    public static final String TMP_MAX_AGE = "aktenlift.file.tmpMaxAge";

    /** Hotfolder: the inbox directory packages are handed into; default {@code <root>/inbox}. */
    public static final String INBOX = "aktenlift.file.inbox";

    /** Hotfolder: the outbox the procedure writes acknowledgements into; default {@code <root>/outbox}. */
    public static final String OUTBOX = "aktenlift.file.outbox";

    /** Hotfolder: how long callers should wait before asking again (ISO-8601, default {@code PT1M}). */
    public static final String RETRY_AFTER = "aktenlift.file.retryAfter";

    /** Outbox notifier: also write an RFC 5322 {@code .eml} per notification: {@code false} (default) or {@code true}. */
    public static final String EML = "aktenlift.file.eml";

    /** Outbox notifier: the {@code From} address of {@code .eml} files; default {@code aktenlift@localhost}. */
    public static final String EML_FROM = "aktenlift.file.eml.from";

    /**
     * Outbox notifier: prefix of the settings that map a role to an address, as in
     * {@code aktenlift.file.eml.role.scan-service=scan@example.org}.
     */
    public static final String EML_ROLE_PREFIX = "aktenlift.file.eml.role.";

    /** Outbox notifier: address for roles without their own mapping; without it such mails are not written. */
    public static final String EML_DEFAULT_TO = "aktenlift.file.eml.defaultTo";

    private FilesystemSettings() {
    }

    static boolean bool(Map<String, String> settings, String name, boolean fallback) {
        String v = settings.get(name);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false");
    }

    static Duration duration(Map<String, String> settings, String name, Duration fallback) {
        String v = settings.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT1H");
        }
    }
}
