package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.internal.CrashPoints;

/**
 * Every named crash point of the filesystem storage, one per durable step: the one place their
 * names are written. A point is reached just <em>after</em> the step it names, so a kill there
 * leaves exactly that step done and the next one not. Unarmed, reaching one costs nothing (see
 * {@link CrashPoints}).
 *
 * <p>The hotfolder procedure and the outbox notifier share {@link DurableFiles} but name none of
 * their own steps yet; they pass only the directory points.
 */
enum CrashPoint {

    /** Storage format marker of a new root: temporary file written. */
    MARKER_TEMP_WRITTEN("fs.marker.temp-written"),
    /** … temporary file forced. */
    MARKER_TEMP_FSYNCED("fs.marker.temp-fsynced"),
    /** … renamed into place. */
    MARKER_RENAMED("fs.marker.renamed"),
    /** … root directory forced. */
    MARKER_DIRECTORY_FSYNCED("fs.marker.directory-fsynced"),

    /** A directory created (any the adapter creates, such as a key's directory), its parent not yet forced. */
    DIRECTORY_CREATED("fs.directory.created"),
    /** … its parent forced. */
    DIRECTORY_FSYNCED("fs.directory.fsynced"),

    /** The segment file {@code ~n} beside a hashed name: temporary file written. */
    NAME_TEMP_WRITTEN("fs.name.temp-written"),
    /** … temporary file forced. */
    NAME_TEMP_FSYNCED("fs.name.temp-fsynced"),
    /** … renamed into place. */
    NAME_RENAMED("fs.name.renamed"),
    /** … directory forced. */
    NAME_DIRECTORY_FSYNCED("fs.name.directory-fsynced"),

    /** Content put: bytes and header written to the temporary file. */
    CONTENT_PUT_TEMP_WRITTEN("fs.content.put.temp-written"),
    /** … temporary file forced. */
    CONTENT_PUT_TEMP_FSYNCED("fs.content.put.temp-fsynced"),
    /** … renamed into place (visible). */
    CONTENT_PUT_RENAMED("fs.content.put.renamed"),
    /** … directory forced (durable); put returns next. */
    CONTENT_PUT_DIRECTORY_FSYNCED("fs.content.put.directory-fsynced"),

    /** Content put or create, format 2: the lock of the object's directory taken, its bytes already in a forced temporary file. */
    CONTENT_PUT_LOCKED("fs.content.put.locked"),
    /** … format 2: the sidecar ({@code ~sum}) with the new version (and the replaced one) written to a temporary file. */
    CONTENT_SIDECAR_TEMP_WRITTEN("fs.content.sidecar.temp-written"),
    /** … temporary file forced. */
    CONTENT_SIDECAR_TEMP_FSYNCED("fs.content.sidecar.temp-fsynced"),
    /** … renamed into place, the object file not yet (no new object visible yet). */
    CONTENT_SIDECAR_RENAMED("fs.content.sidecar.renamed"),
    /** … directory forced; the object file goes into place next ({@code fs.content.put.renamed}). */
    CONTENT_SIDECAR_DIRECTORY_FSYNCED("fs.content.sidecar.directory-fsynced"),
    /** … format 2, after a replacing put: the sidecar with only the new version written to a temporary file. */
    CONTENT_SETTLE_TEMP_WRITTEN("fs.content.settle.temp-written"),
    /** … temporary file forced. */
    CONTENT_SETTLE_TEMP_FSYNCED("fs.content.settle.temp-fsynced"),
    /** … renamed into place. */
    CONTENT_SETTLE_RENAMED("fs.content.settle.renamed"),
    /** … directory forced. */
    CONTENT_SETTLE_DIRECTORY_FSYNCED("fs.content.settle.directory-fsynced"),
    /** … format 2: the directory's lock released; put returns next. */
    CONTENT_PUT_UNLOCKED("fs.content.put.unlocked"),

    /** Content delete: file removed (format 2: the object file, under its directory's lock). */
    CONTENT_DELETE_REMOVED("fs.content.delete.removed"),
    /** … format 2: its sidecar removed. */
    CONTENT_DELETE_SIDECAR_REMOVED("fs.content.delete.sidecar-removed"),
    /** … directory forced; delete returns next. */
    CONTENT_DELETE_DIRECTORY_FSYNCED("fs.content.delete.directory-fsynced"),

    /** Record compare-and-set: record lock taken, version not yet checked. */
    RECORD_CAS_LOCKED("fs.record.cas.locked"),
    /** … new version written to a temporary file. */
    RECORD_CAS_TEMP_WRITTEN("fs.record.cas.temp-written"),
    /** … temporary file forced. */
    RECORD_CAS_TEMP_FSYNCED("fs.record.cas.temp-fsynced"),
    /** … renamed into place (visible). */
    RECORD_CAS_RENAMED("fs.record.cas.renamed"),
    /** … directory forced (durable). */
    RECORD_CAS_DIRECTORY_FSYNCED("fs.record.cas.directory-fsynced"),
    /** … lock released; compare-and-set returns next. */
    RECORD_CAS_UNLOCKED("fs.record.cas.unlocked"),

    /** Record delete: file removed under the lock. */
    RECORD_DELETE_REMOVED("fs.record.delete.removed"),
    /** … directory forced. */
    RECORD_DELETE_DIRECTORY_FSYNCED("fs.record.delete.directory-fsynced"),

    /** Log append: log lock taken, nothing read or written yet. */
    LOG_APPEND_LOCKED("fs.log.append.locked"),
    /** … a new log file created and its directory forced. */
    LOG_APPEND_CREATED("fs.log.append.created"),
    /** … frame written, not yet forced. */
    LOG_APPEND_WRITTEN("fs.log.append.written"),
    /** … log file forced (durable). */
    LOG_APPEND_FSYNCED("fs.log.append.fsynced"),
    /** … lock released; append returns next. */
    LOG_APPEND_UNLOCKED("fs.log.append.unlocked"),

    /** Repair: an appender found an incomplete last frame; nothing done about it yet. */
    LOG_REPAIR_FOUND("fs.log.repair.found"),
    /** … the cut bytes are durable as a quarantine object. */
    LOG_REPAIR_QUARANTINED("fs.log.repair.quarantined"),
    /** … the repair is durable in the log's repair record; the log not yet truncated. */
    LOG_REPAIR_RECORDED("fs.log.repair.recorded"),
    /** … the log truncated, not yet forced. */
    LOG_REPAIR_TRUNCATED("fs.log.repair.truncated"),
    /** … the truncation forced; the append goes on with its own frame. */
    LOG_REPAIR_FSYNCED("fs.log.repair.fsynced");

    private final String id;

    CrashPoint(String id) {
        this.id = id;
    }

    /** @return the point's name, as {@code aktenlift.crashpoint} and the trace file spell it */
    String id() {
        return id;
    }

    /** Reports that this step is done. */
    void reach() {
        CrashPoints.reach(id);
    }

    /** The four steps of writing a file atomically: temp written, temp forced, renamed, directory forced. */
    record Atomic(CrashPoint tempWritten, CrashPoint tempFsynced, CrashPoint renamed, CrashPoint directoryFsynced) {
        static final Atomic MARKER = new Atomic(MARKER_TEMP_WRITTEN, MARKER_TEMP_FSYNCED, MARKER_RENAMED,
                MARKER_DIRECTORY_FSYNCED);
        static final Atomic NAME = new Atomic(NAME_TEMP_WRITTEN, NAME_TEMP_FSYNCED, NAME_RENAMED, NAME_DIRECTORY_FSYNCED);
        static final Atomic CONTENT = new Atomic(CONTENT_PUT_TEMP_WRITTEN, CONTENT_PUT_TEMP_FSYNCED, CONTENT_PUT_RENAMED,
                CONTENT_PUT_DIRECTORY_FSYNCED);
        static final Atomic SIDECAR = new Atomic(CONTENT_SIDECAR_TEMP_WRITTEN, CONTENT_SIDECAR_TEMP_FSYNCED,
                CONTENT_SIDECAR_RENAMED, CONTENT_SIDECAR_DIRECTORY_FSYNCED);
        static final Atomic SETTLE = new Atomic(CONTENT_SETTLE_TEMP_WRITTEN, CONTENT_SETTLE_TEMP_FSYNCED,
                CONTENT_SETTLE_RENAMED, CONTENT_SETTLE_DIRECTORY_FSYNCED);
        static final Atomic RECORD = new Atomic(RECORD_CAS_TEMP_WRITTEN, RECORD_CAS_TEMP_FSYNCED, RECORD_CAS_RENAMED,
                RECORD_CAS_DIRECTORY_FSYNCED);
    }
}
