package io.github.aktenlift.adapters.xdomea.message;

import io.github.aktenlift.spi.ProviderException;
import org.apiguardian.api.API;

/**
 * A received xdomea message is unusable: what is wrong is a {@link Problem}, where it is the ZIP
 * entry and, inside the message XML, the element path. Nothing of the message has been kept when
 * this is thrown.
 *
 * <p>The message names problems, entries and element paths only — never a value from the message,
 * which may be personal data. Entry names are quoted escaped, so a hostile name cannot forge log
 * lines.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MessageException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /**
     * What is wrong with a message.
     *
     * @since 0.1
     */
    public enum Problem {
        /** The file is not a readable ZIP archive. */
        NOT_A_ZIP,
        /** The archive file is larger than the reader's limit. */
        ARCHIVE_TOO_LARGE,
        /** The archive holds more entries than the reader's limit. */
        TOO_MANY_ENTRIES,
        /** The entries expand to more bytes than the reader's limit (or one entry alone does). */
        EXPANDED_TOO_LARGE,
        /** An entry name is absolute, has {@code ..} or other path segments, control characters or backslashes. */
        ILLEGAL_ENTRY_NAME,
        /** Two entries have the same name. */
        DUPLICATE_ENTRY,
        /** An entry cannot be read (damaged, encrypted, unsupported compression). */
        UNREADABLE_ENTRY,
        /** No message XML ({@code <ProzessID>_<name>.xml}) in the archive. */
        MISSING_MESSAGE,
        /** More than one message XML in the archive. */
        AMBIGUOUS_MESSAGE,
        /** An entry that the message does not reference. */
        UNREFERENCED_ENTRY,
        /** A primary document the message references is not in the archive. */
        MISSING_DOCUMENT,
        /** A primary document's SHA-256 differs from the one the message declares. */
        HASH_MISMATCH,
        /** A primary document declared as PDF is not a well-formed PDF. */
        NOT_A_PDF,
        /** The message XML is not well-formed. */
        MALFORMED_XML,
        /** The message XML has a document type declaration (DTDs and entities are refused). */
        DTD_FORBIDDEN,
        /** The message is another message than the one expected. */
        WRONG_MESSAGE_TYPE,
        /** The message is xdomea, but of a version other than 3.0.0. */
        UNSUPPORTED_VERSION,
        /** The message XML breaks the schema's structure: a missing, unexpected or malformed element. */
        INVALID_STRUCTURE,
        /** The message XML is invalid against the schema the reader was given. */
        SCHEMA_INVALID,
        /** An answer's {@code ProzessID} or objects do not belong to the hand-over it was read for. */
        WRONG_PROCESS
    }

    /** What is wrong. */
    private final Problem problem;
    /** The ZIP entry (or file) concerned, or {@code null}. */
    private final String entry;
    /** The element path within the message XML, or {@code null}. */
    private final String element;

    /**
     * @param problem what is wrong
     * @param entry the ZIP entry (or file) concerned, or {@code null}
     * @param element the element path within the message XML, or {@code null}
     * @param detail a short explanation, naming no value from the message
     * @param cause the underlying failure, or {@code null}
     */
    public MessageException(Problem problem, String entry, String element, String detail, Throwable cause) {
        super(problem + (entry == null ? "" : " in '" + escape(entry) + "'") + (element == null ? "" : " at " + element)
                + (detail == null || detail.isEmpty() ? "" : ": " + detail), cause);
        this.problem = problem;
        this.entry = entry;
        this.element = element;
    }

    /** @return what is wrong */
    public Problem problem() {
        return problem;
    }

    /** @return the ZIP entry (or file) concerned, or {@code null} */
    public String entry() {
        return entry;
    }

    /** @return the element path within the message XML, or {@code null} */
    public String element() {
        return element;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200) + 16);
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\'') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > 200) {
            b.append("…(").append(s.length()).append(" chars)");
        }
        return b.toString();
    }
}
