package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.IntegrityException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes what passes and, at the end, compares size and SHA-256 with what was recorded on upload;
 * throws {@link IntegrityException} from {@code read} instead of signalling the end if they differ.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final String key;
    private final long expectedSize;
    private final String expectedSha256;
    private final MessageDigest digest = Hashing.sha256();
    private long count;
    private boolean verified;
    private boolean ended;

    VerifyingInputStream(InputStream in, String key, long expectedSize, String expectedSha256) {
        super(in);
        this.key = key;
        this.expectedSize = expectedSize;
        this.expectedSha256 = expectedSha256;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            ended = true;
            verifyAtEnd();
            return -1;
        }
        digest.update(b, off, n);
        count += n;
        if (count > expectedSize) {
            throw new IntegrityException(key, "more bytes than the recorded size " + expectedSize);
        }
        return n;
    }

    private void verifyAtEnd() {
        if (verified) {
            return;
        }
        if (count != expectedSize) {
            throw new IntegrityException(key, "size " + count + " differs from the recorded size " + expectedSize);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expectedSha256)) {
            throw new IntegrityException(key, "SHA-256 " + actual + " differs from the recorded " + expectedSha256);
        }
        verified = true;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must pass the digest
        byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public void close() throws IOException {
        // closed before its end: drop the connection instead of draining the rest of a large object
        if (!ended && in instanceof software.amazon.awssdk.core.ResponseInputStream<?> r) {
            r.abort();
        }
        super.close();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would feed bytes to the digest twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
