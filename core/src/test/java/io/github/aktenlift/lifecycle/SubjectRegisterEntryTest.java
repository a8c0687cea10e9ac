package io.github.aktenlift.lifecycle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.InMemoryStorage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored subject entries must keep their form: the register writes them with one generator for
 * all entries, and must write the bytes a generator per entry wrote before.
 */
@DisplayName("Subject register entries")
class SubjectRegisterEntryTest {

    @Test
    @DisplayName("are written, one after another, exactly as a fresh generator writes each alone, and read back")
    void sameBytesAsFreshGenerator() throws IOException {
        InMemoryStorage storage = new InMemoryStorage();
        Key log = Key.of("subjects/entries");
        SubjectRegister register = new SubjectRegister(storage.logs(), log);
        Subject[] subjects = {
            new Subject("Weiß-Özdemir", "Jürgen Ömer", LocalDate.of(1980, 2, 29), "TUR", "200000004711"),
            new Subject("O\"Brien \\ Smith", "Seán\tPádraig", LocalDate.of(1950, 1, 1), null, null),
            new Subject("Nachname1", "Vorname1", LocalDate.of(2001, 12, 31), "UKR", null),
            new Subject("\uD83D\uDCC1 Test", "A", LocalDate.of(1999, 6, 15), null, "200000000001"),
        };
        for (int k = 0; k < subjects.length; k++) {
            String key = "key-" + k;
            assertThat(new String(register.encode(key, subjects[k]), StandardCharsets.UTF_8))
                    .isEqualTo(new String(fresh(key, subjects[k]), StandardCharsets.UTF_8));
            register.add(key, subjects[k]);
        }
        SubjectRegister reread = new SubjectRegister(storage.logs(), log);
        reread.refresh();
        for (int k = 0; k < subjects.length; k++) {
            assertThat(reread.get("key-" + k)).isEqualTo(subjects[k]);
        }
    }

    /** The entry as written before: a generator per entry. */
    private static byte[] fresh(String key, Subject s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonFactory.builder().build().createGenerator(out)) {
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
        }
        return out.toByteArray();
    }
}
