/**
 * Aktenlift's sealing adapter: PAdES baseline seals (B-B to B-LTA) and document timestamps on
 * PDF/A as incremental updates, detached CMS seals and timestamps beside other documents, an
 * RFC 3161 client over HTTP, PKCS#12 and PKCS#11 keys, and a verifier for all of it. Depends on the
 * SPI, PDFBox and Bouncy Castle, never on the core.
 */
module io.github.aktenlift.adapters.sealing {
    requires transitive io.github.aktenlift.spi;
    requires java.net.http;
    requires org.apache.pdfbox;
    requires org.apache.pdfbox.io;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    exports io.github.aktenlift.adapters.sealing;

    provides io.github.aktenlift.spi.sealing.SealingKeyProvider
            with io.github.aktenlift.adapters.sealing.Pkcs12SealingKeyProvider,
                 io.github.aktenlift.adapters.sealing.Pkcs11SealingKeyProvider;
    provides io.github.aktenlift.spi.sealing.TimestampAuthorityProvider
            with io.github.aktenlift.adapters.sealing.HttpTimestampAuthorityProvider;
    provides io.github.aktenlift.spi.sealing.EvidenceSealerProvider
            with io.github.aktenlift.adapters.sealing.PadesEvidenceSealerProvider;
}
