package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.IllegalKeyException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile and unusual keys never reach outside the root, and never collide on disk; on a root of
 * the default format (2, readable names). {@link HostileKeysFormat1Test} runs the same on format 1.
 */
class HostileKeysTest {

    /** @return the settings the root is opened with */
    Map<String, String> settings() {
        // this test is about where files go, not durability: no fsync keeps it quick
        return Map.of(FilesystemSettings.FSYNC, "false");
    }

    /**
     * Of {@link #DANGEROUS}, the content keys refused because a case-insensitive filesystem would
     * take their names for the names of keys stored before them: {@code abc} and {@code Abc} for
     * {@code ABC}, {@code C:} (escaped {@code C%3A}) for the directory of {@code c:/windows}.
     */
    Set<String> refusedContent() {
        return Set.of("abc", "Abc", "C:");
    }

    /** @return the pattern every file and directory name under the root matches */
    String portableName() {
        return "[A-Za-z0-9._%~-]+";
    }

    /** Legal keys that are dangerous as file names. */
    static final List<String> DANGEROUS = List.of("..dots", "..dots../..x", "...", ".hidden", "trailing.", "trailing ",
            "CON", "con", "con.txt", "NUL/aux/prn", "com1", "LPT9.log", "a:b", "c:/windows", "C:", "x/C:\\y".replace("\\", ""),
            "star*?|<>\"", "~", "~o", "a~o", "x%2F..%2Fy", "%2e%2e", "ABC", "abc", "Abc", "straße", "STRASSE",
            "\u00e9", "e\u0301", "\uD83D\uDCC1/\uD83D\uDCC1", "long/" + "L".repeat(400), "long/" + "l".repeat(400),
            "deep/" + "d/".repeat(120) + "end", "space /in/ segments", "$MFT", "desktop.ini", "-rf", "nul.tar.gz");

    @TempDir
    Path dir;

    Path root;
    Path outside;
    FilesystemStorage storage;

    @BeforeEach
    void open() throws IOException {
        root = dir.resolve("root");
        outside = Files.createDirectories(dir.resolve("outside"));
        storage = FilesystemStorage.open(root, settings());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    @DisplayName("traversal, absolute, empty and control-character keys are refused with IllegalKeyException")
    void traversalRefused() {
        for (String bad : List.of("../outside/x", "a/../../outside", "/etc/passwd", "..", ".", "a/./b", "a//b", "",
                "a\\..\\b", "..\\outside", "a\u0000b", "a\nb", "\u2028ok\u0085", "x".repeat(1025))) {
            assertThatThrownBy(() -> Key.of(bad)).as(bad).isInstanceOf(IllegalKeyException.class);
        }
        assertThatThrownBy(() -> storage.content().list("../outside", Optional.empty(), 10))
                .isInstanceOf(IllegalKeyException.class);
        assertThatThrownBy(() -> storage.content().list("/", Optional.empty(), 10))
                .isInstanceOf(IllegalKeyException.class);
    }

    @Test
    @DisplayName("dangerous but legal keys work in all three stores, stay distinct, and write nothing outside the root")
    void dangerousKeysStayInside() throws IOException {
        for (int i = 0; i < DANGEROUS.size(); i++) {
            Key key = Key.of(DANGEROUS.get(i));
            byte[] value = ("v" + i).getBytes(StandardCharsets.UTF_8);
            if (refusedContent().contains(key.value())) {
                assertThatThrownBy(() -> storage.content().put(key, new ByteArrayInputStream(value))).as(key.value())
                        .isInstanceOf(IllegalKeyException.class);
            } else {
                storage.content().put(key, new ByteArrayInputStream(value));
            }
            storage.records().compareAndSet(key, 0, value);
            storage.logs().append(key, 0, List.of(value));
        }
        for (int i = 0; i < DANGEROUS.size(); i++) {
            Key key = Key.of(DANGEROUS.get(i));
            String v = "v" + i;
            if (refusedContent().contains(key.value())) {
                assertThat(storage.content().head(key)).as(key.value()).isEmpty();
            } else {
                try (var in = storage.content().get(key)) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(key.value()).isEqualTo(v);
                }
            }
            assertThat(new String(storage.records().get(key).orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo(v);
            assertThat(new String(storage.logs().read(key, 0, 1).get(0).data(), StandardCharsets.UTF_8)).isEqualTo(v);
        }
        assertThat(storage.content().list("", Optional.empty(), 1000).items()).extracting(ContentInfo::key)
                .extracting(Key::value).containsExactlyInAnyOrderElementsOf(
                        DANGEROUS.stream().filter(k -> !refusedContent().contains(k)).toList());

        try (Stream<Path> all = Files.walk(dir)) {
            all.forEach(p -> {
                assertThat(p.startsWith(root) || p.equals(dir) || p.equals(outside)).as("written outside the root: %s", p)
                        .isTrue();
                if (p.startsWith(root) && !p.equals(root)) {
                    String top = root.relativize(p).getName(0).toString();
                    assertThat(top).isIn("content", "records", "logs", "locks", "tmp", "aktenlift-storage.txt");
                }
                String name = p.getFileName().toString();
                assertThat(name.getBytes(StandardCharsets.UTF_8).length).as("name length of %s", p).isLessThanOrEqualTo(255);
                assertThat(name).as("portable name").matches(portableName());
            });
        }
    }

    @Test
    @DisplayName("no two stored names under the root are one name on a case-insensitive filesystem")
    void noTwoSpellingsOnDisk() throws IOException {
        for (String k : DANGEROUS) {
            try {
                storage.content().put(Key.of(k), new ByteArrayInputStream(new byte[] {1}));
            } catch (IllegalKeyException refused) {
                assertThat(refusedContent()).as("refused %s", k).contains(k);
            }
        }
        try (Stream<Path> all = Files.walk(root.resolve("content"))) {
            Set<String> folded = new HashSet<>();
            for (Path p : (Iterable<Path>) all::iterator) {
                assertThat(folded.add(p.toString().toLowerCase(Locale.ROOT))).as("another spelling of %s", p).isTrue();
            }
        }
    }

    @Test
    @DisplayName("format 2 keeps plain names as they are and escapes only what is not portable")
    void plainNames() {
        assertThat(PlainNames.encode("F000000017X")).isEqualTo("F000000017X");
        assertThat(PlainNames.encode("doc-1.pdf")).isEqualTo("doc-1.pdf");
        assertThat(PlainNames.encode("CON")).isEqualTo("%43ON");
        assertThat(PlainNames.encode("Nul.tar.gz")).isEqualTo("%4Eul.tar.gz");
        assertThat(PlainNames.encode(".hidden")).isEqualTo("%2Ehidden");
        assertThat(PlainNames.encode("trailing.")).isEqualTo("trailing%2E");
        assertThat(PlainNames.encode("a~sum")).isEqualTo("a%7Esum");
        assertThat(PlainNames.encode("Straße")).isEqualTo("Stra%C3%9Fe");
        assertThat(PlainNames.encode("x".repeat(300))).matches("~[0-9a-f]{32}");
        for (String k : DANGEROUS) {
            for (String segment : Key.of(k).segments()) {
                String name = PlainNames.encode(segment);
                if (!FileNames.isHashed(name)) {
                    assertThat(PlainNames.decode(name)).as(segment).contains(segment);
                }
            }
        }
        assertThat(PlainNames.decode("doc-1.pdf~sum")).isEmpty();
        assertThat(PlainNames.decode("con")).as("a device name is never plain").isEmpty();
        assertThat(PlainNames.decode("%61bc")).as("only the canonical name counts").isEmpty();
    }

    @Test
    @DisplayName("format 1: no two keys map to names that a case-insensitive filesystem would merge")
    void caseInsensitiveSafe() {
        Set<String> folded = new HashSet<>();
        for (String k : DANGEROUS) {
            for (String segment : Key.of(k).segments()) {
                folded.add(segment);
            }
        }
        Set<String> seen = new HashSet<>();
        for (String segment : folded) {
            assertThat(seen.add(FileNames.encode(segment).toLowerCase(Locale.ROOT))).as("segment %s", segment).isTrue();
        }
        assertThat(FileNames.encode("CON")).isNotEqualToIgnoringCase("con");
        assertThat(FileNames.encode("con")).isNotEqualTo("con");
        assertThat(FileNames.encode("nul.tar.gz")).doesNotStartWith("nul");
        assertThat(FileNames.encode("trailing.")).doesNotEndWith(".");
        assertThat(FileNames.encode(".hidden")).doesNotStartWith(".");
        assertThat(FileNames.encode("x".repeat(300))).matches("~[0-9a-f]{32}");
    }

    @Nested
    @DisplayName("a symbolic link planted inside the root")
    class PlantedLinks {

        @Test
        @DisplayName("is not followed out of the root: writing through it fails and nothing appears outside")
        void notFollowed() throws IOException {
            Path link = root.resolve("content").resolve("evil");
            try {
                Files.createSymbolicLink(link, outside);
            } catch (UnsupportedOperationException | IOException e) {
                Assumptions.abort("no symbolic links on this filesystem: " + e);
            }
            assertThatThrownBy(() -> storage.content().put(Key.of("evil/x"), new ByteArrayInputStream(new byte[] {1})))
                    .isInstanceOf(UnavailableException.class);
            try (Stream<Path> s = Files.list(outside)) {
                assertThat(s).isEmpty();
            }
            assertThat(storage.content().list("", Optional.empty(), 10).items()).isEmpty();
        }

        @Test
        @DisplayName("is not read through: an object or record behind a link out of the root is IntegrityException")
        void notReadThrough() throws IOException {
            storage.content().put(Key.of("real/x"), new ByteArrayInputStream(new byte[] {1, 2, 3}));
            storage.records().compareAndSet(Key.of("real/r"), 0, new byte[] {4});
            // the attacker moves the directory out of the root and leaves a link in its place
            for (String tree : List.of("content", "records")) {
                Path inside = root.resolve(tree).resolve("real");
                Path moved = outside.resolve(tree);
                Files.move(inside, moved);
                try {
                    Files.createSymbolicLink(inside, moved);
                } catch (UnsupportedOperationException | IOException e) {
                    Assumptions.abort("no symbolic links on this filesystem: " + e);
                }
            }
            assertThatThrownBy(() -> storage.content().get(Key.of("real/x"))).isInstanceOf(IntegrityException.class);
            assertThatThrownBy(() -> storage.content().head(Key.of("real/x"))).isInstanceOf(IntegrityException.class);
            assertThatThrownBy(() -> storage.records().get(Key.of("real/r"))).isInstanceOf(IntegrityException.class);
        }
    }
}
