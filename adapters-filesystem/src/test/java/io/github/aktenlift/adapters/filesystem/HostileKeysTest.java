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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hostile and unusual keys never reach outside the root, and never collide on disk. */
class HostileKeysTest {

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
        // this test is about where files go, not durability: no fsync keeps it quick
        storage = FilesystemStorage.open(root, java.util.Map.of(FilesystemSettings.FSYNC, "false"));
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
            storage.content().put(key, new ByteArrayInputStream(value));
            storage.records().compareAndSet(key, 0, value);
            storage.logs().append(key, 0, List.of(value));
        }
        for (int i = 0; i < DANGEROUS.size(); i++) {
            Key key = Key.of(DANGEROUS.get(i));
            String v = "v" + i;
            try (var in = storage.content().get(key)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(key.value()).isEqualTo(v);
            }
            assertThat(new String(storage.records().get(key).orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo(v);
            assertThat(new String(storage.logs().read(key, 0, 1).get(0).data(), StandardCharsets.UTF_8)).isEqualTo(v);
        }
        assertThat(storage.content().list("", Optional.empty(), 1000).items()).extracting(ContentInfo::key)
                .extracting(Key::value).containsExactlyInAnyOrderElementsOf(DANGEROUS);

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
                assertThat(name).as("portable name").matches("[a-z0-9._%A-F~-]+");
            });
        }
    }

    @Test
    @DisplayName("no two keys map to names that a case-insensitive filesystem would merge")
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
