package io.github.aktenlift.adapters.xdomea.codec;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;

/**
 * The JDK's own StAX factories, hardened: no DTDs, no external entities, no external access of any
 * kind. The JDK's implementation is taken explicitly ({@code newDefaultFactory}), so another StAX
 * implementation on the class path cannot weaken these settings.
 */
final class XmlFactories {

    private XmlFactories() {
    }

    /** @return a new hardened input factory (StAX factories are not promised to be thread-safe) */
    static XMLInputFactory input() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("external resources are refused");
        });
        return f;
    }

    /** @return a new output factory */
    static XMLOutputFactory output() {
        return XMLOutputFactory.newDefaultFactory();
    }
}
