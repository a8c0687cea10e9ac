package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.testkit.contract.NotifierContract;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The outbox notifier passes the notifier contract; the far end is whoever picks up the files,
 * played here by parsing every {@code .json} file in arrival (modification time) order.
 */
class OutboxNotifierContractTest extends NotifierContract {

    @TempDir
    Path dir;

    @Override
    protected Notifier createNotifier() {
        return Providers.notifier(dir.resolve("outbox").toUri(), Map.of());
    }

    @Override
    protected List<Notification> received() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(OutboxNotifierContractTest::modified)
                            .thenComparing(p -> OutboxNotifier.parse(read(p)).createdAt()))
                    .map(p -> OutboxNotifier.parse(read(p)))
                    .toList();
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
