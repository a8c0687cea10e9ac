package io.github.aktenlift.testkit;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes pretty-printed JSON as it goes, so an index of any length never sits in memory; the
 * testkit may not depend on a JSON library.
 */
final class JsonWriter {

    private final Writer out;
    private final Deque<boolean[]> scopes = new ArrayDeque<>(); // per open scope: {empty so far}
    private boolean afterName;

    JsonWriter(Writer out) {
        this.out = out;
    }

    JsonWriter beginObject() throws IOException {
        return open('{');
    }

    JsonWriter endObject() throws IOException {
        return close('}');
    }

    JsonWriter beginArray() throws IOException {
        return open('[');
    }

    JsonWriter endArray() throws IOException {
        return close(']');
    }

    JsonWriter name(String name) throws IOException {
        separate();
        string(name);
        out.write(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String value) throws IOException {
        separate();
        string(value);
        return this;
    }

    JsonWriter value(long value) throws IOException {
        separate();
        out.write(Long.toString(value));
        return this;
    }

    JsonWriter value(boolean value) throws IOException {
        separate();
        out.write(value ? "true" : "false");
        return this;
    }

    JsonWriter field(String name, String value) throws IOException {
        return name(name).value(value);
    }

    JsonWriter field(String name, long value) throws IOException {
        return name(name).value(value);
    }

    JsonWriter field(String name, boolean value) throws IOException {
        return name(name).value(value);
    }

    /** Ends the document with a newline; the writer is not closed. */
    void finish() throws IOException {
        if (!scopes.isEmpty()) {
            throw new IllegalStateException("unclosed JSON scopes: " + scopes.size());
        }
        out.write('\n');
    }

    private JsonWriter open(char bracket) throws IOException {
        separate();
        out.write(bracket);
        scopes.push(new boolean[] {true});
        return this;
    }

    private JsonWriter close(char bracket) throws IOException {
        boolean empty = scopes.pop()[0];
        if (!empty) {
            newline();
        }
        out.write(bracket);
        return this;
    }

    /** Comma and line break before a value, unless it follows its name. */
    private void separate() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] scope = scopes.peek();
        if (scope == null) {
            return;
        }
        if (!scope[0]) {
            out.write(',');
        }
        scope[0] = false;
        newline();
    }

    private void newline() throws IOException {
        out.write('\n');
        for (int i = 0; i < scopes.size(); i++) {
            out.write("  ");
        }
    }

    private void string(String s) throws IOException {
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                case '\b' -> out.write("\\b");
                case '\f' -> out.write("\\f");
                default -> {
                    // U+2028/2029 are legal JSON but break JavaScript readers of the same text
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
                        out.write(String.format("\\u%04x", (int) c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write('"');
    }
}
