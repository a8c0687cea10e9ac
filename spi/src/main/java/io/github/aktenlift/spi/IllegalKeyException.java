package io.github.aktenlift.spi;

import org.apiguardian.api.API;

/**
 * A key or identifier is not acceptable: empty, absolute, containing {@code .} or {@code ..}
 * segments, control characters, backslashes, or too long. Raised before anything is touched.
 *
 * <p>The rejected text is quoted in escaped form (control characters as {@code \\uXXXX}) so a
 * hostile key cannot forge log lines.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class IllegalKeyException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /** Why it is rejected. */
    private final String reason;

    /**
     * @param key the rejected key, as given (it is escaped for the message)
     * @param reason why it is rejected
     */
    public IllegalKeyException(String key, String reason) {
        super("illegal key '" + escape(key) + "': " + reason, null);
        this.reason = reason;
    }

    /** @return why the key is rejected */
    public String reason() {
        return reason;
    }

    private static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200) + 16);
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\'' ) {
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
