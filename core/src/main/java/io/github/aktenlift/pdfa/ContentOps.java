package io.github.aktenlift.pdfa;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/** A growing buffer of content stream bytes, ASCII only. */
final class ContentOps {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private byte[] b = new byte[8192];
    int n;

    void append(ContentOps other) {
        room(other.n);
        System.arraycopy(other.b, 0, b, n, other.n);
        n += other.n;
    }

    void room(int more) {
        if (n + more > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
        }
    }

    ContentOps ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            b[n++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** A number given in thousandths, written as a decimal with up to three places. */
    ContentOps number(long milli) {
        room(24);
        if (milli < 0) {
            b[n++] = '-';
            milli = -milli;
        }
        long whole = milli / 1000;
        int frac = (int) (milli % 1000);
        String w = Long.toString(whole);
        for (int i = 0; i < w.length(); i++) {
            b[n++] = (byte) w.charAt(i);
        }
        if (frac != 0) {
            b[n++] = '.';
            int digits = 3;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            for (int d = digits - 1, p = pow10(d); d >= 0; d--, p /= 10) {
                b[n++] = (byte) ('0' + frac / p % 10);
            }
        }
        return this;
    }

    private static int pow10(int d) {
        return d == 2 ? 100 : d == 1 ? 10 : 1;
    }

    /** Four hex digits; the caller made {@link #room} for them. */
    void hex4(int v) {
        b[n++] = HEX[(v >> 12) & 0xF];
        b[n++] = HEX[(v >> 8) & 0xF];
        b[n++] = HEX[(v >> 4) & 0xF];
        b[n++] = HEX[v & 0xF];
    }

    /** The content, Flate-compressed at the fastest level: hex glyph codes shrink to a third. */
    byte[] deflated() {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(b, 0, n);
            deflater.finish();
            byte[] out = new byte[n / 2 + 64];
            int len = 0;
            while (!deflater.finished()) {
                if (len == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                len += deflater.deflate(out, len, out.length - len);
            }
            return Arrays.copyOf(out, len);
        } finally {
            deflater.end();
        }
    }
}
