package io.github.aktenlift.testkit.pki;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * An in-memory PKI for tests: a self-signed root CA that issues a sealing certificate (key usage
 * digital signature and non-repudiation) and a time-stamping certificate (critical extended key
 * usage {@code id-kp-timeStamping}, as RFC 3161 section 2.3 demands), and signs CRLs on request.
 *
 * <p>Certificates are valid from one day before the clock's instant for {@link #VALIDITY}, so
 * validators running on the real clock accept them. Keys are generated afresh for every PKI (EC
 * P-256 for the CA and the TSA; RSA 3072 or EC P-256 for the seal), so create one per test class.
 *
 * <p>Thread-safe after creation.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TestPki {

    /** How long issued certificates are valid. */
    public static final Duration VALIDITY = Duration.ofDays(5 * 365);

    /** The certificate policy of a qualified seal on a QSCD (ETSI EN 319 411-2, QCP-l-qscd). */
    public static final String QCP_L_QSCD = "0.4.0.194112.1.3";

    /** The password of every PKCS#12 file {@link #writePkcs12} writes unless told otherwise. */
    public static final String PASSWORD = "aktenlift-test";

    /**
     * The sealing key's type.
     *
     * @since 0.1
     */
    public enum KeyType {
        /** RSA, 3072 bits (suitable beyond 2030 by BSI TR-02102-1). */
        RSA_3072,
        /** ECDSA on NIST P-256. */
        EC_P256
    }

    private final Clock clock;
    private final String name;
    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final KeyPair sealKeys;
    private final X509Certificate seal;
    private final KeyPair tsaKeys;
    private final X509Certificate tsa;
    private final AtomicLong serials = new AtomicLong(1000);
    private final AtomicLong crlNumbers = new AtomicLong(1);
    private final Map<BigInteger, Instant> revoked = new LinkedHashMap<>();

    private TestPki(Builder b) {
        this.clock = b.clock;
        this.name = b.name;
        try {
            Instant now = clock.instant();
            Date from = Date.from(now.minus(Duration.ofDays(1)));
            Date to = Date.from(now.plus(VALIDITY));
            rootKeys = ec();
            X500Name rootName = new X500Name("CN=" + name + " Root CA,O=Aktenlift Test,C=DE");
            X509v3CertificateBuilder rb = new JcaX509v3CertificateBuilder(rootName, nextSerial(), from,
                    Date.from(now.plus(VALIDITY.multipliedBy(2))), rootName, rootKeys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            rb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            rb.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(rootKeys.getPublic()));
            root = certificate(rb);

            sealKeys = b.sealKeyType == KeyType.RSA_3072 ? rsa() : ec();
            X509v3CertificateBuilder sb = leaf("CN=" + name + " Seal,O=Aktenlift Test,C=DE", sealKeys.getPublic(), from, to);
            sb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            if (b.qualified) {
                ASN1EncodableVector qc = new ASN1EncodableVector();
                qc.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance));
                qc.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD));
                qc.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcType,
                        new DERSequence(ETSIQCObjectIdentifiers.id_etsi_qct_eseal)));
                sb.addExtension(Extension.qCStatements, false, new DERSequence(qc));
                sb.addExtension(Extension.certificatePolicies, false,
                        new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(QCP_L_QSCD))));
            }
            seal = certificate(sb);

            tsaKeys = ec();
            X509v3CertificateBuilder tb = leaf("CN=" + name + " TSA,O=Aktenlift Test,C=DE", tsaKeys.getPublic(), from, to);
            tb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            tb.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            tsa = certificate(tb);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the test PKI", e);
        }
    }

    /** @return a PKI named "Aktenlift Test" with an RSA sealing key, on the system clock */
    public static TestPki create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the self-signed root CA certificate: the trust anchor */
    public X509Certificate rootCertificate() {
        return root;
    }

    /** @return the sealing certificate */
    public X509Certificate sealingCertificate() {
        return seal;
    }

    /** @return the sealing certificate's private key */
    public PrivateKey sealingKey() {
        return sealKeys.getPrivate();
    }

    /** @return the sealing certificate, then the root */
    public List<X509Certificate> sealingChain() {
        return List.of(seal, root);
    }

    /** @return the time-stamping certificate */
    public X509Certificate tsaCertificate() {
        return tsa;
    }

    /** @return the time-stamping certificate's private key */
    public PrivateKey tsaKey() {
        return tsaKeys.getPrivate();
    }

    /** @return the time-stamping certificate, then the root */
    public List<X509Certificate> tsaChain() {
        return List.of(tsa, root);
    }

    /**
     * Marks a certificate revoked from now on; later {@link #crl()} calls list it.
     *
     * @param certificate a certificate this PKI issued
     */
    public synchronized void revoke(X509Certificate certificate) {
        revoked.put(certificate.getSerialNumber(), clock.instant());
    }

    /**
     * A CRL of the root CA issued now, valid for seven days, listing every revoked certificate.
     * Each call issues a new CRL with the next CRL number.
     *
     * @return the DER-encoded CRL
     */
    public synchronized byte[] crl() {
        try {
            Instant now = clock.instant();
            X509v2CRLBuilder b = new JcaX509v2CRLBuilder(root, Date.from(now));
            b.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
            for (Map.Entry<BigInteger, Instant> r : revoked.entrySet()) {
                b.addCRLEntry(r.getKey(), Date.from(r.getValue()), CRLReason.keyCompromise);
            }
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumbers.getAndIncrement())));
            return b.build(signer(rootKeys.getPrivate())).getEncoded();
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a CRL", e);
        }
    }

    /**
     * Writes the sealing key and its chain as a PKCS#12 key store.
     *
     * @param file where; replaced if present
     * @param alias the key entry's alias
     * @param password the store's and the key's password
     */
    public void writePkcs12(Path file, String alias, String password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, sealKeys.getPrivate(), password.toCharArray(), new Certificate[] {seal, root});
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a PKCS#12 store", e);
        }
    }

    private X509v3CertificateBuilder leaf(String subject, PublicKey key, Date from, Date to)
            throws IOException, GeneralSecurityException {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(root, nextSerial(), from, to, new X500Name(subject), key);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root));
        return b;
    }

    private X509Certificate certificate(X509v3CertificateBuilder b) throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(b.build(signer(rootKeys.getPrivate())));
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }

    private BigInteger nextSerial() {
        return BigInteger.valueOf(serials.getAndIncrement());
    }

    private static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(3072);
        return g.generateKeyPair();
    }

    /**
     * Builds a {@link TestPki}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private String name = "Aktenlift Test";
        private KeyType sealKeyType = KeyType.RSA_3072;
        private boolean qualified;

        private Builder() {
        }

        /**
         * @param clock the clock certificates and CRLs are dated by
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param name the common-name stem of every certificate, to tell two PKIs apart
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param type the sealing key's type
         * @return this builder
         */
        public Builder sealKeyType(KeyType type) {
            this.sealKeyType = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * @param qualified whether the sealing certificate carries the QC statements of a qualified
         *     seal on a QSCD (QcCompliance, QcSSCD, QcType eseal) and the policy {@link #QCP_L_QSCD}
         * @return this builder
         */
        public Builder qualified(boolean qualified) {
            this.qualified = qualified;
            return this;
        }

        /** @return the PKI with freshly generated keys */
        public TestPki build() {
            return new TestPki(this);
        }
    }

    @Override
    public String toString() {
        return "TestPki[" + name + "]";
    }

    /** @return every certificate of this PKI: root, seal, TSA */
    public List<X509Certificate> certificates() {
        return new ArrayList<>(List.of(root, seal, tsa));
    }
}
