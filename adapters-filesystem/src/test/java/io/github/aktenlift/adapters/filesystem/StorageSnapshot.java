package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogRepair;
import io.github.aktenlift.spi.storage.VersionedRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a fresh instance reads from a root for {@link CrashWorkload}'s keys, through the SPI only:
 * every object read to its end (so its hash is checked), the record, the log, and apart from
 * those the quarantine — objects, repair record and {@code repairs()}.
 *
 * @param content SHA-256 per object key outside the quarantine
 * @param record the record's version and value, or empty
 * @param log the log's entries as text
 * @param quarantine SHA-256 per object key in the quarantine
 * @param repairs the log's repairs
 */
record StorageSnapshot(Map<String, String> content, String record, List<String> log, Map<String, String> quarantine,
        List<LogRepair> repairs) {

    /** The part every step changes: content, record and log. */
    record Main(Map<String, String> content, String record, List<String> log) {
    }

    Main main() {
        return new Main(content, record, log);
    }

    static StorageSnapshot read(Path root) {
        try (FilesystemStorage s = FilesystemStorage.open(root)) {
            Map<String, String> content = new TreeMap<>();
            Map<String, String> quarantine = new TreeMap<>();
            Optional<Key> after = Optional.empty();
            do {
                ContentPage page = s.content().list("", after, 100);
                if (!page.problems().isEmpty()) {
                    // a crash must leave nothing that looks damaged or foreign
                    throw new AssertionError("listing reports problems: " + page.problems());
                }
                for (ContentInfo info : page.items()) {
                    String sha = StorageTree.sha256(readAll(s, info.key()));
                    if (!sha.equals(info.sha256())) {
                        throw new AssertionError("object " + info.key() + " does not hash to its recorded SHA-256");
                    }
                    (info.key().isUnder("quarantine") ? quarantine : content).put(info.key().value(), sha);
                }
                after = page.next();
            } while (after.isPresent());
            String record = s.records().get(CrashWorkload.RECORD)
                    .map(r -> "v" + r.version() + " " + new String(r.value(), StandardCharsets.UTF_8)).orElse("");
            List<String> log = new ArrayList<>();
            for (LogEntry e : s.logs().read(CrashWorkload.LOG, 0, Integer.MAX_VALUE)) {
                log.add(new String(e.data(), StandardCharsets.UTF_8));
            }
            if (log.size() != s.logs().length(CrashWorkload.LOG)) {
                throw new AssertionError("log reads " + log.size() + " entries but says its length is "
                        + s.logs().length(CrashWorkload.LOG));
            }
            List<LogRepair> repairs = s.logs().repairs(CrashWorkload.LOG);
            Optional<VersionedRecord> repairRecord = s.records().get(LogRepairs.recordKey(CrashWorkload.LOG));
            if (repairRecord.isPresent() != !repairs.isEmpty()) {
                throw new AssertionError("repair record and repairs() disagree");
            }
            return new StorageSnapshot(content, record, List.copyOf(log), quarantine, repairs);
        }
    }

    private static byte[] readAll(FilesystemStorage s, Key key) {
        try (InputStream in = s.content().get(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
