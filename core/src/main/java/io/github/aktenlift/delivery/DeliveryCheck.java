package io.github.aktenlift.delivery;

import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.InvalidDeliveryException;
import io.github.aktenlift.capture.delivery.CaseFileEntry;
import io.github.aktenlift.capture.delivery.DocumentEntry;
import io.github.aktenlift.capture.delivery.PageEntry;
import io.github.aktenlift.capture.ingest.DeliveryTrial;
import io.github.aktenlift.casefile.BarcodeScheme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Every check capture makes on a delivery folder, without a workspace and without keeping
 * anything: what a scan service runs before it hands a delivery over. The checks are capture's
 * own code, not a copy: the index is read by capture's reader (format, types, calendar, limits);
 * every page's path, file, header, format, pixel limits, resolution and colour mode are checked as
 * capture checks them; sheets are counted; document types are held against the catalogue; and every
 * page that passes is rendered into nothing by capture's PDF/A renderer, which takes its SHA-256,
 * walks its compressed data and decodes what capture would re-encode, under capture's decode budget.
 * Barcodes are checked for repeats and, unless switched off, against the office's barcode scheme.
 *
 * <p>What needs the tracking journal is not checked: whether each barcode is registered and
 * waiting for a scan ({@code PREPARED}, or {@code QA_FAILED} for a rescan), and which pages of a
 * rescan are carried over from the previous capture; a rescan delivery is checked as if it were
 * complete, so its missing sheets show as {@link CaptureProblem.Kind#PAGE_COUNT}.
 *
 * <p>Reads the folder and nothing else; writes nothing, not even a temporary file. Immutable and
 * thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class DeliveryCheck {

    private static final Pattern POINTER = Pattern.compile("(/caseFiles/[0-9]+(?:/[A-Za-z0-9_]+)*): (.*)",
            Pattern.DOTALL);
    private static final Pattern DOCUMENT = Pattern.compile("document ([A-Za-z0-9._-]{1,64})(?: .*)?", Pattern.DOTALL);

    private final CapturePolicy policy;
    private final BarcodeScheme barcodes;
    private final DeliveryTrial trial;

    private DeliveryCheck(CapturePolicy policy, BarcodeScheme barcodes) {
        this.policy = policy;
        this.barcodes = barcodes;
        this.trial = new DeliveryTrial(policy, Optional.ofNullable(barcodes));
    }

    /**
     * @return the checks of capture's default policy ({@link CapturePolicy#defaults()}) and the default
     *     case file barcode scheme ({@link BarcodeScheme#defaultCaseFiles()})
     */
    public static DeliveryCheck withDefaults() {
        return new DeliveryCheck(CapturePolicy.defaults(), BarcodeScheme.defaultCaseFiles());
    }

    /**
     * @param policy the capture policy of the office the delivery goes to: its catalogue, minimum
     *     resolution and limits
     * @param barcodes the office's case file barcode scheme
     * @return the checks of that office
     */
    public static DeliveryCheck of(CapturePolicy policy, BarcodeScheme barcodes) {
        return new DeliveryCheck(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(barcodes, "barcodes"));
    }

    /** @return a copy that takes any well-formed barcode, for an office whose scheme is not known here */
    public DeliveryCheck withoutBarcodeScheme() {
        return new DeliveryCheck(policy, null);
    }

    /** @return the capture policy checked against */
    public CapturePolicy policy() {
        return policy;
    }

    /**
     * Checks a delivery folder.
     *
     * @param folder the folder holding {@code index.json} and the page images
     * @return every problem found; {@linkplain DeliveryCheckReport#clean() clean} if capture would
     *     take every case file (given each is registered and waiting for a scan)
     * @throws InvalidDeliveryException with field {@code folder} if the folder does not exist or is
     *     not a directory
     */
    public DeliveryCheckReport check(Path folder) {
        if (folder == null) {
            throw new InvalidValueException("folder", "must not be null");
        }
        Path dir;
        try {
            dir = folder.toRealPath();
        } catch (IOException e) {
            throw new InvalidDeliveryException("folder", "does not exist or cannot be read");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidDeliveryException("folder", "is not a directory");
        }
        DeliveryTrial.Trial result;
        try {
            result = trial.check(dir);
        } catch (InvalidDeliveryException e) {
            String prefix = "delivery " + e.field() + ": ";
            String reason = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            return new DeliveryCheckReport(null, new DeliveryCheckReport.IndexFault(e.field(), reason), 0, 0, 0,
                    List.of());
        }
        List<DeliveryCheckReport.Finding> findings = new ArrayList<>();
        long pages = 0;
        long bytes = 0;
        for (DeliveryTrial.Result r : result.caseFiles()) {
            pages += r.pages();
            bytes += r.bytes();
            Map<String, String> documentOf = new HashMap<>();
            if (r.entry() != null) {
                documentsOf(r.entry(), documentOf);
            }
            for (CaptureProblem p : r.problems()) {
                findings.add(finding(r.label(), p, documentOf));
            }
        }
        return new DeliveryCheckReport(result.index().deliveryId(), null, result.caseFiles().size(), pages, bytes,
                findings);
    }

    private static void documentsOf(CaseFileEntry entry, Map<String, String> out) {
        for (DocumentEntry d : entry.documents()) {
            for (PageEntry p : d.pages()) {
                out.putIfAbsent(DeliveryTrial.pageName(p.file()), d.documentId());
            }
        }
    }

    /** Names the document and the field a problem is about, where capture's wording gives them. */
    private static DeliveryCheckReport.Finding finding(String caseFile, CaptureProblem p, Map<String, String> documentOf) {
        String document = documentOf.getOrDefault(p.page(), "");
        String field = "";
        String detail = p.detail();
        Matcher pointer = POINTER.matcher(detail);
        if (p.kind() == CaptureProblem.Kind.INVALID_ENTRY && pointer.matches()) {
            field = pointer.group(1);
            detail = pointer.group(2);
        }
        Matcher doc = DOCUMENT.matcher(detail);
        if (document.isEmpty() && p.page().isEmpty() && doc.matches()) {
            document = doc.group(1);
        }
        return new DeliveryCheckReport.Finding(caseFile, document, p.page(), field, p.kind(), detail);
    }
}
