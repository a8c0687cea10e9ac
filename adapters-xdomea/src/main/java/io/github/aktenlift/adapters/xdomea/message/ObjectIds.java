package io.github.aktenlift.adapters.xdomea.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The UUIDs Aktenlift gives xdomea objects and processes: name-based (RFC 4122 version 5, SHA-1)
 * in Aktenlift's own namespace, so that the same case file, document or hand-over always carries
 * the same id — also when a hand-over is repeated after a crash, and on another machine.
 *
 * <p>The namespace is itself a version-5 UUID: {@code uuid5(NameSpace_URL, "urn:aktenlift:xdomea")}.
 * A name is a kind and its parts joined by line feeds, for example {@code "vorgang\nF000000172X"}.
 * The kinds are listed with each method and in {@code docs/xdomea.md}; a partner can recompute
 * every id from the identifiers the message carries.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ObjectIds {

    /** RFC 4122 Appendix C: the namespace for URLs. */
    private static final UUID NAMESPACE_URL = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /** Aktenlift's namespace for xdomea ids: {@code uuid5(NameSpace_URL, "urn:aktenlift:xdomea")}. */
    public static final UUID NAMESPACE = v5(NAMESPACE_URL, "urn:aktenlift:xdomea");

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ObjectIds() {
    }

    /**
     * @param kind what is named, for example {@code akte}
     * @param parts the identifying parts, none containing a line feed
     * @return {@code uuid5(NAMESPACE, kind + "\n" + parts joined by "\n")}
     * @throws IllegalArgumentException if a part is empty or contains a line feed (two different
     *     names could otherwise give one id)
     */
    public static UUID nameBased(String kind, String... parts) {
        StringBuilder name = new StringBuilder(check(kind));
        for (String p : parts) {
            name.append('\n').append(check(p));
        }
        return v5(NAMESPACE, name.toString());
    }

    /**
     * @param idempotencyKey the import's idempotency key
     * @return the {@code ProzessID} of the hand-over with this key: kind {@code prozess}
     */
    public static UUID process(String idempotencyKey) {
        return nameBased("prozess", idempotencyKey);
    }

    /**
     * @param createKey the idempotency key of the e-file's creation request
     * @return the id of the e-file created under this key: kind {@code efile}
     */
    public static UUID eFile(String createKey) {
        return nameBased("efile", createKey);
    }

    /**
     * @param eFileId the target e-file's id
     * @return the {@code Akte}'s id: the e-file id itself where it is a UUID (as the e-files
     *     Aktenlift creates are), else kind {@code akte}
     */
    public static UUID akte(String eFileId) {
        Objects.requireNonNull(eFileId, "eFileId");
        return isUuid(eFileId) ? UUID.fromString(eFileId) : nameBased("akte", eFileId);
    }

    /**
     * @param caseFile the case file's barcode
     * @return the {@code Vorgang} of one case file (paper file) within its e-file: kind {@code vorgang}
     */
    public static UUID vorgang(String caseFile) {
        return nameBased("vorgang", caseFile);
    }

    /**
     * @param caseFile the case file's barcode
     * @param documentId the document's id within the case file
     * @return the {@code Dokument} of one document of a case file: kind {@code dokument}
     */
    public static UUID dokument(String caseFile, String documentId) {
        return nameBased("dokument", caseFile, documentId);
    }

    /**
     * @param caseFile the case file's barcode
     * @param protocolSha256 the SHA-256 of the scan protocol, 64 hex digits
     * @return the {@code Dokument} of a scan protocol, told apart by its SHA-256: kind {@code protokoll}
     */
    public static UUID protocol(String caseFile, String protocolSha256) {
        return nameBased("protokoll", caseFile, protocolSha256);
    }

    /**
     * @param text any text
     * @return whether it is a UUID in the form xdomea's {@code stringUUIDType} allows
     */
    public static boolean isUuid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches();
    }

    private static String check(String part) {
        Objects.requireNonNull(part, "name part");
        if (part.isEmpty() || part.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a name part must be non-empty and without line feeds");
        }
        return part;
    }

    private static UUID v5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
        sha1.update(toBytes(namespace.getMostSignificantBits()));
        sha1.update(toBytes(namespace.getLeastSignificantBits()));
        byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
        h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (h[i] & 0xff);
            lsb = (lsb << 8) | (h[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static byte[] toBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }
}
