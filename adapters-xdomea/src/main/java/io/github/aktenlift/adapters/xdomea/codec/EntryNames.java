package io.github.aktenlift.adapters.xdomea.codec;

import io.github.aktenlift.adapters.xdomea.message.MessageException;
import io.github.aktenlift.adapters.xdomea.message.MessageException.Problem;

/**
 * The names an entry of an xdomea archive may have: a plain file name, as {@code Dateiname} and
 * the message's own name are. Nothing that could point anywhere else when extracted.
 *
 * @since 0.1
 */
public final class EntryNames {

    private EntryNames() {
    }

    /**
     * @param name an entry name as the archive gives it
     * @throws MessageException {@link Problem#ILLEGAL_ENTRY_NAME} naming why
     */
    public static void check(String name) {
        String why = problem(name);
        if (why != null) {
            throw new MessageException(Problem.ILLEGAL_ENTRY_NAME, name, null, why, null);
        }
    }

    private static String problem(String name) {
        if (name.isEmpty()) {
            return "empty";
        }
        if (name.length() > 255) {
            return "longer than 255 characters";
        }
        if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            return "an absolute path";
        }
        for (String segment : name.split("[/\\\\]", -1)) {
            if (segment.equals("..")) {
                return "a '..' segment (path traversal)";
            }
        }
        if (name.endsWith("/")) {
            return "a directory; xdomea archives are flat";
        }
        if (name.indexOf('/') >= 0) {
            return "a path; xdomea archives are flat";
        }
        if (name.indexOf('\\') >= 0 || name.indexOf(':') >= 0) {
            return "a backslash or colon";
        }
        if (name.equals(".")) {
            return "'.'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return "a control character";
            }
        }
        return null;
    }
}
