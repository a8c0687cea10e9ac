package io.github.aktenlift.pdfa;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * An output stream that counts what passes and digests it, except while a signature's
 * {@code /Contents} placeholder passes: the digest of a PDF signature's byte range, taken while the
 * PDF is written instead of by reading it again. A rendition is written through it, then its
 * placeholder update ({@link SealPlaceholder}), possibly in two sittings: {@link #state()} keeps
 * what was counted and digested so far, and {@link #resume} continues it on a stream appending to
 * the same file.
 *
 * <p>Not thread-safe; one instance writes one file.
 */
public final class ByteRangeOutput extends FilterOutputStream {

    private final MessageDigest digest;
    private long position;
    private boolean digesting = true;

    /**
     * @param out where the bytes go; closed with this stream
     * @param digest a fresh digest of the algorithm the seal needs
     */
    public ByteRangeOutput(OutputStream out, MessageDigest digest) {
        super(out);
        this.digest = digest;
    }

    /**
     * What was counted and digested so far, to continue in another sitting.
     *
     * @param position how many bytes were written
     * @param digest the digest of those bytes, a copy to continue
     */
    public record State(long position, MessageDigest digest) {
    }

    /** @return a copy of the count and the digest so far; this stream goes on unchanged */
    public State state() {
        try {
            return new State(position, (MessageDigest) digest.clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's digests can be cloned", e);
        }
    }

    /**
     * @param out a stream that appends to the file whose first {@code state.position()} bytes were digested
     * @param state what the first sitting counted and digested
     * @return a stream that goes on counting and digesting from there
     */
    public static ByteRangeOutput resume(OutputStream out, State state) {
        ByteRangeOutput o = new ByteRangeOutput(out, state.digest());
        o.position = state.position();
        return o;
    }

    /** @return how many bytes were written, from the start of the file */
    public long position() {
        return position;
    }

    /** Stops or resumes digesting: off exactly while the placeholder is written. */
    void digesting(boolean on) {
        digesting = on;
    }

    /** @return the digest of everything written while digesting was on; this stream can take no more */
    byte[] finish() {
        return digest.digest();
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (digesting) {
            digest.update((byte) b);
        }
        position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        if (digesting) {
            digest.update(b, off, len);
        }
        position += len;
    }
}
