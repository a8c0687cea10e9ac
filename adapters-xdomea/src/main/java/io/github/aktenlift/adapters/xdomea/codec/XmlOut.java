package io.github.aktenlift.adapters.xdomea.codec;

import io.github.aktenlift.adapters.xdomea.message.MessageType;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Writes xdomea XML: elements in the xdomea namespace under the prefix {@code xdomea}, the
 * unqualified {@code code}/{@code name} children of code types, two-space indentation. Not
 * thread-safe; one instance per message.
 */
final class XmlOut implements AutoCloseable {

    static final String PREFIX = "xdomea";

    private final XMLStreamWriter w;
    private int depth;
    private boolean hadChild;

    XmlOut(OutputStream out) throws XMLStreamException {
        this.w = XmlFactories.output().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
    }

    /** Opens the root element and declares the namespace. */
    void root(String localName) throws XMLStreamException {
        w.writeCharacters("\n");
        w.writeStartElement(PREFIX, localName, MessageType.NAMESPACE);
        w.writeNamespace(PREFIX, MessageType.NAMESPACE);
        depth = 1;
        hadChild = false;
    }

    /** Opens an xdomea element. */
    void start(String localName) throws XMLStreamException {
        indent();
        w.writeStartElement(PREFIX, localName, MessageType.NAMESPACE);
        depth++;
        hadChild = false;
    }

    /** Closes the innermost element. */
    void end() throws XMLStreamException {
        depth--;
        if (hadChild) {
            indent();
        }
        w.writeEndElement();
        hadChild = true;
    }

    /** An xdomea element with text. */
    void leaf(String localName, String text) throws XMLStreamException {
        indent();
        w.writeStartElement(PREFIX, localName, MessageType.NAMESPACE);
        w.writeCharacters(text);
        w.writeEndElement();
        hadChild = true;
    }

    /** An xdomea element with text, left out where the text is {@code null}. */
    void optional(String localName, String text) throws XMLStreamException {
        if (text != null) {
            leaf(localName, text);
        }
    }

    void uuid(String localName, UUID id) throws XMLStreamException {
        leaf(localName, id.toString());
    }

    void bool(String localName, boolean value) throws XMLStreamException {
        leaf(localName, value ? "1" : "0");
    }

    void dateTime(String localName, OffsetDateTime t) throws XMLStreamException {
        leaf(localName, t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    void date(String localName, LocalDate d) throws XMLStreamException {
        leaf(localName, d.format(DateTimeFormatter.ISO_LOCAL_DATE));
    }

    /**
     * A code-type element: {@code <xdomea:localName listURI=… listVersionID=…><code>…</code></…>}.
     *
     * @param listUri the code list, or {@code null} to leave the attribute out
     * @param listVersion its version, or {@code null}
     * @param name the code's description, or {@code null}
     */
    void code(String localName, String listUri, String listVersion, String code, String name) throws XMLStreamException {
        indent();
        w.writeStartElement(PREFIX, localName, MessageType.NAMESPACE);
        if (listUri != null) {
            w.writeAttribute("listURI", listUri);
        }
        if (listVersion != null) {
            w.writeAttribute("listVersionID", listVersion);
        }
        depth++;
        indent();
        w.writeStartElement("code");
        w.writeCharacters(code);
        w.writeEndElement();
        if (name != null) {
            indent();
            w.writeStartElement("name");
            w.writeCharacters(name);
            w.writeEndElement();
        }
        depth--;
        indent();
        w.writeEndElement();
        hadChild = true;
    }

    private void indent() throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** Closes the root and the document, and flushes; does not close the underlying stream. */
    @Override
    public void close() throws XMLStreamException {
        w.writeEndElement();
        w.writeCharacters("\n");
        w.writeEndDocument();
        w.flush();
        w.close();
    }
}
