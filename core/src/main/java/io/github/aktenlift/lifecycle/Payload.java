package io.github.aktenlift.lifecycle;

/**
 * The keys of journal event payloads, written once. They are part of the stored format: events
 * already recorded carry them, so a key is never renamed. Each constant says which kinds of
 * {@link io.github.aktenlift.tracking.EventKind} carry it.
 */
public final class Payload {

    /** Registration: the file reference. */
    public static final String REFERENCE = "reference";
    /** Registration: the protection level. */
    public static final String PROTECTION = "protection";
    /** Registration: the subject's key in the subject register. */
    public static final String SUBJECT = "subject";
    /** Registration: the SHA-256 of the subject register's entry it names. */
    public static final String SUBJECT_SHA256 = "subjectSha256";
    /** Transfer intake: the authority the paper came from. */
    public static final String ORIGIN = "origin";
    /** Transfer intake: the day the paper arrived. */
    public static final String RECEIVED_ON = "receivedOn";
    /** Packing and receipt: the box. */
    public static final String BOX = "box";
    /** Pickup of a file or box: the pickup's id. */
    public static final String PICKUP = "pickup";
    /** Who holds a file or box now, where it differs from the actor. */
    public static final String HOLDER = "holder";
    /** A box's seal number. */
    public static final String SEAL = "seal";
    /** A reopened box's broken seal. */
    public static final String BROKEN_SEAL = "brokenSeal";
    /** Box sealed: number of files; destruction list: the files listed. */
    public static final String FILES = "files";
    /** Pickup planned: the day. */
    public static final String SCHEDULED_FOR = "scheduledFor";
    /** Pickup planned or collected: the boxes (their barcodes, or their number). */
    public static final String BOXES = "boxes";
    /** Pickup collected: who handed over. */
    public static final String HANDED_OVER_BY = "handedOverBy";
    /** Pickup collected: who received. */
    public static final String RECEIVED_BY = "receivedBy";
    /** Box received: whether the seal read differed. */
    public static final String SEAL_MISMATCH = "sealMismatch";
    /** Box received: files present. */
    public static final String PRESENT = "present";
    /** Box received: files missing. */
    public static final String MISSING = "missing";
    /** Capture: the delivery's id. */
    public static final String DELIVERY = "delivery";
    /**
     * Capture by ingest: the capture's number, which names the keys of its stored renditions and
     * protocols ({@link StorageKeys#protocolJson}); absent where the keys name the delivery instead
     * (captures recorded before the number was introduced).
     */
    public static final String CAPTURE = "capture";
    /** Capture: the number of documents; originals returned: their ids. */
    public static final String DOCUMENTS = "documents";
    /** Capture: prefix of one key per document ({@code doc.<id>} = {@code type;pages;return|keep}). */
    public static final String DOCUMENT_PREFIX = "doc.";
    /** Capture: the number of pages. */
    public static final String PAGES = "pages";
    /** Capture: present and {@code true} for a rescan. */
    public static final String RESCAN = "rescan";
    /** Capture and hand-over: the SHA-256 of the stored scan protocol. */
    public static final String PROTOCOL = "protocol";
    /** Capture by ingest: the SHA-256 of the stored scan protocol's PDF/A form. */
    public static final String PROTOCOL_PDF = "protocolPdf";
    /**
     * SHA-256 of the detached seal stored beside a sealed capture's protocol JSON
     * ({@link StorageKeys#protocolSeal}); present only where the capture was sealed.
     */
    public static final String PROTOCOL_SEAL = "protocolSeal";
    /** Evidence renewal: the original rendition's key, which names the rendition through all its versions. */
    public static final String RENDITION = "rendition";
    /** Evidence renewal: the key of the version that was renewed (the original or an earlier renewal). */
    public static final String PREVIOUS = "previous";
    /** Evidence renewal: the SHA-256 of the version that was renewed. */
    public static final String PREVIOUS_SHA256 = "previousSha256";
    /** The PAdES level of a sealed capture's renditions and protocol PDF, for example {@code B-T}. */
    public static final String SEAL_LEVEL = "sealLevel";
    /** Capture: the documents drawn for visual inspection, comma-separated. */
    public static final String SAMPLE = "sample";
    /** Quality check: the reviewer. */
    public static final String REVIEWER = "reviewer";
    /** Quality check passed: every reviewer, comma-separated. */
    public static final String REVIEWERS = "reviewers";
    /** Quality check failed, match held: the reasons, comma-separated. */
    public static final String REASONS = "reasons";
    /** Match, hand-over, import: the e-file. */
    public static final String EFILE = "eFile";
    /** Import confirmed: the procedure's receipt. */
    public static final String RECEIPT = "receipt";
    /** Import rejected: the reason code. */
    public static final String REASON = "reason";
    /** Paper returned: to whom. */
    public static final String RECIPIENT = "recipient";
    /** Destruction: the certificate number. */
    public static final String CERTIFICATE = "certificate";
    /** Destruction of a file: the list it was on. */
    public static final String LIST = "list";
    /** Destruction confirmed: the number destroyed. */
    public static final String DESTROYED = "destroyed";
    /** Destruction list: prefix of one key per file it excludes ({@code excluded.<barcode>} = reasons). */
    public static final String EXCLUDED_PREFIX = "excluded.";
    /** Destruction confirmed: prefix of one key per file it skips ({@code skipped.<barcode>} = reasons). */
    public static final String SKIPPED_PREFIX = "skipped.";
    /** Destruction list: how many retained files were not yet due. */
    public static final String NOT_YET_DUE = "notYetDue";
    /** Destruction list: the retention period applied. */
    public static final String RETENTION = "retention";
    /** Recall: its mode. */
    public static final String MODE = "mode";
    /** Hand-over: the idempotency key; baseline: the stored CSV's key. */
    public static final String KEY = "key";
    /** Hand-over: the import attempt. */
    public static final String ATTEMPT = "attempt";
    /** Match: how it was found. */
    public static final String BY = "by";
    /** Match held: the candidate e-files, comma-separated. */
    public static final String CANDIDATES = "candidates";
    /** Barcodes issued: case-file or box labels. */
    public static final String KIND = "kind";
    /** Barcodes issued: the first serial. */
    public static final String FROM = "from";
    /** Barcodes issued: how many. */
    public static final String COUNT = "count";
    /** Baseline imported: the CSV's SHA-256. */
    public static final String SHA256 = "sha256";
    /** Baseline imported: the number of entries. */
    public static final String ENTRIES = "entries";

    /** Log repaired: the log's key. */
    public static final String LOG = "log";
    /** Log repaired: the byte offset the cut started at. */
    public static final String OFFSET = "offset";
    /** Log repaired: how many bytes were cut. */
    public static final String LENGTH = "length";
    /** Log repaired: where the cut bytes are kept. */
    public static final String QUARANTINE = "quarantine";

    /** Digital transfer: the sender's id of the exchange (an xdomea {@code ProzessID}, say). */
    public static final String TRANSFER = "transfer";
    /** Digital transfer: when it was received. */
    public static final String RECEIVED_AT = "receivedAt";
    /**
     * Digital transfer: prefix of one key per document, numbered from {@code 01}
     * ({@code item.<nn>} = {@code name;type;mediaType;size;sha256}).
     */
    public static final String ITEM_PREFIX = "item.";
    /** Digital transfer: the key of its stored intake record (PDF/A), whose SHA-256 is {@link #PROTOCOL_PDF}. */
    public static final String RECORD = "record";
    /** Digital transfer answered: the outcome answered, {@code IMPORTED} or {@code REJECTED}. */
    public static final String OUTCOME = "outcome";

    private Payload() {
    }
}
