package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageCapability;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvidersAndOptionsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("file: URIs open storage through ServiceLoader, with the declared capabilities")
    void storageByUri() {
        try (Storage s = Providers.storage(dir.resolve("store").toUri(), Map.of())) {
            assertThat(s).isInstanceOf(FilesystemStorage.class);
            // a new root is format 2: a key's object file has its name, so no key below another
            assertThat(s.capabilities()).containsExactlyInAnyOrder(StorageCapability.DURABLE,
                    StorageCapability.MULTI_PROCESS, StorageCapability.STREAMING);
        }
        try (Storage s = Providers.storage(dir.resolve("store-1").toUri(), Map.of(FilesystemSettings.FORMAT, "1"))) {
            assertThat(s.capabilities()).containsExactlyInAnyOrder(StorageCapability.DURABLE,
                    StorageCapability.MULTI_PROCESS, StorageCapability.STREAMING, StorageCapability.NESTED_KEYS);
        }
        try (Storage s = Providers.storage(dir.resolve("store").toUri(), Map.of(FilesystemSettings.FSYNC, "false"))) {
            assertThat(s.capabilities()).doesNotContain(StorageCapability.DURABLE);
        }
    }

    @Test
    @DisplayName("a bad root, URI or setting fails fast naming what is wrong")
    void failFast() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> FilesystemStorage.open(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> FilesystemStorage.open(dir.resolve("missing"), Map.of(FilesystemSettings.CREATE, "false")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Providers.storage(URI.create("file:relative/path"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> Providers.storage(URI.create("file://host/share"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> FilesystemStorage.open(dir, Map.of(FilesystemSettings.FSYNC, "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FilesystemSettings.FSYNC);
        assertThatThrownBy(() -> FilesystemStorage.open(dir, Map.of(FilesystemSettings.TMP_MAX_AGE, "1h")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FilesystemSettings.TMP_MAX_AGE);
        Storage closed = FilesystemStorage.open(dir.resolve("closed"));
        closed.close();
        assertThatThrownBy(() -> closed.logs().length(io.github.aktenlift.spi.storage.Key.of("x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("the outbox writes an RFC 5322 message next to the JSON, one line per detail, no header injection")
    void eml() throws Exception {
        Path outbox = dir.resolve("outbox");
        var notifier = Providers.notifier(outbox.toUri(), Map.of(FilesystemSettings.EML, "true",
                FilesystemSettings.EML_FROM, "aktenlift@office.example",
                FilesystemSettings.EML_ROLE_PREFIX + "scan-service", "scan@example.org"));
        Notification n = new Notification("n-1", NotificationType.QA_FAILED, Recipient.role("scan-service"),
                Instant.parse("2026-03-04T10:15:30Z"), Map.of("barcode", "F000000017X", "reason", "x\r\nBcc: evil@x"));
        notifier.deliver(n);
        String mail = Files.readString(outbox.resolve("n-1.eml"), StandardCharsets.UTF_8);
        assertThat(mail).startsWith("From: aktenlift@office.example\r\nTo: scan@example.org\r\n")
                .contains("Subject: [Aktenlift] QA_FAILED n-1\r\n", "Date: Wed, 4 Mar 2026 10:15:30 GMT\r\n",
                        "Message-ID: <n-1@aktenlift>\r\n", "\r\n\r\n", "barcode: F000000017X\r\n")
                .doesNotContain("\r\nBcc:");
        assertThat(OutboxNotifier.parse(Files.readAllBytes(outbox.resolve("n-1.json")))).isEqualTo(n);
        assertThatThrownBy(() -> Providers.notifier(outbox.toUri(), Map.of(FilesystemSettings.EML_FROM, "not an address")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FilesystemSettings.EML_FROM);
    }
}
