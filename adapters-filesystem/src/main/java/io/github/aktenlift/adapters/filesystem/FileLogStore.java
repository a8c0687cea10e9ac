package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogRepair;
import io.github.aktenlift.spi.storage.LogStore;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * Logs as one file each, a sequence of frames, one frame per appended batch:
 *
 * <pre>
 * [magic "AKL1" 4][first sequence 8][entry count 4][payload length 4][CRC32C 4][payload]
 * payload = per entry [length 4][bytes]; CRC32C covers the first 20 header bytes and the payload
 * </pre>
 *
 * <p>A batch is one frame, so it is all or nothing. What a scan may find at the end of the file:
 * <ul>
 * <li>complete frames that check: the log;</li>
 * <li>an <em>incomplete</em> last frame — fewer bytes than a header, or a plausible header (magic,
 *     the expected first sequence, sane count and length) whose payload runs past the end of the
 *     file and whose entries do not all fit in the bytes there — or a tail of zero bytes (blocks
 *     a crash of the machine allocated but never wrote): an append interrupted before it was
 *     acknowledged. Readers stop before it and change nothing. Only an appender, under the log's
 *     lock, repairs it through {@link LogRepairs}: quarantine, record, then truncate;</li>
 * <li>anything else — a complete frame whose CRC fails (last or not), a bad magic, a bad header,
 *     a sequence out of order, a file shorter than already verified — is damage:
 *     {@link IntegrityException} with the log's key, the frame's offset and its first sequence,
 *     for readers and appenders alike, and nothing is cut.</li>
 * </ul>
 * A reader that finds damage past what it had verified checks again holding the log's lock
 * shared, so that an append in flight in another process, on a filesystem that shows its bytes
 * out of order, is not mistaken for damage.
 *
 * <p>An in-memory index of frame offsets, brought up to date from the file's end before each call,
 * makes {@code read(fromSequence)} a binary search plus a positional read.
 */
final class FileLogStore implements LogStore {

    static final int FRAME_HEADER = 24;
    private static final int MAGIC = 0x414B4C31; // "AKL1"
    private static final int MAX_BATCH_BYTES = 256 << 20;

    private final FilesystemStorage storage;
    private final Layout layout;
    private final DurableFiles files;
    private final FileLocks locks;
    private final LogRepairs repairs;
    private final ConcurrentHashMap<Key, LogState> states = new ConcurrentHashMap<>();

    FileLogStore(FilesystemStorage storage, LogRepairs repairs) {
        this.storage = storage;
        this.layout = storage.layout;
        this.files = storage.files;
        this.locks = storage.locks;
        this.repairs = repairs;
    }

    Path pathOf(Key key) {
        return layout.file(layout.logs, key, Layout.LOG);
    }

    /** What this instance knows of one log file: how much of it is verified, and where frames start. */
    private static final class LogState {
        final Key key;
        final Path file;
        boolean inside;
        long validBytes;
        long length;
        long[] offsets = new long[16];
        long[] firstSequences = new long[16];
        int frames;

        LogState(Key key, Path file) {
            this.key = key;
            this.file = file;
        }

        void add(long offset, long firstSequence) {
            if (frames == offsets.length) {
                offsets = Arrays.copyOf(offsets, frames * 2);
                firstSequences = Arrays.copyOf(firstSequences, frames * 2);
            }
            offsets[frames] = offset;
            firstSequences[frames] = firstSequence;
            frames++;
        }

        /** Index of the frame holding the sequence, which must be below {@link #length}. */
        int frameOf(long sequence) {
            int lo = 0;
            int hi = frames - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (firstSequences[mid] <= sequence) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }

    private LogState state(Key log) {
        return states.computeIfAbsent(log, k -> new LogState(k, pathOf(k)));
    }

    @Override
    public long append(Key log, long expectedSequence, List<byte[]> entries) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(entries, "entries");
        if (expectedSequence < 0) {
            throw new IllegalArgumentException("expectedSequence must be >= 0: " + expectedSequence);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one entry");
        }
        long payload = 0;
        for (byte[] e : entries) {
            if (e == null || e.length == 0 || e.length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("log entries must have 1 to " + MAX_ENTRY_BYTES + " bytes");
            }
            payload += 4 + e.length;
        }
        if (payload > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("a batch must not exceed " + MAX_BATCH_BYTES + " bytes");
        }
        storage.ensureWritable();
        ByteBuffer frame = frame(expectedSequence, entries, (int) payload);
        LogState state = state(log);
        long length;
        try {
            length = locks.withLock(FileLocks.Kind.LOGS, layout.lock("logs", log), () -> {
                CrashPoint.LOG_APPEND_LOCKED.reach();
                synchronized (state) {
                    return appendLocked(state, expectedSequence, frame, entries.size());
                }
            });
        } catch (IOException e) {
            throw new UnavailableException("cannot append to log '" + log + "'", e);
        }
        CrashPoint.LOG_APPEND_UNLOCKED.reach();
        return length;
    }

    private long appendLocked(LogState state, long expectedSequence, ByteBuffer frame, int count) throws IOException {
        boolean created = !Files.exists(state.file, LinkOption.NOFOLLOW_LINKS);
        if (created) {
            layout.recordHashedNames(layout.logs, state.key, files);
            files.ensureDirectory(state.file.getParent(), layout.root);
        } else {
            layout.inside(state.key, state.file);
        }
        try (FileChannel ch = FileChannel.open(state.file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (created) {
                files.forceDirectory(state.file.getParent());
                CrashPoint.LOG_APPEND_CREATED.reach();
            }
            Found end = scan(state, ch);
            if (end instanceof Damage d) {
                throw d.exception(state.key);
            }
            if (state.length != expectedSequence) {
                // a conflicting append writes nothing, a repair included
                throw new ConflictException(state.key.value(), expectedSequence, state.length);
            }
            if (end instanceof Incomplete) {
                repairs.repair(state.key, ch, state.validBytes, state.length);
            }
            long at = state.validBytes;
            // no cleanup on failure: whatever part of the frame got written is an incomplete last
            // frame for the next append to repair, never cut silently here
            for (long pos = at; frame.hasRemaining(); ) {
                pos += ch.write(frame, pos);
            }
            CrashPoint.LOG_APPEND_WRITTEN.reach();
            files.force(ch);
            CrashPoint.LOG_APPEND_FSYNCED.reach();
            state.add(at, expectedSequence);
            state.validBytes = at + frame.limit();
            state.length = expectedSequence + count;
            return state.length;
        }
    }

    @Override
    public List<LogEntry> read(Key log, long fromSequence, int maxEntries) {
        Objects.requireNonNull(log, "log");
        if (fromSequence < 0) {
            throw new IllegalArgumentException("fromSequence must be >= 0: " + fromSequence);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1: " + maxEntries);
        }
        storage.ensureOpen();
        LogState state = state(log);
        long start;
        long sequence;
        long end;
        try {
            catchUp(state);
            synchronized (state) {
                if (fromSequence >= state.length) {
                    return List.of();
                }
                int f = state.frameOf(fromSequence);
                start = state.offsets[f];
                sequence = state.firstSequences[f];
                end = state.validBytes;
            }
            List<LogEntry> out = new ArrayList<>(Math.min(maxEntries, 1024));
            try (FileChannel ch = FileChannel.open(state.file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                long pos = start;
                while (pos < end && out.size() < maxEntries) {
                    Found found = readFrame(ch, pos, end, sequence);
                    if (!(found instanceof Frame frame)) {
                        // these bytes were verified before: whatever they are now, they changed
                        throw found instanceof Damage d ? d.exception(log)
                                : new IntegrityException(log.value(), pos, sequence, "verified frame is no longer complete");
                    }
                    for (byte[] data : frame.entries) {
                        if (sequence >= fromSequence && out.size() < maxEntries) {
                            out.add(new LogEntry(sequence, data));
                        }
                        sequence++;
                    }
                    pos = frame.end;
                }
            } catch (NoSuchFileException | NotDirectoryException e) {
                throw new IntegrityException(log.value(), start, sequence, "verified log file vanished");
            }
            return out;
        } catch (IOException e) {
            throw new UnavailableException("cannot read log '" + log + "'", e);
        }
    }

    @Override
    public long length(Key log) {
        Objects.requireNonNull(log, "log");
        storage.ensureOpen();
        LogState state = state(log);
        try {
            catchUp(state);
            synchronized (state) {
                return state.length;
            }
        } catch (IOException e) {
            throw new UnavailableException("cannot read log '" + log + "'", e);
        }
    }

    @Override
    public List<LogRepair> repairs(Key log) {
        Objects.requireNonNull(log, "log");
        storage.ensureOpen();
        return repairs.list(log);
    }

    /**
     * Indexes what others appended since, without writing anything and without the log's lock.
     * Damage is confirmed once under the lock, held shared, before it is reported.
     */
    private void catchUp(LogState state) throws IOException {
        Damage damage = catchUpOnce(state);
        if (damage == null) {
            return;
        }
        damage = locks.withSharedLockIfPresent(FileLocks.Kind.LOGS, layout.lock("logs", state.key),
                () -> catchUpOnce(state));
        if (damage != null) {
            throw damage.exception(state.key);
        }
    }

    private Damage catchUpOnce(LogState state) throws IOException {
        synchronized (state) {
            Path file = state.file;
            try {
                if (!state.inside) {
                    file = layout.inside(state.key, state.file);
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                    state.inside = true;
                    return scan(state, ch) instanceof Damage d ? d : null;
                }
            } catch (NoSuchFileException | NotDirectoryException e) {
                if (state.validBytes > 0) {
                    return new Damage(0, 0, "verified log file vanished");
                }
                return null; // no log yet: length 0
            }
        }
    }

    /**
     * Indexes complete frames from the verified end to the file's end. Writes nothing.
     *
     * @return {@code null} if the file ends after a complete frame (or is empty); the
     *     {@link Incomplete} last frame; or the {@link Damage} found
     */
    private Found scan(LogState state, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < state.validBytes) {
            return new Damage(state.validBytes, state.length,
                    "log file is " + size + " bytes, shorter than the " + state.validBytes + " bytes verified before");
        }
        while (state.validBytes < size) {
            Found found = readFrame(ch, state.validBytes, size, state.length);
            if (!(found instanceof Frame frame)) {
                return found;
            }
            state.add(state.validBytes, state.length);
            state.validBytes = frame.end;
            state.length += frame.entries.size();
        }
        return null;
    }

    /** What lies at an offset of a log file. */
    private sealed interface Found permits Frame, Incomplete, Damage {
    }

    /** A complete frame that checks. */
    private record Frame(long end, List<byte[]> entries) implements Found {
    }

    /** An incomplete last frame: an append interrupted before it was acknowledged. */
    private record Incomplete(long offset) implements Found {
    }

    /** Damage at a frame. */
    private record Damage(long offset, long firstSequence, String what) implements Found {
        IntegrityException exception(Key log) {
            return new IntegrityException(log.value(), offset, firstSequence, what);
        }
    }

    /**
     * Reads and checks what lies at {@code pos}, where a frame starting at sequence
     * {@code expectedFirst} must begin, in a file whose end is {@code size}.
     */
    private static Found readFrame(FileChannel ch, long pos, long size, long expectedFirst) throws IOException {
        int available = (int) Math.min(FRAME_HEADER, size - pos);
        ByteBuffer h = ByteBuffer.allocate(FRAME_HEADER);
        h.limit(available);
        if (!readFully(ch, h, pos)) {
            return new Incomplete(pos); // the file shrank under a reader: a repair by an appender
        }
        if (!headerPlausible(h, available, expectedFirst)) {
            if (allZero(ch, pos, size)) {
                return new Incomplete(pos);
            }
            return headerDamage(h, available, pos, expectedFirst);
        }
        if (available < FRAME_HEADER) {
            return new Incomplete(pos);
        }
        int count = h.getInt(12);
        int payloadLength = h.getInt(16);
        long end = pos + FRAME_HEADER + payloadLength;
        if (end > size) {
            if (entriesFit(ch, pos + FRAME_HEADER, size, count)) {
                // a torn payload always cuts its last entry; here every entry is whole, so the
                // frame is complete and its length field is what is wrong
                return new Damage(pos, expectedFirst, "frame length runs past the end of the log although all its entries are there");
            }
            return new Incomplete(pos);
        }
        ByteBuffer payload = ByteBuffer.allocate(payloadLength);
        if (!readFully(ch, payload, pos + FRAME_HEADER)) {
            return new Incomplete(pos);
        }
        CRC32C crc = new CRC32C();
        crc.update(h.array(), 0, 20);
        crc.update(payload.array());
        if (h.getInt(20) != (int) crc.getValue()) {
            return new Damage(pos, expectedFirst, "checksum mismatch");
        }
        List<byte[]> entries = new ArrayList<>(count);
        int p = 0;
        byte[] bytes = payload.array();
        for (int i = 0; i < count; i++) {
            if (p + 4 > payloadLength) {
                return new Damage(pos, expectedFirst, "entry lengths exceed the frame");
            }
            int len = payload.getInt(p);
            p += 4;
            if (len < 1 || len > payloadLength - p) {
                return new Damage(pos, expectedFirst, "entry lengths exceed the frame");
            }
            entries.add(Arrays.copyOfRange(bytes, p, p + len));
            p += len;
        }
        if (p != payloadLength) {
            return new Damage(pos, expectedFirst, "entry lengths do not fill the frame");
        }
        return new Frame(end, entries);
    }

    /** Whether the header bytes there (maybe fewer than a header) are what an append at this place writes. */
    private static boolean headerPlausible(ByteBuffer h, int available, long expectedFirst) {
        byte[] expectedMagic = ByteBuffer.allocate(4).putInt(MAGIC).array();
        for (int i = 0; i < Math.min(4, available); i++) {
            if (h.get(i) != expectedMagic[i]) {
                return false;
            }
        }
        if (available >= 12 && h.getLong(4) != expectedFirst) {
            return false;
        }
        if (available >= 16 && h.getInt(12) < 1) {
            return false;
        }
        if (available >= 20) {
            long count = h.getInt(12);
            int payloadLength = h.getInt(16);
            return payloadLength >= 5 * count && payloadLength <= MAX_BATCH_BYTES;
        }
        return true;
    }

    private static Damage headerDamage(ByteBuffer h, int available, long pos, long expectedFirst) {
        byte[] expectedMagic = ByteBuffer.allocate(4).putInt(MAGIC).array();
        for (int i = 0; i < Math.min(4, available); i++) {
            if (h.get(i) != expectedMagic[i]) {
                return new Damage(pos, expectedFirst, "bad frame magic");
            }
        }
        if (available >= 12 && h.getLong(4) != expectedFirst) {
            return new Damage(pos, expectedFirst, "frame starts at sequence " + h.getLong(4) + ", expected " + expectedFirst);
        }
        return new Damage(pos, expectedFirst, "bad frame header");
    }

    /** Whether {@code count} entries ({@code [length 4][bytes]} each) lie whole in {@code [from, size)}. */
    private static boolean entriesFit(FileChannel ch, long from, long size, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileRange(ch, from, size), 1 << 16))) {
            for (int i = 0; i < count; i++) {
                int len = in.readInt();
                if (len < 1 || len > MAX_ENTRY_BYTES) {
                    return false; // not an entry this store writes: leave the verdict to the length
                }
                in.skipNBytes(len);
            }
            return true;
        } catch (EOFException e) {
            return false;
        }
    }

    private static boolean allZero(FileChannel ch, long pos, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        for (long p = pos; p < size; ) {
            b.clear();
            int n = ch.read(b, p);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (b.get(i) != 0) {
                    return false;
                }
            }
            p += n;
        }
        return true;
    }

    /** @return {@code false} if the file ends first */
    private static boolean readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The frame an append of {@code entries} at {@code first} writes. */
    static ByteBuffer frame(long first, List<byte[]> entries, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(FRAME_HEADER + payloadLength);
        b.putInt(MAGIC).putLong(first).putInt(entries.size()).putInt(payloadLength).putInt(0);
        for (byte[] e : entries) {
            b.putInt(e.length).put(e);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 20);
        crc.update(b.array(), FRAME_HEADER, payloadLength);
        b.putInt(20, (int) crc.getValue());
        b.flip();
        return b;
    }
}
