package io.github.aktenlift.adapters.filesystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** The one JSON mapper of the adapter, and strict field access for files others write. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** @return the text field, or throws naming the field if it is missing or not text */
    static String text(JsonNode node, String field) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException("missing text field '" + field + "'");
        }
        return v.asText();
    }

    /** @return the text field, or {@code null} if missing or JSON null */
    static String optionalText(JsonNode node, String field) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IOException("field '" + field + "' is not text");
        }
        return v.asText();
    }
}
