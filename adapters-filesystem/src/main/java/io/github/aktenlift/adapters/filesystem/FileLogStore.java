package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogStore;

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
 * <p>A batch is one frame, so it is all or nothing: a frame cut short by a crash, or whose
 * checksum fails while it is the last thing in the file, is a torn tail. The first access to a log
 * in an instance, and every append, takes the log's lock and cuts a torn tail back to the last good
 * frame; readers without the lock merely stop before it (it may be an append in progress in
 * another process). A bad frame followed by further bytes is damage, not a torn tail, and raises
 * {@link IntegrityException} — it is never skipped.
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
    private final ConcurrentHashMap<Key, LogState> states = new ConcurrentHashMap<>();

    FileLogStore(FilesystemStorage storage) {
        this.storage = storage;
        this.layout = storage.layout;
        this.files = storage.files;
        this.locks = storage.locks;
    }

    Path pathOf(Key key) {
        return layout.file(layout.logs, key, Layout.LOG);
    }

    /** What this instance knows of one log file: how much of it is verified, and where frames start. */
    private static final class LogState {
        final Key key;
        final Path file;
        volatile boolean recovered;
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
        storage.ensureOpen();
        ByteBuffer frame = frame(expectedSequence, entries, (int) payload);
        LogState state = state(log);
        try {
            return locks.withLock(layout.lock("logs", log), () -> {
                synchronized (state) {
                    boolean created = !Files.exists(state.file, LinkOption.NOFOLLOW_LINKS);
                    if (created) {
                        layout.recordHashedNames(layout.logs, log, files);
                        files.ensureDirectory(state.file.getParent(), layout.root);
                    } else {
                        layout.inside(log, state.file);
                    }
                    try (FileChannel ch = FileChannel.open(state.file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        if (created) {
                            files.forceDirectory(state.file.getParent());
                        }
                        scan(state, ch, true);
                        state.recovered = true;
                        if (state.length != expectedSequence) {
                            throw new ConflictException(log.value(), expectedSequence, state.length);
                        }
                        long at = state.validBytes;
                        try {
                            for (long pos = at; frame.hasRemaining(); ) {
                                pos += ch.write(frame, pos);
                            }
                            files.force(ch);
                        } catch (IOException e) {
                            // leave no half batch behind for the next reader to stop at
                            ch.truncate(at);
                            throw e;
                        }
                        state.add(at, expectedSequence);
                        state.validBytes = at + frame.limit();
                        state.length = expectedSequence + entries.size();
                        return state.length;
                    }
                }
            });
        } catch (IOException e) {
            throw new UnavailableException("cannot append to log '" + log + "'", e);
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
                    Frame frame = readFrame(state.key, ch, pos, end, sequence, false);
                    if (frame == null) {
                        throw new IntegrityException(log.value(), "log frame at byte " + pos + " vanished");
                    }
                    for (byte[] data : frame.entries) {
                        if (sequence >= fromSequence && out.size() < maxEntries) {
                            out.add(new LogEntry(sequence, data));
                        }
                        sequence++;
                    }
                    pos = frame.end;
                }
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

    /** Recovers once per instance under the lock, then reads what others appended since. */
    private void catchUp(LogState state) throws IOException {
        if (!state.recovered && !Files.exists(state.file, LinkOption.NOFOLLOW_LINKS)) {
            // nothing to recover, and no reason to leave a lock file behind for a log never written
            return;
        }
        if (!state.recovered) {
            locks.withLock(layout.lock("logs", state.key), () -> {
                synchronized (state) {
                    if (!state.recovered) {
                        try (FileChannel ch = FileChannel.open(layout.inside(state.key, state.file), StandardOpenOption.READ,
                                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                            scan(state, ch, true);
                        } catch (NoSuchFileException | NotDirectoryException e) {
                            // no log yet: length 0
                        }
                        state.recovered = true;
                    }
                }
                return null;
            });
            return;
        }
        synchronized (state) {
            try (FileChannel ch = FileChannel.open(state.file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                scan(state, ch, false);
            } catch (NoSuchFileException | NotDirectoryException e) {
                // no log yet: length 0
            }
        }
    }

    /**
     * Indexes frames from the verified end to the file's end. A torn tail is cut off when
     * {@code cut} (the caller holds the lock) and otherwise left for an appender to deal with.
     */
    private void scan(LogState state, FileChannel ch, boolean cut) throws IOException {
        long size = ch.size();
        while (state.validBytes < size) {
            Frame frame = readFrame(state.key, ch, state.validBytes, size, state.length, true);
            if (frame == null) {
                if (cut) {
                    ch.truncate(state.validBytes);
                    files.force(ch);
                }
                return;
            }
            state.add(state.validBytes, state.length);
            state.validBytes = frame.end;
            state.length += frame.entries.size();
        }
    }

    private record Frame(long end, List<byte[]> entries) {
    }

    /**
     * Reads and checks the frame at {@code pos}.
     *
     * @return the frame, or {@code null} if it is a torn tail (only when {@code tailAllowed})
     * @throws IntegrityException if it is damaged
     */
    private static Frame readFrame(Key key, FileChannel ch, long pos, long size, long expectedFirst, boolean tailAllowed)
            throws IOException {
        if (size - pos < FRAME_HEADER) {
            return torn(key, pos, tailAllowed, "incomplete frame header");
        }
        ByteBuffer h = ByteBuffer.allocate(FRAME_HEADER);
        readFully(ch, h, pos);
        if (h.getInt(0) != MAGIC) {
            if (tailAllowed && allZero(ch, pos, size)) {
                return null; // blocks allocated but never written before a machine crash
            }
            throw damaged(key, pos, "bad frame magic");
        }
        long first = h.getLong(4);
        int count = h.getInt(12);
        int payloadLength = h.getInt(16);
        if (count < 1 || payloadLength < 5L * count || payloadLength > MAX_BATCH_BYTES) {
            throw damaged(key, pos, "bad frame header");
        }
        long end = pos + FRAME_HEADER + payloadLength;
        if (end > size) {
            return torn(key, pos, tailAllowed, "incomplete frame");
        }
        ByteBuffer payload = ByteBuffer.allocate(payloadLength);
        readFully(ch, payload, pos + FRAME_HEADER);
        CRC32C crc = new CRC32C();
        crc.update(h.array(), 0, 20);
        crc.update(payload.array());
        if (h.getInt(20) != (int) crc.getValue()) {
            if (end == size) {
                return torn(key, pos, tailAllowed, "checksum mismatch in the last frame");
            }
            throw damaged(key, pos, "checksum mismatch");
        }
        if (first != expectedFirst) {
            throw damaged(key, pos, "frame starts at sequence " + first + ", expected " + expectedFirst);
        }
        List<byte[]> entries = new ArrayList<>(count);
        int p = 0;
        byte[] bytes = payload.array();
        for (int i = 0; i < count; i++) {
            if (p + 4 > payloadLength) {
                throw damaged(key, pos, "entry lengths exceed the frame");
            }
            int len = payload.getInt(p);
            p += 4;
            if (len < 1 || len > payloadLength - p) {
                throw damaged(key, pos, "entry lengths exceed the frame");
            }
            entries.add(Arrays.copyOfRange(bytes, p, p + len));
            p += len;
        }
        if (p != payloadLength) {
            throw damaged(key, pos, "entry lengths do not fill the frame");
        }
        return new Frame(end, entries);
    }

    private static Frame torn(Key key, long pos, boolean tailAllowed, String what) {
        if (tailAllowed) {
            return null;
        }
        throw damaged(key, pos, what);
    }

    private static IntegrityException damaged(Key key, long pos, String what) {
        return new IntegrityException(key.value(), "log damaged at byte " + pos + ": " + what);
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

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static ByteBuffer frame(long first, List<byte[]> entries, int payloadLength) {
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
