package io.github.aktenlift.spi.storage;

import io.github.aktenlift.spi.IntegrityException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * For adapter authors: the stream {@link ContentStore#get} must return. It hashes every byte that
 * passes and, where the data ends, compares size and SHA-256 with what was recorded when the object
 * was stored, throwing {@link IntegrityException} from {@code read} instead of signalling the end if
 * either differs. More bytes than recorded fail as soon as they arrive; skipping reads through the
 * digest. Closing closes the wrapped stream; an adapter that must release a connection differently
 * when a reader stops early overrides {@link #close()} and asks {@link #reachedEnd()}.
 *
 * <p>Not thread-safe, like any stream.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class VerifyingInputStream extends FilterInputStream {

    private final String key;
    private final long expectedSize;
    private final String expectedSha256;
    private final MessageDigest digest;
    private long count;
    private boolean ended;

    /**
     * @param in the stored bytes
     * @param key the object's key, for messages
     * @param expectedSize the size recorded on storing
     * @param expectedSha256 the SHA-256 recorded on storing, 64 lowercase hex digits
     */
    public VerifyingInputStream(InputStream in, String key, long expectedSize, String expectedSha256) {
        super(Objects.requireNonNull(in, "in"));
        this.key = Objects.requireNonNull(key, "key");
        this.expectedSize = expectedSize;
        this.expectedSha256 = Objects.requireNonNull(expectedSha256, "expectedSha256");
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** @return whether the end was reached and verified */
    public final boolean reachedEnd() {
        return ended;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            verifyAtEnd();
            return -1;
        }
        count += n;
        if (count > expectedSize) {
            throw new IntegrityException(key, "stored object is longer than the recorded " + expectedSize + " bytes");
        }
        digest.update(b, off, n);
        return n;
    }

    private void verifyAtEnd() {
        if (count != expectedSize) {
            throw new IntegrityException(key, "size " + count + " differs from the recorded " + expectedSize);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expectedSha256)) {
            throw new IntegrityException(key, "SHA-256 " + actual + " differs from the recorded " + expectedSha256);
        }
        ended = true;
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
