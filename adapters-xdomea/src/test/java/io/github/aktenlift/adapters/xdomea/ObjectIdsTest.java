package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.adapters.xdomea.message.ObjectIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Name-based ids")
class ObjectIdsTest {

    @Test
    @DisplayName("are RFC 4122 version-5 UUIDs, equal to those of an independent implementation (Python's uuid5)")
    void version5() {
        assertThat(ObjectIds.NAMESPACE).hasToString("393f547e-1d20-5eda-b450-24bb3f3ec000");
        assertThat(ObjectIds.vorgang("F000000172X")).hasToString("dbc9b5c4-6113-59de-b0e5-21a7fa70aa3d");
        assertThat(ObjectIds.vorgang("F000000172X").version()).isEqualTo(5);
        assertThat(ObjectIds.vorgang("F000000172X").variant()).isEqualTo(2);
    }

    @Test
    @DisplayName("differ between kinds and parts, and a line feed cannot make two names one")
    void distinct() {
        assertThat(ObjectIds.vorgang("A")).isNotEqualTo(ObjectIds.eFile("A"));
        assertThat(ObjectIds.dokument("A", "B")).isNotEqualTo(ObjectIds.dokument("A", "C"));
        assertThatThrownBy(() -> ObjectIds.dokument("A\nB", "C")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an e-file id that is a UUID is the Akte's id; another is mapped to a stable UUID")
    void akte() {
        UUID u = UUID.fromString("6f1c0c6e-8d7d-4c9e-9d1f-0a1b2c3d4e5f");
        assertThat(ObjectIds.akte(u.toString())).isEqualTo(u);
        assertThat(ObjectIds.akte("EF-3A9C")).isEqualTo(ObjectIds.akte("EF-3A9C")).isNotEqualTo(ObjectIds.akte("EF-3A9D"));
    }
}
