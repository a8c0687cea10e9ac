package io.github.aktenlift.adapters.sealing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the attribute lists of key URIs: {@code a=b&c=d} queries and RFC 7512 {@code a=b;c=d} paths. */
final class KeyUris {

    private KeyUris() {
    }

    static Map<String, String> attributes(String text, String separator, URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split(separator)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed attribute '" + part + "' in " + uri.getScheme() + " URI");
            }
            String name = decode(part.substring(0, eq));
            if (out.put(name, decode(part.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("attribute '" + name + "' twice in " + uri.getScheme() + " URI");
            }
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
