package io.github.aktenlift.imaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Positioned reads of small header fields through one 8 KiB window, so that reading a header
 * costs a few system calls and never more memory than the window, whatever the file claims.
 */
final class HeaderReader {

    private static final int WINDOW = 8192;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long windowStart = -1;
    private int windowLength;
    private ByteOrder order = ByteOrder.BIG_ENDIAN;

    HeaderReader(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    long size() {
        return size;
    }

    void order(ByteOrder order) {
        this.order = order;
    }

    /** Whether {@code length} bytes from {@code position} lie within the file. */
    boolean has(long position, long length) {
        return position >= 0 && length >= 0 && position <= size - length;
    }

    int u8(long position) throws ImageProblem {
        ensure(position, 1);
        return window.get((int) (position - windowStart)) & 0xff;
    }

    int u16(long position) throws ImageProblem {
        ensure(position, 2);
        int a = window.get((int) (position - windowStart)) & 0xff;
        int b = window.get((int) (position - windowStart + 1)) & 0xff;
        return order == ByteOrder.BIG_ENDIAN ? (a << 8) | b : (b << 8) | a;
    }

    long u32(long position) throws ImageProblem {
        ensure(position, 4);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            long b = window.get((int) (position - windowStart + i)) & 0xff;
            v |= order == ByteOrder.BIG_ENDIAN ? b << (8 * (3 - i)) : b << (8 * i);
        }
        return v;
    }

    /** Reads up to {@code length} (at most the window) bytes at {@code position}. */
    byte[] bytes(long position, int length) throws ImageProblem {
        ensure(position, length);
        byte[] out = new byte[length];
        window.get((int) (position - windowStart), out, 0, length);
        return out;
    }

    private void ensure(long position, int length) throws ImageProblem {
        if (length > WINDOW) {
            throw new IllegalArgumentException("header reads are at most " + WINDOW + " bytes");
        }
        if (!has(position, length)) {
            throw new ImageProblem(ImageProblem.Kind.TRUNCATED,
                    "the file ends at byte " + size + ", before a header field at " + position);
        }
        if (windowStart >= 0 && position >= windowStart
                && position + length <= windowStart + windowLength) {
            return;
        }
        window.clear();
        try {
            int total = 0;
            while (total < WINDOW) {
                int n = channel.read(window, position + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            windowStart = position;
            windowLength = total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (windowLength < length) {
            throw new ImageProblem(ImageProblem.Kind.TRUNCATED,
                    "the file ended while it was read, at byte " + (position + windowLength));
        }
    }
}
