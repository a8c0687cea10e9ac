package io.github.aktenlift.adapters.xdomea.message;

import io.github.aktenlift.adapters.xdomea.codec.EntryNames;
import io.github.aktenlift.adapters.xdomea.codec.MessageXmlWriter;
import io.github.aktenlift.spi.IntegrityException;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apiguardian.api.API;

/**
 * Writes xdomea 3.0.0 messages as the ZIP containers partners exchange: the message XML as
 * {@code <ProzessID>_<message name>.xml} first, then the primary files under their
 * {@code Dateiname}. Entry times are the message's creation time, so the same message gives the
 * same bytes.
 *
 * <p>Stateless and thread-safe. Streams the files through; holds none of them.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class XdomeaWriter {

    private XdomeaWriter() {
    }

    /**
     * Writes a 0401 with its files. Every file the message references must be given exactly once,
     * and nothing else; each is checked against its size and SHA-256 while it is copied.
     *
     * @param message the message
     * @param files the primary files
     * @param out receives the ZIP; not closed
     * @throws IntegrityException if a file's bytes differ from its size or SHA-256 (naming the
     *     entry); what was written to {@code out} must then be discarded
     * @throws IllegalArgumentException if the files do not match the message's references
     * @throws IOException if writing or reading a file fails
     */
    public static void write(Abgabe message, List<OutgoingFile> files, OutputStream out) throws IOException {
        Objects.requireNonNull(message, "message");
        Set<String> referenced = new HashSet<>();
        for (PrimaryFile f : message.files()) {
            referenced.add(f.fileName());
        }
        Map<String, OutgoingFile> given = new HashMap<>();
        for (OutgoingFile f : files) {
            EntryNames.check(f.entryName());
            if (given.put(f.entryName(), f) != null) {
                throw new IllegalArgumentException("file " + f.entryName() + " is given twice");
            }
        }
        if (!given.keySet().equals(referenced)) {
            throw new IllegalArgumentException("the files given differ from the files the message references");
        }
        String xmlName = message.head().type().fileName(message.head().processId(), "xml");
        if (given.containsKey(xmlName)) {
            throw new IllegalArgumentException("a file is named like the message itself");
        }
        long time = message.head().created().toInstant().toEpochMilli();
        ZipOutputStream zip = new ZipOutputStream(nonClosing(out));
        zip.putNextEntry(entry(xmlName, time));
        try {
            MessageXmlWriter.write(message, zip);
        } catch (XMLStreamException e) {
            throw new IOException("writing the message XML failed", e);
        }
        zip.closeEntry();
        for (OutgoingFile f : files) {
            zip.putNextEntry(entry(f.entryName(), time));
            copyVerified(f, zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /**
     * Writes a 0402 (the archive holds the message XML only).
     *
     * @param message the message
     * @param out receives the ZIP; not closed
     * @throws IOException if writing fails
     */
    public static void write(ImportConfirmation message, OutputStream out) throws IOException {
        writeSingle(message.head(), x -> MessageXmlWriter.write(message, x), out);
    }

    /**
     * Writes a 0403 (the archive holds the message XML only).
     *
     * @param message the message
     * @param out receives the ZIP; not closed
     * @throws IOException if writing fails
     */
    public static void write(ReceiptConfirmation message, OutputStream out) throws IOException {
        writeSingle(message.head(), x -> MessageXmlWriter.write(message, x), out);
    }

    /**
     * Writes a message's XML alone, not packed: for partners that exchange answers as plain XML,
     * and for inspection.
     *
     * @param message a {@link Abgabe}, {@link ImportConfirmation} or {@link ReceiptConfirmation}
     * @param out receives the XML; not closed
     * @throws IOException if writing fails
     */
    public static void writeXml(Object message, OutputStream out) throws IOException {
        try {
            if (message instanceof Abgabe a) {
                MessageXmlWriter.write(a, out);
            } else if (message instanceof ImportConfirmation c) {
                MessageXmlWriter.write(c, out);
            } else if (message instanceof ReceiptConfirmation r) {
                MessageXmlWriter.write(r, out);
            } else {
                throw new IllegalArgumentException("not an Abgabe message: " + (message == null ? null : message.getClass()));
            }
        } catch (XMLStreamException e) {
            throw new IOException("writing the message XML failed", e);
        }
    }

    @FunctionalInterface
    private interface XmlBody {
        void write(OutputStream out) throws XMLStreamException;
    }

    private static void writeSingle(MessageHead head, XmlBody body, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(nonClosing(out));
        zip.putNextEntry(entry(head.type().fileName(head.processId(), "xml"), head.created().toInstant().toEpochMilli()));
        try {
            body.write(zip);
        } catch (XMLStreamException e) {
            throw new IOException("writing the message XML failed", e);
        }
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    private static ZipEntry entry(String name, long time) {
        ZipEntry e = new ZipEntry(name);
        e.setTime(time);
        return e;
    }

    private static void copyVerified(OutgoingFile f, OutputStream out) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        try (InputStream in = f.content().open()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                size += n;
                if (size > f.size()) {
                    throw new IntegrityException(f.entryName(), "longer than the declared " + f.size() + " bytes");
                }
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        if (size != f.size()) {
            throw new IntegrityException(f.entryName(), size + " bytes, declared " + f.size());
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(f.sha256())) {
            throw new IntegrityException(f.entryName(), "SHA-256 " + actual + ", declared " + f.sha256());
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(Objects.requireNonNull(out, "out")) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
