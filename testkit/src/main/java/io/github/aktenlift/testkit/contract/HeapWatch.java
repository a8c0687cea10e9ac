package io.github.aktenlift.testkit.contract;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Measures the peak of live heap while an operation runs: the largest heap use right after any
 * garbage collection during it, and after a final collection. Garbage does not count, retained
 * objects do — so a store that buffers an object whole shows up, a streaming one does not.
 */
final class HeapWatch implements AutoCloseable {

    private static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

    private final AtomicLong peakAfterGc = new AtomicLong();
    /** After-GC figures cover every memory pool; only the heap's compare with the heap baseline. */
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final long baseline;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;

    HeapWatch() {
        System.gc();
        baseline = used();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
    }

    private void onGc(Notification n, Object handback) {
        if (!GC_NOTIFICATION.equals(n.getType()) || !(n.getUserData() instanceof CompositeData info)) {
            return;
        }
        CompositeData gcInfo = (CompositeData) info.get("gcInfo");
        TabularData after = (TabularData) gcInfo.get("memoryUsageAfterGc");
        long total = 0;
        for (Object row : after.values()) {
            CompositeData entry = (CompositeData) row;
            if (!heapPools.contains((String) entry.get("key"))) {
                continue;       // Metaspace and code cache are not heap
            }
            MemoryUsage usage = MemoryUsage.from((CompositeData) entry.get("value"));
            total += usage.getUsed();
        }
        peakAfterGc.accumulateAndGet(total, Math::max);
    }

    private static long used() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    /** @return how far live heap rose above the start, at its highest, in bytes */
    long peakGrowth() {
        System.gc();
        long end = used();
        return Math.max(0, Math.max(end, peakAfterGc.get()) - baseline);
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
