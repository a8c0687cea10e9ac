package io.github.aktenlift.intake.digital;

import io.github.aktenlift.intake.DigitalTransfer;
import io.github.aktenlift.lifecycle.DigitalDocumentRecord;
import io.github.aktenlift.pdfa.ReportPdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The intake record (<i>Eingangsvermerk</i>) of a digital transfer, as PDF/A-2b: from whom, under
 * which id, when, and each document with its type, size and checked SHA-256. It stands in for the
 * scan protocol in the import package. Names no subject. Deterministic: the same transfer gives
 * the same bytes (its time is the transfer's receipt), so that a repeat finds its own record.
 */
final class IntakeRecord {

    private IntakeRecord() {
    }

    static byte[] render(DigitalTransfer t, List<DigitalDocumentRecord> documents) {
        List<ReportPdf.Row> head = new ArrayList<>();
        head.add(new ReportPdf.Row("Akte / Case file", t.barcode().value()));
        head.add(new ReportPdf.Row("Aktenzeichen / File reference", t.reference().value()));
        head.add(new ReportPdf.Row("Absender / Sender", t.originAuthority()));
        head.add(new ReportPdf.Row("Vorgang / Transfer", t.transferId()));
        head.add(new ReportPdf.Row("Eingang / Received", t.receivedAt().toString()));
        head.add(new ReportPdf.Row("Schutzbedarf / Protection", t.protection().name()));
        head.add(new ReportPdf.Row("Dokumente / Documents", Integer.toString(documents.size())));
        List<ReportPdf.Row> rows = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            DigitalDocumentRecord d = documents.get(i);
            rows.add(new ReportPdf.Row(String.format("%02d", i + 1), d.name() + " · " + d.type() + " · " + d.mediaType()
                    + " · " + d.size() + " Bytes · SHA-256 " + d.sha256() + " geprüft / checked"));
        }
        List<ReportPdf.Section> sections = List.of(
                new ReportPdf.Section("Digitale Übernahme / Digital transfer", head),
                new ReportPdf.Section("Dokumente / Documents", rows));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportPdf.render("Eingangsvermerk " + t.transferId(), sections, t.receivedAt(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
