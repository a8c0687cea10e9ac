package io.github.aktenlift.adapters.s3;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 GiB object through the adapter to S3Proxy 4.0.0 (filesystem store, inside this JVM on
 * loopback). Prints MB/s and the peak of live heap above the start; the server's own buffers count
 * too, so the figure is an upper bound for the adapter. Part of the default build (issue 6's
 * acceptance: a 1 GB object streams through with bounded heap); the figures it prints are the S3
 * section of {@code docs/performance.md}. Alone:
 * {@code mvn -B -pl adapters-s3 -am test -Dtest=S3LargeObjectTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class S3LargeObjectTest {

    private static final long SIZE = 1L << 30;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    @DisplayName("a 1 GiB object streams in and out with bounded heap")
    void oneGigabyte() throws Exception {
        Path dir = Files.createTempDirectory("aktenlift-s3-bench");
        try (S3ProxyServer server = S3ProxyServer.onDisk(dir)) {
            String bucket = server.newBucket();
            try (Storage storage = S3Storage.open(URI.create("s3://" + bucket + "/bench"), server.settings())) {
                Key key = Key.of("large/1GiB.bin");
                ContentInfo info;
                long putNanos;
                long putHeap;
                try (PeakHeap peak = new PeakHeap(); InputStream in = new Pattern(SIZE)) {
                    long t0 = System.nanoTime();
                    info = storage.content().put(key, in);
                    putNanos = System.nanoTime() - t0;
                    putHeap = peak.growth();
                }
                long getNanos;
                long getHeap;
                String sha;
                try (PeakHeap peak = new PeakHeap(); InputStream in = storage.content().get(key)) {
                    long t0 = System.nanoTime();
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        md.update(buf, 0, n);
                    }
                    sha = HexFormat.of().formatHex(md.digest());
                    getNanos = System.nanoTime() - t0;
                    getHeap = peak.growth();
                }
                assertThat(info.size()).isEqualTo(SIZE);
                assertThat(sha).isEqualTo(info.sha256());
                System.out.printf("S3 adapter, 1 GiB over loopback to S3Proxy 4.0.0 (filesystem store, in-process):%n"
                                + "  put %.1f MB/s, peak live heap growth %d MiB%n  get %.1f MB/s, peak live heap growth %d MiB%n"
                                + "  max heap %d MiB%n",
                        SIZE / 1e6 / (putNanos / 1e9), putHeap >> 20, SIZE / 1e6 / (getNanos / 1e9), getHeap >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
                assertThat(putHeap).isLessThan(64L << 20);
                assertThat(getHeap).isLessThan(64L << 20);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Deterministic bytes, generated on the fly. */
    private static final class Pattern extends InputStream {
        private long left;
        private long x = 0x9E3779B97F4A7C15L;

        Pattern(long size) {
            left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                b[off + i] = (byte) x;
            }
            left -= n;
            return n;
        }
    }

    /** Peak of heap in use right after any GC while open, above the level at opening. */
    private static final class PeakHeap implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final java.util.Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .map(java.lang.management.MemoryPoolMXBean::getName).collect(java.util.stream.Collectors.toSet());
        private final long base;
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final NotificationListener listener = (n, h) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                peak.accumulateAndGet(used, Math::max);
            }
        };

        PeakHeap() {
            System.gc();
            base = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    e.addNotificationListener(listener, null, null);
                    emitters.add(e);
                }
            }
        }

        long growth() {
            System.gc();
            long end = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return Math.max(0, Math.max(end, peak.get()) - base);
        }

        @Override
        public void close() throws javax.management.ListenerNotFoundException {
            for (NotificationEmitter e : emitters) {
                e.removeNotificationListener(listener);
            }
        }
    }
}
