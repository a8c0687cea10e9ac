package io.github.aktenlift.adapters.xdomea.codec;

import io.github.aktenlift.adapters.xdomea.message.MessageException;
import io.github.aktenlift.adapters.xdomea.message.MessageException.Problem;
import io.github.aktenlift.adapters.xdomea.message.MessageType;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Reads an xdomea XML document against sequences of expected children, the way the schema
 * describes them: each element's children are checked for name, namespace, order and number, and
 * any failure names the element path, never a value. A document type declaration is refused at
 * once. Not thread-safe.
 */
final class XmlIn implements AutoCloseable {

    /** Reads one child element that a particle matched; the cursor is on its start tag and must end on its end tag. */
    @FunctionalInterface
    interface Handler {
        void read(XmlIn in) throws XMLStreamException;
    }

    /**
     * One expected child: a name in the xdomea namespace (or in no namespace for the
     * {@code code}/{@code name} of code types), how often, and what to do with it ({@code null}:
     * skip it whole).
     */
    record Particle(String name, boolean qualified, int min, int max, Handler handler) {
        boolean matches(String ns, String local) {
            return name.equals(local) && (qualified ? MessageType.NAMESPACE.equals(ns) : ns == null || ns.isEmpty());
        }
    }

    static final int UNBOUNDED = Integer.MAX_VALUE;

    static Particle one(String name, Handler h) {
        return new Particle(name, true, 1, 1, h);
    }

    static Particle opt(String name, Handler h) {
        return new Particle(name, true, 0, 1, h);
    }

    static Particle many(String name, Handler h) {
        return new Particle(name, true, 0, UNBOUNDED, h);
    }

    static Particle some(String name, Handler h) {
        return new Particle(name, true, 1, UNBOUNDED, h);
    }

    /** An optional element whose content is not read (checked for well-formedness only). */
    static Particle skip(String name) {
        return new Particle(name, true, 0, 1, null);
    }

    /** Any number of elements whose content is not read. */
    static Particle skipMany(String name) {
        return new Particle(name, true, 0, UNBOUNDED, null);
    }

    private final XMLStreamReader r;
    private final String entry;
    private final Deque<String> path = new ArrayDeque<>();

    private XmlIn(XMLStreamReader r, String entry) {
        this.r = r;
        this.entry = entry;
    }

    /**
     * Opens a document and moves to its root element.
     *
     * @param in the XML bytes; not closed
     * @param entry the entry or file name, for errors
     */
    static XmlIn open(InputStream in, String entry) {
        try {
            XmlIn x = new XmlIn(XmlFactories.input().createXMLStreamReader(in), entry);
            while (true) {
                int e = x.r.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    x.path.push(x.r.getLocalName());
                    return x;
                }
                x.prolog(e);
            }
        } catch (XMLStreamException e) {
            throw malformed(entry, null, e);
        }
    }

    private void prolog(int event) {
        switch (event) {
            case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION, XMLStreamConstants.NOTATION_DECLARATION,
                    XMLStreamConstants.ENTITY_REFERENCE ->
                throw new MessageException(Problem.DTD_FORBIDDEN, entry, null,
                        "document type declarations and entities are refused", null);
            case XMLStreamConstants.END_DOCUMENT ->
                throw new MessageException(Problem.MALFORMED_XML, entry, null, "no root element", null);
            default -> {
                // comments, processing instructions, whitespace
            }
        }
    }

    /** @return the root's (or current element's) namespace, or {@code ""} */
    String namespace() {
        String ns = r.getNamespaceURI();
        return ns == null ? "" : ns;
    }

    /** @return the current element's local name */
    String localName() {
        return r.getLocalName();
    }

    /** @return the current element path, for example {@code /Abgabe.Abgabe.0401/Kopf/ProzessID} */
    String path() {
        StringBuilder b = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            b.append('/').append(it.next());
        }
        return b.toString();
    }

    /** @return a structure error at the current element */
    MessageException invalid(String detail) {
        return new MessageException(Problem.INVALID_STRUCTURE, entry, path(), detail, null);
    }

    /** @return the current element's attribute in no namespace, or {@code null} */
    String attribute(String name) {
        return r.getAttributeValue(null, name);
    }

    /**
     * Reads the children of the current element against a sequence of particles, and ends on the
     * current element's end tag.
     */
    void sequence(Particle... particles) throws XMLStreamException {
        int i = 0;
        int count = 0;
        while (nextChild()) {
            String ns = r.getNamespaceURI();
            String local = r.getLocalName();
            while (i < particles.length && !particles[i].matches(ns, local)) {
                if (count < particles[i].min()) {
                    throw missing(particles[i].name());
                }
                i++;
                count = 0;
            }
            if (i == particles.length) {
                path.push(local);
                throw invalid("unexpected element" + (MessageType.NAMESPACE.equals(ns) || ns == null || ns.isEmpty() ? ""
                        : " in another namespace") + " (out of order, unknown or repeated)");
            }
            Particle p = particles[i];
            count++;
            path.push(p.max() > 1 ? local + "[" + count + "]" : local);
            if (count > p.max()) {
                throw invalid("occurs more often than the schema allows");
            }
            if (p.handler() == null) {
                skipElement();
            } else {
                p.handler().read(this);
                if (r.getEventType() != XMLStreamConstants.END_ELEMENT) {
                    throw new IllegalStateException("handler for " + local + " did not read to the end tag");
                }
            }
            path.pop();
        }
        if (i < particles.length && count < particles[i].min()) {
            throw missing(particles[i].name());
        }
        for (int k = i + 1; k < particles.length; k++) {
            if (particles[k].min() > 0) {
                throw missing(particles[k].name());
            }
        }
    }

    /**
     * Reads a choice: exactly one child, one of the given names.
     *
     * @param handler reads the chosen child, from its start tag (its name in {@link #localName()})
     */
    void choice(Handler handler, String... names) throws XMLStreamException {
        if (!nextChild()) {
            throw invalid("needs one of " + String.join(", ", names));
        }
        String local = r.getLocalName();
        boolean known = MessageType.NAMESPACE.equals(r.getNamespaceURI()) && java.util.Arrays.asList(names).contains(local);
        path.push(local);
        if (!known) {
            throw invalid("unexpected element; needs one of " + String.join(", ", names));
        }
        handler.read(this);
        path.pop();
        if (nextChild()) {
            path.push(r.getLocalName());
            throw invalid("a second element where the schema allows one choice");
        }
    }

    /** @return the text of the current element, which must have no child elements; trimmed */
    String text() throws XMLStreamException {
        try {
            return r.getElementText().strip();
        } catch (XMLStreamException e) {
            if (r.getEventType() == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new MessageException(Problem.DTD_FORBIDDEN, entry, path(), "entity references are refused", null);
            }
            if (Objects.toString(e.getMessage(), "").contains("text only")) {
                throw invalid("needs text only");
            }
            throw malformed(entry, path(), e);
        }
    }

    /** @return the text, or {@code null} where it is empty */
    String optionalText() throws XMLStreamException {
        String t = text();
        return t.isEmpty() ? null : t;
    }

    /** Moves to the next child start tag ({@code true}) or to the current element's end tag ({@code false}). */
    private boolean nextChild() throws XMLStreamException {
        while (true) {
            int e = next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT:
                    return true;
                case XMLStreamConstants.END_ELEMENT:
                    return false;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE:
                    if (!r.isWhiteSpace()) {
                        throw invalid("text where only elements are allowed");
                    }
                    break;
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION:
                    break;
                default:
                    prolog(e);
                    throw invalid("unexpected XML content");
            }
        }
    }

    /** Skips the current element and everything in it, ending on its end tag. */
    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int e = next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (e != XMLStreamConstants.CHARACTERS && e != XMLStreamConstants.CDATA && e != XMLStreamConstants.SPACE
                    && e != XMLStreamConstants.COMMENT && e != XMLStreamConstants.PROCESSING_INSTRUCTION) {
                prolog(e);
            }
        }
    }

    private int next() throws XMLStreamException {
        try {
            return r.next();
        } catch (XMLStreamException e) {
            throw malformed(entry, path(), e);
        }
    }

    /** Checks that nothing but comments and whitespace follows the root. */
    void finish() throws XMLStreamException {
        while (r.hasNext()) {
            int e = next();
            if (e == XMLStreamConstants.START_ELEMENT || (e == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace())) {
                throw new MessageException(Problem.MALFORMED_XML, entry, null, "content after the root element", null);
            }
        }
    }

    private MessageException missing(String name) {
        return invalid("lacks the required element " + name);
    }

    private static MessageException malformed(String entry, String path, XMLStreamException e) {
        String detail = e.getLocation() == null ? "not well-formed"
                : "not well-formed at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
        String m = Objects.toString(e.getMessage(), "");
        // the DTD event is refused before any declaration is read; a parser error naming one is the same refusal
        if (m.contains("DOCTYPE") || m.contains("DTD")) {
            return new MessageException(Problem.DTD_FORBIDDEN, entry, path, detail + " (DTDs and entities are refused)", null);
        }
        return new MessageException(Problem.MALFORMED_XML, entry, path, detail, null);
    }

    @Override
    public void close() {
        try {
            r.close();
        } catch (XMLStreamException e) {
            // nothing held beyond the caller's stream
        }
    }
}
