package io.github.aktenlift.adapters.filesystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Delivers each notification as one file in an outbox directory: {@code <id>.json}, and with
 * {@value FilesystemSettings#EML} also an RFC 5322 {@code <id>.eml} for a mail server's pickup
 * directory. Files are written under {@code .tmp/} in the outbox and renamed into place, so a
 * consumer never sees a partial file. The file name comes from the notification id, so a repeated
 * delivery replaces the file with the same content: consumers see each id once.
 *
 * <p>The JSON format: {@code {"id", "type", "recipient": {"kind", "value"}, "createdAt" (ISO-8601),
 * "details": {…}}}; {@link #parse(byte[])} reads it back.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class OutboxNotifier implements Notifier {

    private static final System.Logger LOG = System.getLogger(OutboxNotifier.class.getName());

    private final Path dir;
    private final Path tmp;
    private final DurableFiles files;
    private final boolean eml;
    private final String from;
    private final Map<String, String> roleAddresses;
    private final String defaultTo;

    private OutboxNotifier(Path dir, Map<String, String> settings) throws IOException {
        this.dir = dir;
        this.tmp = dir.resolve(".tmp");
        this.files = new DurableFiles(FilesystemSettings.bool(settings, FilesystemSettings.FSYNC, true));
        this.eml = FilesystemSettings.bool(settings, FilesystemSettings.EML, false);
        this.from = settings.getOrDefault(FilesystemSettings.EML_FROM, "aktenlift@localhost");
        this.defaultTo = settings.get(FilesystemSettings.EML_DEFAULT_TO);
        Map<String, String> roles = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith(FilesystemSettings.EML_ROLE_PREFIX)) {
                roles.put(k.substring(FilesystemSettings.EML_ROLE_PREFIX.length()), checkedAddress(k, v));
            }
        });
        checkedAddress(FilesystemSettings.EML_FROM, from);
        if (defaultTo != null) {
            checkedAddress(FilesystemSettings.EML_DEFAULT_TO, defaultTo);
        }
        this.roleAddresses = Map.copyOf(roles);
        files.ensureDirectory(tmp, dir);
    }

    /**
     * Opens an outbox.
     *
     * @param dir the outbox directory; created if missing
     * @param settings {@link FilesystemSettings} by name
     * @return the notifier
     * @throws IllegalArgumentException if the directory is unusable or a setting malformed
     */
    public static OutboxNotifier open(Path dir, Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        Path d = FilesystemStorage.checkedRoot(dir, FilesystemSettings.bool(settings, FilesystemSettings.CREATE, true));
        try {
            return new OutboxNotifier(d, settings);
        } catch (IOException e) {
            throw new IllegalArgumentException("outbox " + dir + " is not usable: " + e.getMessage(), e);
        }
    }

    private static String checkedAddress(String setting, String value) {
        if (value == null || !value.matches("[^\\s<>@,;:\"]+@[^\\s<>@,;:\"]+")) {
            throw new IllegalArgumentException(setting + " must be a mail address such as akten@example.org");
        }
        return value;
    }

    /**
     * @param id a notification id
     * @return the file name (without extension) its files get in the outbox
     */
    public static String fileName(String id) {
        return FileNames.encode(id);
    }

    @Override
    public void deliver(Notification n) {
        Objects.requireNonNull(n, "notification");
        String name = fileName(n.id());
        try {
            if (eml) {
                String to = n.recipient().kind() == Recipient.Kind.ADDRESS ? n.recipient().value()
                        : roleAddresses.getOrDefault(n.recipient().value(), defaultTo);
                if (to == null) {
                    LOG.log(System.Logger.Level.WARNING, "no mail address for role of notification " + n.id()
                            + "; only the JSON file is written");
                } else {
                    files.writeAtomically(dir.resolve(name + ".eml"), tmp, eml(n, to));
                }
            }
            files.writeAtomically(dir.resolve(name + ".json"), tmp, json(n));
        } catch (IOException e) {
            throw new UnavailableException("cannot write notification " + n.id() + " to the outbox", e);
        }
    }

    static byte[] json(Notification n) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", n.id());
        root.put("type", n.type().name());
        ObjectNode r = root.putObject("recipient");
        r.put("kind", n.recipient().kind().name());
        r.put("value", n.recipient().value());
        root.put("createdAt", n.createdAt().toString());
        ObjectNode d = root.putObject("details");
        n.details().forEach(d::put);
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /**
     * Reads a notification file back, for consumers of the outbox and for tests.
     *
     * @param json the bytes of a {@code .json} file this notifier wrote
     * @return the notification
     * @throws IllegalArgumentException if the bytes are not such a file (unknown type codes included)
     */
    public static Notification parse(byte[] json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            JsonNode r = n.get("recipient");
            if (r == null) {
                throw new IOException("missing field 'recipient'");
            }
            Map<String, String> details = new LinkedHashMap<>();
            JsonNode d = n.get("details");
            if (d != null) {
                for (Map.Entry<String, JsonNode> e : d.properties()) {
                    details.put(e.getKey(), e.getValue().asText());
                }
            }
            return new Notification(Json.text(n, "id"), NotificationType.valueOf(Json.text(n, "type")),
                    new Recipient(Recipient.Kind.valueOf(Json.text(r, "kind")), Json.text(r, "value")),
                    Instant.parse(Json.text(n, "createdAt")), details);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a notification file: " + e.getMessage(), e);
        }
    }

    /** An RFC 5322 message, CRLF line ends, plain UTF-8 text body with the type and details. */
    private byte[] eml(Notification n, String to) {
        StringBuilder b = new StringBuilder(512);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(n.createdAt().atOffset(ZoneOffset.UTC));
        header(b, "From", from);
        header(b, "To", to);
        header(b, "Subject", "[Aktenlift] " + n.type().name() + " " + n.id());
        header(b, "Date", date);
        header(b, "Message-ID", "<" + n.id() + "@aktenlift>");
        header(b, "MIME-Version", "1.0");
        header(b, "Content-Type", "text/plain; charset=UTF-8");
        header(b, "Content-Transfer-Encoding", "8bit");
        header(b, "X-Aktenlift-Notification-Type", n.type().name());
        b.append("\r\n");
        b.append("Notification ").append(n.id()).append(": ").append(n.type().name()).append("\r\n");
        b.append("Raised at ").append(n.createdAt()).append("\r\n\r\n");
        n.details().forEach((k, v) -> b.append(oneLine(k)).append(": ").append(oneLine(v)).append("\r\n"));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder b, String name, String value) {
        b.append(name).append(": ").append(oneLine(value)).append("\r\n");
    }

    /** Keeps a value on one line, so no detail can inject a header or end the message. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
    }

    @Override
    public String toString() {
        return "OutboxNotifier[" + dir + "]";
    }
}
