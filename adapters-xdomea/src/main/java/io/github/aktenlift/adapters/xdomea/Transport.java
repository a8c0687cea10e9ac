package io.github.aktenlift.adapters.xdomea;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How xdomea message files travel between Aktenlift and a partner. {@link DirectoryTransport} is a
 * pair of directories; another transport (a secure file transfer, an OSCI/XTA mailbox) implements
 * the same four operations.
 *
 * <p><b>Hand-over in two steps.</b> {@link #stage} writes a message where the partner cannot see
 * it; {@link #deliver} makes it visible at once and whole. Between the two, the caller records the
 * hand-over durably, so that after a crash it either stages again (nothing was recorded, the
 * partner saw nothing) or only delivers (recorded; a staged copy is completed, a delivered one is
 * left alone). So a message is never seen twice, nor half.
 *
 * <p><b>Names</b> are plain file names ({@code <ProzessID>_<message name>.zip}), never paths.
 * <b>Thread safety:</b> implementations are thread-safe; the caller never stages or delivers one
 * name from two threads at once.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Transport {

    /**
     * Writes a message's bytes.
     *
     * @since 0.1
     */
    @FunctionalInterface
    interface Body {
        /**
         * @param out receives the message; the body does not close it
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a message where the partner cannot see it yet, replacing a staged copy of the same
     * name. Durable when it returns. If {@code body} throws, nothing staged remains.
     *
     * @param fileName the message's file name
     * @param body writes the message
     * @throws IOException if writing fails; nothing staged remains
     */
    void stage(String fileName, Body body) throws IOException;

    /**
     * Makes a staged message visible to the partner, atomically and durably. A name with no staged
     * copy was delivered before (and may since have been taken by the partner): nothing happens.
     *
     * @param fileName the message's file name
     * @return whether this call delivered it
     * @throws IOException if delivering fails; the staged copy is then still there
     */
    boolean deliver(String fileName) throws IOException;

    /**
     * @param fileName the name of a message the partner sends
     * @return the message, if the partner has delivered it completely; the caller closes the stream
     * @throws IOException if it cannot be read
     */
    Optional<InputStream> receive(String fileName) throws IOException;

    /**
     * @return the names of the complete messages the partner has delivered and not taken back,
     *     sorted; never {@code null}
     * @throws IOException if they cannot be listed
     */
    List<String> received() throws IOException;
}
