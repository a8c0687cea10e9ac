package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.adapters.xdomea.message.Party;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The settings of the xdomea adapter, each named {@code aktenlift.xdomea.<name>}, for
 * {@link XdomeaProcedureProvider} and {@link XdomeaProcedure#open}. A missing required or malformed
 * setting fails at opening, naming the setting.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class XdomeaSettings {

    /** Required: the sending authority's name ({@code Kopf/Absender/Institution/Name}). */
    public static final String SENDER_NAME = "aktenlift.xdomea.sender.name";
    /** Optional: the sending authority's key ({@code Behoerdenkennung/Behoerdenschluessel}), for example its DVDV key. */
    public static final String SENDER_KEY = "aktenlift.xdomea.sender.key";
    /** Optional: the class of that key ({@code Behoerdenkennung/Praefix}). */
    public static final String SENDER_PREFIX = "aktenlift.xdomea.sender.prefix";
    /** Optional: the sending organisational unit ({@code Organisationseinheit/Name}). */
    public static final String SENDER_UNIT = "aktenlift.xdomea.sender.unit";
    /** Required: the receiving authority's or system's name ({@code Kopf/Empfaenger/Institution/Name}). */
    public static final String RECIPIENT_NAME = "aktenlift.xdomea.recipient.name";
    /** Optional: the recipient's authority key. */
    public static final String RECIPIENT_KEY = "aktenlift.xdomea.recipient.key";
    /** Optional: the class of the recipient's key. */
    public static final String RECIPIENT_PREFIX = "aktenlift.xdomea.recipient.prefix";
    /** Optional: the receiving organisational unit. */
    public static final String RECIPIENT_UNIT = "aktenlift.xdomea.recipient.unit";
    /** Optional: the outgoing directory; default {@code <root>/outgoing}. */
    public static final String OUTGOING = "aktenlift.xdomea.outgoing";
    /** Optional: the incoming directory; default {@code <root>/incoming}. */
    public static final String INCOMING = "aktenlift.xdomea.incoming";
    /**
     * Optional: the {@code Akte}'s {@code Betreff}, with {@code {fileReference}} replaced; default
     * {@code Akte {fileReference}}. Never the person's name: Aktenlift hands over no subject data.
     */
    public static final String FILE_TITLE = "aktenlift.xdomea.file-title";
    /** Optional: the {@code Akte}'s {@code Typ}, for example {@code Ausländerakte}; default none. */
    public static final String FILE_TYPE = "aktenlift.xdomea.file-type";
    /**
     * Optional: the PDF/A part and conformance of the renditions, written as format code 044 with
     * this version; default {@code 2b}; {@code none} writes PDFs as code 018 without a version.
     */
    public static final String PDFA = "aktenlift.xdomea.pdfa";
    /** Optional: whether to ask the partner for a 0403 receipt ({@code Empfangsbestaetigung}); default {@code true}. */
    public static final String RECEIPT = "aktenlift.xdomea.receipt";
    /** Optional: the zone of message times and of answers' times without offset; default {@code Europe/Berlin}. */
    public static final String ZONE = "aktenlift.xdomea.zone";
    /** Optional: the hint for polling a pending import, ISO-8601 ({@code PT5M}); default one minute. */
    public static final String RETRY_AFTER = "aktenlift.xdomea.retry-after";
    /** Optional: whether to force files and directories to disk; default {@code true}. */
    public static final String FSYNC = "aktenlift.xdomea.fsync";

    private XdomeaSettings() {
    }

    static String required(Map<String, String> s, String name) {
        String v = s.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("setting " + name + " is required");
        }
        return v.strip();
    }

    static String optional(Map<String, String> s, String name) {
        String v = s.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static boolean bool(Map<String, String> s, String name, boolean dflt) {
        String v = optional(s, name);
        if (v == null) {
            return dflt;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("setting " + name + " must be true or false");
        };
    }

    static Duration duration(Map<String, String> s, String name, Duration dflt) {
        String v = optional(s, name);
        if (v == null) {
            return dflt;
        }
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative()) {
                throw new IllegalArgumentException("setting " + name + " must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("setting " + name + " must be an ISO-8601 duration such as PT5M", e);
        }
    }

    static ZoneId zone(Map<String, String> s, String name, ZoneId dflt) {
        String v = optional(s, name);
        if (v == null) {
            return dflt;
        }
        try {
            return ZoneId.of(v);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("setting " + name + " must be a zone id such as Europe/Berlin", e);
        }
    }

    static Party sender(Map<String, String> s) {
        return new Party(optional(s, SENDER_PREFIX), optional(s, SENDER_KEY), required(s, SENDER_NAME),
                optional(s, SENDER_UNIT));
    }

    static Party recipient(Map<String, String> s) {
        return new Party(optional(s, RECIPIENT_PREFIX), optional(s, RECIPIENT_KEY), required(s, RECIPIENT_NAME),
                optional(s, RECIPIENT_UNIT));
    }
}
