package io.github.aktenlift.metrics;

import org.apiguardian.api.API;

/**
 * The keys under which Aktenlift puts, into SLF4J's MDC, the ids of what it is working on while it
 * works on it, so that a log pattern such as {@code %X{aktenlift.barcode}} or a structured log
 * encoder can tell which command, case file and delivery a line belongs to. Values are ids only,
 * never personal data. A value the host had put under one of these keys is restored afterwards,
 * and nested work restores the outer work's value; a key Aktenlift set is removed again. The MDC
 * is per thread: Aktenlift sets it on its own worker threads (capture) as well.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class LogContext {

    /**
     * The operation: the simple name of the command being recorded ({@code RegisterCaseFile},
     * {@code RecordIngestedCapture}…), or {@code Ingest}, {@code ImportCaseFile}.
     */
    public static final String COMMAND = "aktenlift.command";
    /** The barcode of the case file being worked on. */
    public static final String BARCODE = "aktenlift.barcode";
    /** The id of the scan delivery being ingested, from its index. */
    public static final String DELIVERY = "aktenlift.delivery";

    private LogContext() {
    }
}
