package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogRepair;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.VersionedRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Repairs of a log's incomplete last frame, and where they are kept: the one home of the
 * quarantine key scheme and of the repair record's format.
 *
 * <pre>
 * content  quarantine/logs/&lt;log key&gt;/&lt;offset, 19 digits&gt;-&lt;SHA-256&gt;   the cut bytes, exactly
 * record   quarantine/logs/&lt;log key&gt;                               every repair of the log, oldest first
 *
 * record value (UTF-8 text, one line per repair, fields separated by TAB, the key last):
 *   aktenlift log repairs 1 TAB &lt;log key&gt;
 *   &lt;offset&gt; TAB &lt;length&gt; TAB &lt;sha256&gt; TAB &lt;next sequence&gt; TAB &lt;quarantine key&gt;
 * </pre>
 *
 * A log key too long to fit is replaced by {@code ~} and its SHA-256 in both keys. The quarantine
 * object is named by its own hash, so a repeated repair (after a crash between its steps) writes
 * the same object again, and two different tails cut at the same offset (a repaired log torn
 * again at the same place) never overwrite each other. TAB cannot occur in a key, so the key,
 * which may contain spaces, can stand last on its line.
 *
 * <p>A repair runs inside an append, under the log's lock: quarantine object put (durable), repair
 * appended to the record by compare-and-set (durable), only then the log truncated and forced.
 * A crash before the record is written repeats both steps with the same result; a crash after it
 * finds the repair already recorded as the last one (same offset, length and hash) and only
 * truncates.
 */
final class LogRepairs {

    static final String PREFIX = "quarantine/logs/";
    private static final String HEADER = "aktenlift log repairs 1";
    /** Room for "/", 19 digits, "-" and 64 hex digits after the log part of a quarantine key. */
    private static final int SUFFIX_BYTES = 1 + 19 + 1 + 64;

    private final ContentStore content;
    private final RecordStore records;
    private final DurableFiles files;

    LogRepairs(ContentStore content, RecordStore records, DurableFiles files) {
        this.content = content;
        this.records = records;
        this.files = files;
    }

    /** The record key of a log's repairs, which is also the prefix of its quarantine objects. */
    static Key recordKey(Key log) {
        String base = PREFIX + log.value();
        if (base.getBytes(StandardCharsets.UTF_8).length + SUFFIX_BYTES > Key.MAX_UTF8_BYTES) {
            base = PREFIX + "~" + hex(sha256().digest(log.value().getBytes(StandardCharsets.UTF_8)));
        }
        return Key.of(base);
    }

    static Key quarantineKey(Key log, long offset, String sha256) {
        return recordKey(log).resolve(String.format("%019d-%s", offset, sha256));
    }

    /** Every repair of the log, oldest first; read-only. */
    List<LogRepair> list(Key log) {
        return records.get(recordKey(log)).map(r -> decode(log, r)).orElse(List.of());
    }

    /**
     * Quarantines the bytes from {@code offset} to the end of the log file, records the repair,
     * truncates the file at {@code offset} and forces it. The caller holds the log's lock.
     *
     * @param nextSequence the log's length, which the next entry gets
     */
    void repair(Key log, FileChannel ch, long offset, long nextSequence) throws IOException {
        CrashPoint.LOG_REPAIR_FOUND.reach();
        long size = ch.size();
        long length = size - offset;
        String sha;
        try (InputStream in = new FileRange(ch, offset, size)) {
            MessageDigest md = sha256();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
            sha = hex(md.digest());
        }
        Key recordKey = recordKey(log);
        Optional<VersionedRecord> current = records.get(recordKey);
        List<LogRepair> done = current.map(r -> decode(log, r)).orElse(List.of());
        LogRepair last = done.isEmpty() ? null : done.get(done.size() - 1);
        boolean recorded = last != null && last.offset() == offset && last.length() == length && last.sha256().equals(sha);
        if (!recorded) {
            Key quarantine = quarantineKey(log, offset, sha);
            ContentInfo kept = content.put(quarantine, new FileRange(ch, offset, size));
            if (kept.size() != length || !kept.sha256().equals(sha)) {
                // only a process ignoring the lock could change the file now; cut nothing
                throw new IntegrityException(log.value(), offset, nextSequence, "log end changed while being quarantined");
            }
            CrashPoint.LOG_REPAIR_QUARANTINED.reach();
            List<LogRepair> all = new ArrayList<>(done);
            all.add(new LogRepair(log, offset, length, sha, quarantine, nextSequence));
            try {
                records.compareAndSet(recordKey, current.map(VersionedRecord::version).orElse(0L), encode(log, all));
            } catch (ConflictException e) {
                // only repairs of this log write the record, under the log's lock held here
                throw new UnavailableException("the repair record of log '" + log + "' changed during a repair", e);
            }
            CrashPoint.LOG_REPAIR_RECORDED.reach();
        }
        ch.truncate(offset);
        CrashPoint.LOG_REPAIR_TRUNCATED.reach();
        files.force(ch);
        CrashPoint.LOG_REPAIR_FSYNCED.reach();
    }

    static byte[] encode(Key log, List<LogRepair> repairs) {
        StringBuilder b = new StringBuilder(HEADER).append('\t').append(log.value()).append('\n');
        for (LogRepair r : repairs) {
            b.append(r.offset()).append('\t').append(r.length()).append('\t').append(r.sha256()).append('\t')
                    .append(r.nextSequence()).append('\t').append(r.quarantine().value()).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<LogRepair> decode(Key log, VersionedRecord record) {
        String text = new String(record.value(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        if (lines.length < 2 || !lines[0].equals(HEADER + "\t" + log.value()) || !lines[lines.length - 1].isEmpty()) {
            throw new IntegrityException(record.key().value(), "repair record damaged: bad header or end");
        }
        List<LogRepair> out = new ArrayList<>(lines.length - 2);
        for (int i = 1; i < lines.length - 1; i++) {
            String[] f = lines[i].split("\t", -1);
            try {
                if (f.length != 5) {
                    throw new IllegalArgumentException("expected 5 fields");
                }
                out.add(new LogRepair(log, Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], Key.of(f[4]),
                        Long.parseLong(f[3])));
            } catch (RuntimeException e) {
                throw new IntegrityException(record.key().value(), "repair record damaged at line " + (i + 1));
            }
        }
        return List.copyOf(out);
    }

    private static MessageDigest sha256() {
        return FileContentStore.sha256();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
