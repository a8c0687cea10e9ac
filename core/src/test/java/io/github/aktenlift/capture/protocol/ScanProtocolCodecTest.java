package io.github.aktenlift.capture.protocol;

import io.github.aktenlift.spi.IntegrityException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The scan protocol codec")
class ScanProtocolCodecTest {

    /** Protocols as the capture code stored them before the protocol had a type; see their README. */
    static Stream<Path> stored() throws IOException, URISyntaxException {
        Path dir = Path.of(ScanProtocolCodecTest.class.getResource("/protocols/README.md").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(json).hasSizeGreaterThanOrEqualTo(15);
            return json.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stored")
    @DisplayName("reads every stored protocol and writes it out byte for byte as it was stored")
    void byteIdentical(Path file) throws IOException {
        byte[] stored = Files.readAllBytes(file);
        ScanProtocol p = ScanProtocolCodec.read(stored, file.getFileName().toString());
        assertThat(new String(ScanProtocolCodec.write(p), StandardCharsets.UTF_8))
                .isEqualTo(new String(stored, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the samples cover every kind of deviation, carried-over pages, undated documents and whole-file renditions")
    void samplesCoverEveryShape() throws IOException, URISyntaxException {
        List<ScanProtocol> all = stored().map(f -> {
            try {
                return ScanProtocolCodec.read(Files.readAllBytes(f), f.toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(all.stream().flatMap(p -> p.deviations().stream()).map(d -> d.getClass().getSimpleName()).distinct())
                .containsExactlyInAnyOrder("DroppedBlankBacks", "Rescan", "Reencoded");
        assertThat(all.stream().flatMap(p -> p.documents().stream()).flatMap(d -> d.pages().stream()))
                .anyMatch(p -> p.carriedOverFrom() != null);
        assertThat(all.stream().flatMap(p -> p.documents().stream())).anyMatch(d -> d.date() == null);
        assertThat(all.stream().flatMap(p -> p.renditions().stream())).anyMatch(r -> r.documentId().equals("*"));
    }

    @Nested
    @DisplayName("refuses, naming only the key")
    class Refuses {

        @Test
        @DisplayName("a protocol with a field it does not know")
        void unknownField() throws IOException, URISyntaxException {
            String json = Files.readString(stored().findFirst().orElseThrow());
            byte[] changed = json.replaceFirst("\"sheets\"", "\"sheetz\"").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> ScanProtocolCodec.read(changed, "protocols/F1/D-1.json"))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("protocols/F1/D-1.json")
                    .hasMessageNotContaining("sheetz");
        }

        @Test
        @DisplayName("another format, an unknown deviation, and bytes that are not JSON")
        void otherFormats() throws IOException, URISyntaxException {
            String json = Files.readString(stored().filter(f -> f.toString().contains("D-51001")).findFirst()
                    .orElseThrow());
            for (String bad : List.of(json.replace("aktenlift-scan-protocol/1", "aktenlift-scan-protocol/2"),
                    json.replace("\"RESCAN\"", "\"RESCANNED\""), "{", "", "[]")) {
                assertThatThrownBy(() -> ScanProtocolCodec.read(bad.getBytes(StandardCharsets.UTF_8), "k"))
                        .isInstanceOf(IntegrityException.class);
            }
        }
    }

    static InputStream resource(String name) {
        return ScanProtocolCodecTest.class.getResourceAsStream(name);
    }
}
