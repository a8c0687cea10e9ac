package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.Key;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Storage format 2 as an operator finds it on disk, and what it does with files changed behind its back. */
class PlainStorageTest {

    static final Key RENDITION = Key.of("renditions/F000000017X/1/doc-1.pdf");

    @TempDir
    Path dir;

    Path root;
    FilesystemStorage storage;
    byte[] bytes;

    @BeforeEach
    void open() {
        root = dir.resolve("root");
        storage = FilesystemStorage.open(root);
        bytes = new byte[70_000];
        new Random(17).nextBytes(bytes);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private ContentInfo put(Key key, byte[] data) {
        return storage.content().put(key, new ByteArrayInputStream(data));
    }

    private byte[] read(Key key) throws IOException {
        try (InputStream in = storage.content().get(key)) {
            return in.readAllBytes();
        }
    }

    @Nested
    @DisplayName("on disk")
    class OnDisk {

        @Test
        @DisplayName("an object lies under its key's own path, its bytes as they are, with a readable sidecar beside it")
        void readablePath() throws IOException {
            ContentInfo info = put(RENDITION, bytes);
            Path file = root.resolve("content/renditions/F000000017X/1/doc-1.pdf");
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
            assertThat(Files.readString(root.resolve("aktenlift-storage.txt")))
                    .isEqualTo("aktenlift filesystem storage, format 2\n");
            List<String> sidecar = Files.readAllLines(root.resolve("content/renditions/F000000017X/1/doc-1.pdf~sum"));
            assertThat(sidecar).hasSize(6);
            assertThat(sidecar.subList(0, 4)).containsExactly("aktenlift object 2", "key " + RENDITION.value(),
                    "size " + bytes.length, "sha256 " + StorageTree.sha256(bytes));
            assertThat(sidecar.get(4)).matches("write [0-9a-f]{16}");
            assertThat(sidecar.get(5)).matches("crc32c [0-9a-f]{8}");
            assertThat(info.sha256()).isEqualTo(StorageTree.sha256(bytes));
            try (var names = Files.list(file.getParent())) {
                assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("doc-1.pdf",
                        "doc-1.pdf~sum");
            }
        }

        @Test
        @DisplayName("a replaced object leaves one object file and a sidecar with only the new version")
        void replaced() throws IOException {
            put(RENDITION, bytes);
            byte[] other = "another version".getBytes(StandardCharsets.UTF_8);
            put(RENDITION, other);
            assertThat(read(RENDITION)).isEqualTo(other);
            assertThat(Files.readAllLines(root.resolve("content/renditions/F000000017X/1/doc-1.pdf~sum")))
                    .hasSize(6).contains("sha256 " + StorageTree.sha256(other));
            storage.content().delete(RENDITION);
            try (var names = Files.list(root.resolve("content/renditions/F000000017X/1"))) {
                assertThat(names).as("delete removes object file and sidecar").isEmpty();
            }
        }
    }

    @Nested
    @DisplayName("changed behind its back")
    class Tampered {

        @Test
        @DisplayName("a changed byte in the object file is IntegrityException on read, naming the key; head still answers")
        void changedByte() throws Exception {
            put(RENDITION, bytes);
            Path file = root.resolve("content/renditions/F000000017X/1/doc-1.pdf");
            FilesystemStorageContractTest.flip(file, 12_345);
            assertThatThrownBy(() -> read(RENDITION)).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining(RENDITION.value()).hasMessageContaining("SHA-256");
            assertThat(storage.content().head(RENDITION)).map(ContentInfo::size).contains((long) bytes.length);
        }

        @Test
        @DisplayName("an object file one byte longer or shorter is IntegrityException on read")
        void changedLength() throws IOException {
            put(RENDITION, bytes);
            Path file = root.resolve("content/renditions/F000000017X/1/doc-1.pdf");
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length + 1));
            assertThatThrownBy(() -> read(RENDITION)).isInstanceOf(IntegrityException.class);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
            assertThatThrownBy(() -> read(RENDITION)).isInstanceOf(IntegrityException.class);
        }

        @Test
        @DisplayName("a sidecar changed by hand, consistently, with a new hash but the old CRC32C, is damage")
        void sidecarEdited() throws IOException {
            put(RENDITION, bytes);
            Path sidecar = root.resolve("content/renditions/F000000017X/1/doc-1.pdf~sum");
            byte[] other = "forged".getBytes(StandardCharsets.UTF_8);
            Files.writeString(sidecar, Files.readString(sidecar).replace(StorageTree.sha256(bytes), StorageTree.sha256(other))
                    .replace("size " + bytes.length, "size " + other.length));
            Files.write(root.resolve("content/renditions/F000000017X/1/doc-1.pdf"), other);
            assertThatThrownBy(() -> read(RENDITION)).isInstanceOf(IntegrityException.class).hasMessageContaining("CRC32C");
            ContentPage page = storage.content().list("renditions", Optional.empty(), 10);
            assertThat(page.items()).isEmpty();
            assertThat(page.problems()).extracting(ContentProblem::reason).containsExactly(ContentProblem.Reason.DAMAGED);
        }

        @Test
        @DisplayName("an object file moved by hand under another key, with its sidecar, is damage there, not that key's object")
        void movedByHand() throws IOException {
            put(RENDITION, bytes);
            Path from = root.resolve("content/renditions/F000000017X/1");
            Path to = Files.createDirectories(root.resolve("content/renditions/F000000018X/1"));
            Files.move(from.resolve("doc-1.pdf"), to.resolve("doc-1.pdf"));
            Files.move(from.resolve("doc-1.pdf~sum"), to.resolve("doc-1.pdf~sum"));
            Key moved = Key.of("renditions/F000000018X/1/doc-1.pdf");
            assertThatThrownBy(() -> read(moved)).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("records another key");
            assertThat(storage.content().head(RENDITION)).isEmpty();
        }

        @Test
        @DisplayName("a file dropped into the tree without sidecar is listed as foreign and cannot be read")
        void droppedFile() throws IOException {
            put(RENDITION, bytes);
            Files.write(root.resolve("content/renditions/F000000017X/1/scan.pdf"), bytes);
            ContentPage page = storage.content().list("", Optional.empty(), 10);
            assertThat(page.items()).extracting(ContentInfo::key).containsExactly(RENDITION);
            assertThat(page.problems()).extracting(ContentProblem::key, ContentProblem::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("renditions/F000000017X/1/scan.pdf",
                            ContentProblem.Reason.FOREIGN));
            assertThatThrownBy(() -> read(Key.of("renditions/F000000017X/1/scan.pdf")))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("sidecar");
        }
    }

    @Nested
    @DisplayName("after a crash between sidecar and object file")
    class Orphans {

        @Test
        @DisplayName("a sidecar without object file (a write that never arrived) is invisible, and the next write takes its place")
        void sidecarWithoutObject() throws IOException {
            put(RENDITION, bytes);
            Path dirOf = root.resolve("content/renditions/F000000017X/1");
            // what a crash after the sidecar's rename and before the object file's leaves of a create
            Files.copy(dirOf.resolve("doc-1.pdf~sum"), dirOf.resolve("doc-2.pdf~sum"));
            Key never = Key.of("renditions/F000000017X/1/doc-2.pdf");
            assertThat(storage.content().head(never)).isEmpty();
            assertThat(storage.content().list("", Optional.empty(), 10).items()).extracting(ContentInfo::key)
                    .containsExactly(RENDITION);
            assertThat(storage.content().list("", Optional.empty(), 10).problems()).isEmpty();
            byte[] other = "doc 2".getBytes(StandardCharsets.UTF_8);
            storage.content().create(never, new ByteArrayInputStream(other));
            assertThat(read(never)).isEqualTo(other);
        }

        @Test
        @DisplayName("a sidecar with both versions of a replacing put: the object file is whichever of them it is, told apart by hash at equal size")
        void twoVersions() throws IOException {
            byte[] old = "version A".getBytes(StandardCharsets.UTF_8);
            byte[] neu = "version B".getBytes(StandardCharsets.UTF_8);
            put(RENDITION, old);
            Path sidecar = root.resolve("content/renditions/F000000017X/1/doc-1.pdf~sum");
            // the sidecar a replacing put writes before the object file: new version first, then the old
            Files.write(sidecar, Sidecar.of(RENDITION.value(), List.of(new Sidecar.Version(neu.length,
                    StorageTree.sha256(neu)), new Sidecar.Version(old.length, StorageTree.sha256(old)))).bytes());
            assertThat(read(RENDITION)).as("not yet replaced").isEqualTo(old);
            assertThat(storage.content().head(RENDITION)).map(ContentInfo::sha256).contains(StorageTree.sha256(old));
            Files.write(root.resolve("content/renditions/F000000017X/1/doc-1.pdf"), neu);
            assertThat(read(RENDITION)).as("replaced").isEqualTo(neu);
            assertThat(storage.content().head(RENDITION)).map(ContentInfo::sha256).contains(StorageTree.sha256(neu));
            Files.write(root.resolve("content/renditions/F000000017X/1/doc-1.pdf"), "version C".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> storage.content().head(RENDITION)).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("neither version");
        }
    }

    @Nested
    @DisplayName("formats")
    class Formats {

        @Test
        @DisplayName("a root of format 1 opens as format 1 and keeps writing format 1; asking it for format 2 fails")
        void format1StillOpens() throws IOException {
            Path old = dir.resolve("old");
            try (FilesystemStorage s = FilesystemStorage.open(old, Map.of(FilesystemSettings.FORMAT, "1"))) {
                s.content().put(RENDITION, new ByteArrayInputStream(bytes));
            }
            try (FilesystemStorage s = FilesystemStorage.open(old)) {
                assertThat(s.format()).isEqualTo(1);
                try (InputStream in = s.content().get(RENDITION)) {
                    assertThat(in.readAllBytes()).isEqualTo(bytes);
                }
                s.content().put(Key.of("renditions/F000000017X/1/doc-2.pdf"), new ByteArrayInputStream(bytes));
            }
            try (FilesystemStorage s = FilesystemStorage.open(old, Map.of(FilesystemSettings.READ_ONLY, "true"))) {
                assertThat(s.format()).isEqualTo(1);
                assertThat(s.content().list("", Optional.empty(), 10).items()).hasSize(2);
            }
            assertThat(Files.exists(old.resolve("content/renditions/%46000000017%58/1/doc-2.pdf~o"))).isTrue();
            assertThatThrownBy(() -> FilesystemStorage.open(old, Map.of(FilesystemSettings.FORMAT, "2")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 1");
            assertThatThrownBy(() -> FilesystemStorage.open(dir.resolve("new"), Map.of(FilesystemSettings.FORMAT, "3")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FilesystemSettings.FORMAT);
        }
    }
}
