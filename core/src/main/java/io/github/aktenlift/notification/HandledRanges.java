package io.github.aktenlift.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal sequences whose notifications this outbox has settled (delivered or stored) and the
 * stored mark does not cover yet, as sorted, disjoint, half-open ranges. One instance alone on its
 * storage has one range; where several share it, the other instances' events leave gaps, which
 * the outbox fills by deriving their notifications from the journal before it moves the mark over
 * them. Small: the outbox moves the mark before it holds many ranges or events. Not thread-safe.
 */
final class HandledRanges {

    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** Adds {@code [start, end)}, merged with what it touches. */
    void add(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            ranges.remove(before.getKey());
        }
        for (Map.Entry<Long, Long> next = ranges.ceilingEntry(start); next != null && next.getKey() <= end;
                next = ranges.ceilingEntry(start)) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(start, end);
    }

    /** Forgets everything below {@code mark}, which the stored mark now covers. */
    void dropBelow(long mark) {
        while (!ranges.isEmpty() && ranges.firstKey() < mark) {
            Map.Entry<Long, Long> first = ranges.pollFirstEntry();
            if (first.getValue() > mark) {
                ranges.put(mark, first.getValue());
            }
        }
    }

    /** @return the parts of {@code [from, to)} not covered, in order, each {@code {start, end}} */
    List<long[]> gaps(long from, long to) {
        List<long[]> gaps = new ArrayList<>();
        long at = from;
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            if (at >= to) {
                break;
            }
            if (r.getValue() <= at) {
                continue;
            }
            if (r.getKey() > at) {
                gaps.add(new long[] {at, Math.min(r.getKey(), to)});
            }
            at = Math.max(at, r.getValue());
        }
        if (at < to) {
            gaps.add(new long[] {at, to});
        }
        return gaps;
    }

    /** @return how many sequences are covered */
    long events() {
        long n = 0;
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            n += r.getValue() - r.getKey();
        }
        return n;
    }

    /** @return how many ranges there are */
    int size() {
        return ranges.size();
    }

    /** @return the end of the last range, or -1 if there is none */
    long end() {
        return ranges.isEmpty() ? -1 : ranges.lastEntry().getValue();
    }
}
