package io.github.aktenlift.adapters.xdomea.message;

import io.github.aktenlift.adapters.xdomea.codec.EntryNames;
import io.github.aktenlift.adapters.xdomea.codec.MessageXmlParser;
import io.github.aktenlift.adapters.xdomea.message.MessageException.Problem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apiguardian.api.API;

/**
 * Reads a partner's answer to a 0401 — {@code Abgabe.ImportBestaetigen.0402} or
 * {@code Abgabe.EmpfangBestaetigen.0403} — from a ZIP container holding only
 * {@code <ProzessID>_<message name>.xml}, or from the plain XML. Answers are small: more than
 * {@value #MAX_BYTES} bytes, or more than one entry, are refused. The same XML checks as for a
 * 0401 apply (no DTD, xdomea 3.0.0, the schema's structure), and the answer must carry the
 * expected {@code ProzessID}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AnswerReader {

    /** The most bytes an answer may have, packed or unpacked. */
    public static final int MAX_BYTES = 16 << 20;

    private AnswerReader() {
    }

    /**
     * @param in the answer's bytes; read to the end, not closed
     * @param fileName its file name: {@code <ProzessID>_Abgabe.ImportBestaetigen.0402.zip} or {@code .xml}
     * @param processId the {@code ProzessID} of the 0401 it must answer
     * @param zone the zone of times given without an offset
     * @return the answer
     * @throws MessageException if it is damaged, too large, another message or for another process
     * @throws IOException if reading fails
     */
    public static ImportConfirmation importConfirmation(InputStream in, String fileName, UUID processId, ZoneId zone)
            throws IOException {
        byte[] xml = unpack(in, fileName, MessageType.IMPORT_CONFIRMATION, processId);
        ImportConfirmation c = MessageXmlParser.importConfirmation(new ByteArrayInputStream(xml), fileName, zone);
        checkProcess(c.head(), fileName, processId);
        return c;
    }

    /**
     * @param in the answer's bytes; read to the end, not closed
     * @param fileName its file name: {@code <ProzessID>_Abgabe.EmpfangBestaetigen.0403.zip} or {@code .xml}
     * @param processId the {@code ProzessID} of the 0401 it must answer
     * @param zone the zone of times given without an offset
     * @return the answer
     * @throws MessageException if it is damaged, too large, another message or for another process
     * @throws IOException if reading fails
     */
    public static ReceiptConfirmation receiptConfirmation(InputStream in, String fileName, UUID processId, ZoneId zone)
            throws IOException {
        byte[] xml = unpack(in, fileName, MessageType.RECEIPT_CONFIRMATION, processId);
        ReceiptConfirmation c = MessageXmlParser.receiptConfirmation(new ByteArrayInputStream(xml), fileName, zone);
        checkProcess(c.head(), fileName, processId);
        return c;
    }

    private static void checkProcess(MessageHead head, String fileName, UUID processId) {
        if (!head.processId().equals(processId)) {
            throw new MessageException(Problem.WRONG_PROCESS, fileName, "/" + head.type().elementName() + "/Kopf/ProzessID",
                    "answers another process than " + processId, null);
        }
    }

    private static byte[] unpack(InputStream in, String fileName, MessageType type, UUID processId) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fileName, "fileName");
        byte[] raw = bounded(in, fileName);
        if (!fileName.endsWith(".zip")) {
            return raw;
        }
        String expected = type.fileName(processId, "xml");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(raw))) {
            ZipEntry e = zip.getNextEntry();
            if (e == null) {
                throw new MessageException(Problem.NOT_A_ZIP, fileName, null, "not a ZIP archive, or an empty one", null);
            }
            EntryNames.check(e.getName());
            if (!e.getName().equals(expected)) {
                throw new MessageException(e.getName().endsWith(".xml") ? Problem.WRONG_MESSAGE_TYPE : Problem.MISSING_MESSAGE,
                        e.getName(), null, "expected the entry " + expected, null);
            }
            byte[] xml = bounded(zip, fileName);
            if (zip.getNextEntry() != null) {
                throw new MessageException(Problem.UNREFERENCED_ENTRY, fileName, null, "an answer holds one entry only", null);
            }
            return xml;
        } catch (ZipException e) {
            throw new MessageException(Problem.NOT_A_ZIP, fileName, null, "not a readable ZIP archive", null);
        }
    }

    private static byte[] bounded(InputStream in, String fileName) throws IOException {
        byte[] b = in.readNBytes(MAX_BYTES + 1);
        if (b.length > MAX_BYTES) {
            throw new MessageException(Problem.EXPANDED_TOO_LARGE, fileName, null, "an answer over " + MAX_BYTES + " bytes", null);
        }
        return b;
    }
}
