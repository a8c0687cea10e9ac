package io.github.aktenlift.lifecycle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Personal data of subjects, kept in a log of its own apart from the tracking journal, so that the
 * journal can be exported, verified and shown without revealing people. Journal events refer to an
 * entry by a random key. Entries whose key no event names (a writer crashed between the two
 * appends) are ignored. Not thread-safe: guarded by the {@link CommandLoop}'s lock.
 */
final class SubjectRegister {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final LogStore logs;
    private final Key log;
    private final Map<String, Subject> byKey = new HashMap<>();
    private long next;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private JsonGenerator generator;

    SubjectRegister(LogStore logs, Key log) {
        this.logs = logs;
        this.log = log;
    }

    /** Reads entries appended since the last call. */
    void refresh() {
        while (true) {
            List<LogEntry> page = logs.read(log, next, 4096);
            if (page.isEmpty()) {
                return;
            }
            for (LogEntry e : page) {
                decode(e);
                next = e.sequence() + 1;
            }
        }
    }

    /**
     * Stores a subject under a new key, durably, before the journal names it.
     *
     * @return the SHA-256 of the stored entry, which the registration records
     */
    String add(String key, Subject subject) {
        byte[] entry = encode(key, subject);
        for (int attempt = 0; ; attempt++) {
            try {
                next = logs.append(log, next, List.of(entry));
                byKey.put(key, subject);
                return sha256(entry);
            } catch (ConflictException e) {
                if (attempt > 100) {
                    throw e;
                }
                refresh(); // entries are independent: catch up and append behind the others
            }
        }
    }

    /**
     * Reads every stored entry, page by page, and hands each entry's key and SHA-256 on; for deep
     * verification, which compares them with the hashes the registrations record. An entry whose
     * key cannot be read is handed on with a {@code null} key.
     *
     * @param sink receives the entry's sequence, key (or {@code null}) and SHA-256
     */
    void forEachEntry(EntrySink sink) {
        long position = 0;
        while (true) {
            List<LogEntry> page = logs.read(log, position, 4096);
            if (page.isEmpty()) {
                return;
            }
            for (LogEntry e : page) {
                String key = null;
                try (JsonParser p = JSON.createParser(e.data())) {
                    if (p.nextToken() == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            if ("key".equals(name)) {
                                key = p.getValueAsString();
                            }
                        }
                    }
                } catch (IOException | RuntimeException ex) {
                    key = null;
                }
                sink.accept(e.sequence(), key, sha256(e.data()));
                position = e.sequence() + 1;
            }
        }
    }

    /** What {@link #forEachEntry} hands on. */
    @FunctionalInterface
    interface EntrySink {
        void accept(long sequence, String key, String sha256);
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Subject get(String key) {
        Subject s = byKey.get(key);
        if (s == null) {
            refresh();
            s = byKey.get(key);
        }
        return s;
    }

    /**
     * @return the stored entry: one JSON object. Written with one generator and buffer for all
     *     entries (no separator between root values), as the journal writes its events; the bytes are
     *     those of a generator per entry. A failed write drops the generator.
     */
    byte[] encode(String key, Subject s) {
        try {
            if (generator == null) {
                buffer.reset();
                generator = JSON.createGenerator(buffer);
                generator.setRootValueSeparator(null);
            }
            JsonGenerator g = generator;
            g.writeStartObject();
            g.writeStringField("key", key);
            g.writeStringField("surname", s.surname());
            g.writeStringField("givenNames", s.givenNames());
            g.writeStringField("dateOfBirth", s.dateOfBirth().toString());
            if (s.nationality() != null) {
                g.writeStringField("nationality", s.nationality());
            }
            if (s.azrNumber() != null) {
                g.writeStringField("azrNumber", s.azrNumber());
            }
            g.writeEndObject();
            g.flush();
            byte[] entry = buffer.toByteArray();
            buffer.reset();
            return entry;
        } catch (IOException | RuntimeException e) {
            generator = null;
            buffer.reset();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new UncheckedIOException((IOException) e);
        }
    }

    private void decode(LogEntry e) {
        Map<String, String> f = new HashMap<>();
        try (JsonParser p = JSON.createParser(e.data())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IntegrityException(log.value(), "subject entry " + e.sequence() + " is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                f.put(name, p.getValueAsString());
            }
            byKey.put(f.get("key"), new Subject(f.get("surname"), f.get("givenNames"),
                    LocalDate.parse(f.get("dateOfBirth")), f.get("nationality"), f.get("azrNumber")));
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof IntegrityException ie) {
                throw ie;
            }
            throw new IntegrityException(log.value(), "subject entry " + e.sequence() + " is malformed");
        }
    }
}
