package io.github.aktenlift.lifecycle;

import io.github.aktenlift.spi.internal.CrashPoints;

import java.util.List;

/**
 * The named crash points of core's command paths, in one place: each is reached right after its
 * durable step, so that a crash test can kill the process exactly between two steps (see
 * {@link CrashPoints}; unarmed, reaching one costs nothing). The filesystem adapter names the
 * steps inside the storage.
 */
public enum CorePoints {
    /** A registration's subject entry is stored; the journal does not name it yet. */
    SUBJECT_STORED("core.subject.stored"),
    /** A command's events are appended to the journal; the projection and the head record lag. */
    JOURNAL_APPENDED("core.journal.appended"),
    /** The head record names the new events: the command is acknowledged once it returns. */
    JOURNAL_ANCHORED("core.journal.anchored"),
    /** A capture's renditions and scan protocol are stored; the capture is not recorded yet. */
    CAPTURE_STORED("core.capture.stored"),
    /** A package was handed to the specialist procedure; the hand-over is not journaled yet. */
    IMPORT_HANDED_OVER("core.import.handed-over");

    private final String point;

    CorePoints(String point) {
        this.point = point;
    }

    /** @return the point's name, as a crash test arms it */
    public String point() {
        return point;
    }

    /** Marks that this step is done; does nothing unless a crash test armed the points. */
    public void reach() {
        CrashPoints.reach(point);
    }

    /** @return every point's name */
    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(CorePoints::point).toList();
    }
}
