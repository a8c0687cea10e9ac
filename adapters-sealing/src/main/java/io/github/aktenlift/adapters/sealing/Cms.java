package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Builds CMS {@code SignedData} (RFC 5652) for CAdES and PAdES baseline signatures from parts: the
 * signed attributes are built first so that only their digest goes to the key, and the structure
 * is assembled around the signature value afterwards. DER throughout, so what was hashed is
 * byte for byte what is embedded.
 */
final class Cms {

    private Cms() {
    }

    /**
     * The signed attributes of a baseline signature: content type id-data, message digest, and
     * signing-certificate-v2 naming the signer's certificate by SHA-256 and issuer/serial (ETSI EN
     * 319 122-1 5.2.2). PAdES forbids the signing-time attribute (the time goes into the signature
     * dictionary's {@code M}); CAdES B-B requires it.
     */
    static DERSet signedAttributes(byte[] contentDigest, X509Certificate signer, Optional<Instant> signingTime) {
        try {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)));
            v.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(contentDigest))));
            byte[] certHash = DigestAlgorithm.SHA256.newDigest().digest(signer.getEncoded());
            IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(issuer(signer))), signer.getSerialNumber());
            ESSCertIDv2 certId = new ESSCertIDv2(new AlgorithmIdentifier(new ASN1ObjectIdentifier(DigestAlgorithm.SHA256.oid())),
                    certHash, issuerSerial);
            v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certId}))));
            signingTime.ifPresent(t -> v.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(t))))));
            return new DERSet(v);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the signer's certificate cannot be encoded", e);
        }
    }

    /** @return the DER encoding of the signed attributes, which is what the signature covers */
    static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The whole {@code ContentInfo} of a detached {@code SignedData} with one signer.
     *
     * @param signatureTimestamp a DER timestamp token over the signature value, to go in as the
     *     unsigned signature-time-stamp attribute (B-T), or empty (B-B)
     */
    static byte[] signedData(DERSet signedAttributes, SignatureAlgorithm algorithm, byte[] signatureValue,
            List<X509Certificate> chain, Optional<byte[]> signatureTimestamp) {
        try {
            X509Certificate signer = chain.get(0);
            AlgorithmIdentifier digest = new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.digest().oid()));
            AlgorithmIdentifier sig = "RSA".equals(algorithm.keyAlgorithm())
                    ? new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.oid()), DERNull.INSTANCE)
                    : new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.oid()));
            ASN1Set unsigned = signatureTimestamp.map(t -> (ASN1Set) new DERSet(new Attribute(
                    PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(ContentInfo.getInstance(t))))).orElse(null);
            SignerInfo info = new SignerInfo(
                    new SignerIdentifier(new IssuerAndSerialNumber(issuer(signer), signer.getSerialNumber())),
                    digest, signedAttributes, sig, new DEROctetString(signatureValue), unsigned);
            ASN1EncodableVector certs = new ASN1EncodableVector();
            for (X509Certificate c : chain) {
                certs.add(Certificate.getInstance(c.getEncoded()));
            }
            SignedData sd = new SignedData(new DERSet(digest), new ContentInfo(CMSObjectIdentifiers.data, null),
                    new DERSet(certs), null, new DERSet(info));
            return new ContentInfo(CMSObjectIdentifiers.signedData, sd).getEncoded(ASN1Encoding.DER);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate cannot be encoded", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X500Name issuer(X509Certificate c) {
        return X500Name.getInstance(ASN1Primitive.class.cast(
                org.bouncycastle.asn1.ASN1Sequence.getInstance(c.getIssuerX500Principal().getEncoded())));
    }
}
