package io.github.aktenlift.imaging;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/** Damages compressed image data the ways a transfer or a disk does, for the walks' property tests. */
final class Damage {

    private Damage() {
    }

    /**
     * @param how 0: a stretch of random bytes (at most {@code maxStretch}); 1: one flipped bit; 2: cut
     *     short; 3: a byte lost; 4: a byte inserted (drawn by {@code insertedByte}); 5: 1–4 bytes appended
     * @return a damaged copy; {@code data} stays as it is
     */
    static byte[] apply(byte[] data, SplittableRandom random, int how, int maxStretch,
            ToIntFunction<SplittableRandom> insertedByte) {
        int at = random.nextInt(data.length);
        switch (how) {
            case 0 -> {
                byte[] d = data.clone();
                int len = 1 + random.nextInt(Math.min(maxStretch, data.length - at));
                for (int i = at; i < at + len; i++) {
                    d[i] = (byte) random.nextInt(256);
                }
                return d;
            }
            case 1 -> {
                byte[] d = data.clone();
                d[at] ^= (byte) (1 << random.nextInt(8));
                return d;
            }
            case 2 -> {
                return Arrays.copyOf(data, at);
            }
            case 3 -> {
                byte[] d = new byte[data.length - 1];
                System.arraycopy(data, 0, d, 0, at);
                System.arraycopy(data, at + 1, d, at, data.length - at - 1);
                return d;
            }
            case 4 -> {
                byte[] d = new byte[data.length + 1];
                System.arraycopy(data, 0, d, 0, at);
                d[at] = (byte) insertedByte.applyAsInt(random);
                System.arraycopy(data, at, d, at + 1, data.length - at);
                return d;
            }
            case 5 -> {
                byte[] d = Arrays.copyOf(data, data.length + 1 + random.nextInt(4));
                d[data.length] = (byte) random.nextInt(256);
                return d;
            }
            default -> throw new IllegalArgumentException("no damage " + how);
        }
    }
}
