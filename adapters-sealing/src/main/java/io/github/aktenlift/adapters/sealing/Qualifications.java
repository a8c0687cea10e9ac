package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.Qualification;
import io.github.aktenlift.spi.sealing.SealingKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a key's certificate is a qualified certificate for electronic seals (ETSI EN 319 412-5):
 * the QC statements QcCompliance (the issuer asserts eIDAS qualification) and QcType eseal, and the
 * private key on a QSCD by QcSSCD or the certificate policy QCP-l-qscd (ETSI EN 319 411-2); and the
 * operator's declaration ({@link SealingKey#qualified()}). All of it, or no qualified seal.
 */
final class Qualifications {

    /** QCP-l-qscd: qualified certificate for legal persons (seals) with the key on a QSCD. */
    static final String QCP_L_QSCD = "0.4.0.194112.1.3";
    /** QCP-l: qualified certificate for legal persons, key not necessarily on a QSCD. */
    static final String QCP_L = "0.4.0.194112.1.1";

    private Qualifications() {
    }

    static Qualification of(SealingKey key) {
        X509Certificate cert = key.certificateChain().get(0);
        List<String> missing = new ArrayList<>();
        List<String> found = new ArrayList<>();
        if (key.qualified()) {
            found.add("declared qualified by its provider");
        } else {
            missing.add("the key's provider does not declare it qualified");
        }
        Set<ASN1ObjectIdentifier> statements = new HashSet<>();
        boolean eseal = false;
        try {
            ASN1Sequence qcs = sequence(cert, Extension.qCStatements.getId());
            if (qcs != null) {
                for (ASN1Encodable e : qcs) {
                    QCStatement st = QCStatement.getInstance(e);
                    statements.add(st.getStatementId());
                    if (st.getStatementId().equals(ETSIQCObjectIdentifiers.id_etsi_qcs_QcType) && st.getStatementInfo() != null) {
                        for (ASN1Encodable t : ASN1Sequence.getInstance(st.getStatementInfo())) {
                            eseal |= ETSIQCObjectIdentifiers.id_etsi_qct_eseal.equals(t);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            missing.add("the QC statements cannot be read");
        }
        Set<String> policies = new HashSet<>();
        try {
            ASN1Sequence cp = sequence(cert, Extension.certificatePolicies.getId());
            if (cp != null) {
                for (PolicyInformation pi : CertificatePolicies.getInstance(cp).getPolicyInformation()) {
                    policies.add(pi.getPolicyIdentifier().getId());
                }
            }
        } catch (IOException | RuntimeException e) {
            missing.add("the certificate policies cannot be read");
        }
        check(statements.contains(ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance), "QC statement QcCompliance",
                found, missing);
        check(eseal, "QC statement QcType eseal", found, missing);
        boolean qscd = statements.contains(ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD) || policies.contains(QCP_L_QSCD);
        check(qscd, "key on a QSCD (QC statement QcSSCD or policy QCP-l-qscd " + QCP_L_QSCD + ")", found, missing);
        List<String> reasons = new ArrayList<>(missing);
        reasons.addAll(found);
        return new Qualification(missing.isEmpty(), reasons);
    }

    private static void check(boolean present, String what, List<String> found, List<String> missing) {
        if (present) {
            found.add("has " + what);
        } else {
            missing.add("lacks " + what);
        }
    }

    private static ASN1Sequence sequence(X509Certificate cert, String oid) throws IOException {
        byte[] ext = cert.getExtensionValue(oid);
        if (ext == null) {
            return null;
        }
        ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
        return ASN1Sequence.getInstance(inner);
    }
}
