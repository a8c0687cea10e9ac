package io.github.aktenlift.sealing;

import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs inside {@link Dss}'s isolated class loader (DSS with its own Bouncy Castle) and speaks only
 * JDK types across the boundary: one row of strings per signature and timestamp.
 */
public final class DssJudge {

    private DssJudge() {
    }

    /**
     * @param document the signed PDF, or the detached CMS/token file
     * @param detached the detached content, or {@code null}
     * @param trustAnchor the DER trust anchor
     * @param crl a DER CRL the relying party has fetched, or {@code null} to rely on what the
     *     document carries
     * @return rows: kind, id, format, indication, sub-indication, intact, valid, errors, warnings
     */
    public static List<List<String>> validate(String document, String detached, byte[] trustAnchor, byte[] crl) {
        DSSDocument doc = new FileDocument(new File(document));
        SignedDocumentValidator v = SignedDocumentValidator.fromDocument(doc);
        CommonCertificateVerifier cv = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        CertificateToken anchor = DSSUtils.loadCertificate(trustAnchor);
        trusted.addCertificate(anchor);
        cv.setTrustedCertSources(trusted);
        cv.setCrlSource(crl == null ? null : new ExternalResourcesCRLSource(new InMemoryDocument(crl)));
        cv.setOcspSource(null);
        cv.setAIASource(null);
        v.setCertificateVerifier(cv);
        if (detached != null) {
            v.setDetachedContents(List.of(new FileDocument(new File(detached))));
        }
        Reports reports = v.validateDocument();
        SimpleReport simple = reports.getSimpleReport();
        DiagnosticData dd = reports.getDiagnosticData();
        List<List<String>> rows = new ArrayList<>();
        for (String id : simple.getSignatureIdList()) {
            SignatureWrapper w = dd.getSignatureById(id);
            rows.add(List.of("signature", id, String.valueOf(simple.getSignatureFormat(id)),
                    String.valueOf(simple.getIndication(id)), String.valueOf(simple.getSubIndication(id)),
                    String.valueOf(w.isSignatureIntact()), String.valueOf(w.isSignatureValid()),
                    text(simple.getAdESValidationErrors(id)), text(simple.getAdESValidationWarnings(id))));
        }
        for (TimestampWrapper t : dd.getTimestampList()) {
            String id = t.getId();
            rows.add(List.of("timestamp", id, String.valueOf(t.getType()), String.valueOf(simple.getIndication(id)),
                    String.valueOf(simple.getSubIndication(id)), String.valueOf(t.isSignatureIntact()),
                    String.valueOf(t.isSignatureValid() && t.isMessageImprintDataIntact()),
                    text(simple.getAdESValidationErrors(id)), text(simple.getAdESValidationWarnings(id))));
        }
        return rows;
    }

    private static String text(List<eu.europa.esig.dss.jaxb.object.Message> messages) {
        return messages.stream().map(m -> m.getKey() + ": " + m.getValue()).collect(Collectors.joining("; "));
    }
}
