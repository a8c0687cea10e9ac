package io.github.aktenlift.adapters.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Bytes {@code [from, to)} of a file channel as a stream, by positional reads: the channel's own
 * position is left alone, so the caller's channel stays usable. Ends early if the file is shorter.
 * Not thread-safe; does not close the channel.
 */
final class FileRange extends InputStream {

    private final FileChannel channel;
    private final long to;
    private long position;

    FileRange(FileChannel channel, long from, long to) {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
        }
        this.position = from;
        this.to = to;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position >= to) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, to - position)), position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, to - position));
        position += skipped;
        return skipped;
    }
}
