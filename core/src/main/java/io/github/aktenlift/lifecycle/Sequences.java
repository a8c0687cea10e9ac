package io.github.aktenlift.lifecycle;

import java.util.Arrays;

/** Growable list of journal sequences, compact for millions of events. Not thread-safe. */
final class Sequences {
    private long[] a = new long[12];
    private int n;

    void add(long s) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        a[n++] = s;
    }

    long[] toArray() {
        return Arrays.copyOf(a, n);
    }

    long last() {
        return a[n - 1];
    }
}
