package io.github.aktenlift.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What {@link ScanGenerator#writeDelivery} writes: the delivery's identity, its case files, how
 * their documents and sheets are drawn, how pages are encoded, and which faults to plant. Every
 * random choice is drawn from {@link #seed()}, so one spec always writes the same bytes.
 *
 * <p>Built with {@link #builder()}; every field has a default, so {@code
 * DeliverySpec.builder().build()} is a valid one-file delivery.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class DeliverySpec {

    /**
     * How the pages of a delivery are encoded.
     *
     * @since 0.1
     */
    public enum Formats {
        /** Every page a grayscale JPEG. */
        JPEG,
        /** Every page a bitonal G4 TIFF. */
        G4,
        /**
         * Each page drawn at random, as a scanner with automatic colour detection does; the index
         * then gives the scanner setting {@code "colorMode": "MIXED"}.
         */
        MIXED
    }

    /**
     * Whether and how the scan service delivers an OCR result beside each page with text.
     *
     * @since 0.2
     */
    public enum Ocr {
        /** No OCR result: pages as before. */
        NONE,
        /** ALTO v4 beside each page that is not blank; such pages show known words ({@link KnownText}). */
        ALTO,
        /** hOCR beside each page that is not blank; such pages show known words ({@link KnownText}). */
        HOCR
    }

    /** The document types drawn from unless {@link Builder#documentTypes} says otherwise. */
    public static final List<String> DEFAULT_DOCUMENT_TYPES = List.of(
            "APPLICATION", "PASSPORT_COPY", "RESIDENCE_PERMIT", "DECISION", "LETTER");

    private final String deliveryId;
    private final String scanService;
    private final List<String> barcodes;
    private final int minDocuments;
    private final int maxDocuments;
    private final int minSheets;
    private final int maxSheets;
    private final Formats formats;
    private final PageGeometry geometry;
    private final float jpegQuality;
    private final boolean duplex;
    private final double blankBackShare;
    private final double droppedBlankShare;
    private final List<String> documentTypes;
    private final double originalToReturnShare;
    private final Instant createdAt;
    private final String scannerModel;
    private final long seed;
    private final List<FaultTarget> faults;
    private final Ocr ocr;

    private DeliverySpec(Builder b) {
        this.deliveryId = b.deliveryId;
        this.scanService = b.scanService;
        this.barcodes = List.copyOf(b.barcodes);
        this.minDocuments = b.minDocuments;
        this.maxDocuments = b.maxDocuments;
        this.minSheets = b.minSheets;
        this.maxSheets = b.maxSheets;
        this.formats = b.formats;
        this.geometry = b.geometry;
        this.jpegQuality = b.jpegQuality;
        this.duplex = b.duplex;
        this.blankBackShare = b.blankBackShare;
        this.droppedBlankShare = b.droppedBlankShare;
        this.documentTypes = List.copyOf(b.documentTypes);
        this.originalToReturnShare = b.originalToReturnShare;
        this.createdAt = b.createdAt;
        this.scannerModel = b.scannerModel;
        this.seed = b.seed;
        this.faults = List.copyOf(b.faults);
        this.ocr = b.ocr;
    }

    /**
     * @return whether an OCR result comes with each page that is not blank, default {@link Ocr#NONE}
     * @since 0.2
     */
    public Ocr ocr() {
        return ocr;
    }

    /**
     * A builder with every default set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the delivery id, default {@code "D-0001"} */
    public String deliveryId() {
        return deliveryId;
    }

    /** @return the scan service's name, default {@code "scan-service-1"} */
    public String scanService() {
        return scanService;
    }

    /** @return the case files' barcodes in delivery order, not validated; default one file */
    public List<String> barcodes() {
        return barcodes;
    }

    /** @return the least number of documents per case file, default 1 */
    public int minDocuments() {
        return minDocuments;
    }

    /** @return the greatest number of documents per case file, default 4 */
    public int maxDocuments() {
        return maxDocuments;
    }

    /** @return the least number of sheets per document, default 1 */
    public int minSheets() {
        return minSheets;
    }

    /** @return the greatest number of sheets per document, default 4 */
    public int maxSheets() {
        return maxSheets;
    }

    /** @return how pages are encoded, default JPEG */
    public Formats formats() {
        return formats;
    }

    /** @return the page geometry, default A4 at 300 dpi */
    public PageGeometry geometry() {
        return geometry;
    }

    /** @return the JPEG quality, default 0.85 */
    public float jpegQuality() {
        return jpegQuality;
    }

    /** @return whether both sides of each sheet are scanned, default true */
    public boolean duplex() {
        return duplex;
    }

    /** @return the share of back sides that are blank, default 0.6 */
    public double blankBackShare() {
        return blankBackShare;
    }

    /** @return the share of blank back sides the scan service drops, default 0.8 */
    public double droppedBlankShare() {
        return droppedBlankShare;
    }

    /** @return the document types drawn from */
    public List<String> documentTypes() {
        return documentTypes;
    }

    /** @return the share of documents whose paper original goes back to its owner, default 0.1 */
    public double originalToReturnShare() {
        return originalToReturnShare;
    }

    /** @return when the delivery was created, default 2026-03-04T10:00:00Z */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return the scanner model named in the index, default {@code "Synthetic S-1"} */
    public String scannerModel() {
        return scannerModel;
    }

    /** @return the seed of every random choice, default 1 */
    public long seed() {
        return seed;
    }

    /** @return the faults to plant */
    public List<FaultTarget> faults() {
        return faults;
    }

    /**
     * Collects the fields of a {@link DeliverySpec}; not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private String deliveryId = "D-0001";
        private String scanService = "scan-service-1";
        private List<String> barcodes = List.of("F000000017X");
        private int minDocuments = 1;
        private int maxDocuments = 4;
        private int minSheets = 1;
        private int maxSheets = 4;
        private Formats formats = Formats.JPEG;
        private PageGeometry geometry = PageGeometry.A4_300;
        private float jpegQuality = ScanGenerator.DEFAULT_JPEG_QUALITY;
        private boolean duplex = true;
        private double blankBackShare = 0.6;
        private double droppedBlankShare = 0.8;
        private List<String> documentTypes = DEFAULT_DOCUMENT_TYPES;
        private double originalToReturnShare = 0.1;
        private Instant createdAt = Instant.parse("2026-03-04T10:00:00Z");
        private String scannerModel = "Synthetic S-1";
        private long seed = 1;
        private final List<FaultTarget> faults = new ArrayList<>();
        private Ocr ocr = Ocr.NONE;

        private Builder() {
        }

        /**
         * @param id the delivery id
         * @return this builder
         */
        public Builder deliveryId(String id) {
            this.deliveryId = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * @param name the scan service's name
         * @return this builder
         */
        public Builder scanService(String name) {
            this.scanService = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param barcodes the case files' barcodes, at least one, no duplicates; their syntax is
         *     not checked, and they become folder names
         * @return this builder
         */
        public Builder barcodes(List<String> barcodes) {
            List<String> copy = List.copyOf(barcodes);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("a delivery needs at least one case file");
            }
            if (new HashSet<>(copy).size() != copy.size()) {
                throw new IllegalArgumentException("barcodes must be distinct");
            }
            this.barcodes = copy;
            return this;
        }

        /**
         * @param barcodes the case files' barcodes
         * @return this builder
         */
        public Builder barcodes(String... barcodes) {
            return barcodes(List.of(barcodes));
        }

        /**
         * @param min least documents per case file, at least 1
         * @param max greatest documents per case file
         * @return this builder
         */
        public Builder documentsPerFile(int min, int max) {
            checkRange("documents", min, max);
            this.minDocuments = min;
            this.maxDocuments = max;
            return this;
        }

        /**
         * Sheets, not pages: a duplex sheet gives two pages less the blank backs dropped.
         *
         * @param min least sheets per document, at least 1
         * @param max greatest sheets per document
         * @return this builder
         */
        public Builder sheetsPerDocument(int min, int max) {
            checkRange("sheets", min, max);
            this.minSheets = min;
            this.maxSheets = max;
            return this;
        }

        /**
         * @param formats how pages are encoded
         * @return this builder
         */
        public Builder formats(Formats formats) {
            this.formats = Objects.requireNonNull(formats, "formats");
            return this;
        }

        /**
         * @param geometry page size and dpi
         * @return this builder
         */
        public Builder geometry(PageGeometry geometry) {
            this.geometry = Objects.requireNonNull(geometry, "geometry");
            return this;
        }

        /**
         * @param quality JPEG quality in (0, 1]
         * @return this builder
         */
        public Builder jpegQuality(float quality) {
            if (!(quality > 0 && quality <= 1)) {
                throw new IllegalArgumentException("quality must be in (0, 1]: " + quality);
            }
            this.jpegQuality = quality;
            return this;
        }

        /**
         * @param duplex whether both sides of each sheet are scanned
         * @return this builder
         */
        public Builder duplex(boolean duplex) {
            this.duplex = duplex;
            return this;
        }

        /**
         * @param ocr whether the scan service delivers an OCR result (ALTO or hOCR) beside each page
         *     that is not blank; such pages then show known words instead of the usual letter blocks
         * @return this builder
         * @since 0.2
         */
        public Builder ocr(Ocr ocr) {
            this.ocr = Objects.requireNonNull(ocr, "ocr");
            return this;
        }

        /**
         * @param blankShare share of back sides that are blank, 0 to 1
         * @param droppedShare share of those blank backs the scan service leaves out, 0 to 1; the
         *     others stay in the index marked {@code "blank": true}
         * @return this builder
         */
        public Builder blankBacks(double blankShare, double droppedShare) {
            this.blankBackShare = share("blankShare", blankShare);
            this.droppedBlankShare = share("droppedShare", droppedShare);
            return this;
        }

        /**
         * @param types the catalogue document types are drawn from, at least one
         * @return this builder
         */
        public Builder documentTypes(List<String> types) {
            List<String> copy = List.copyOf(types);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("at least one document type");
            }
            this.documentTypes = copy;
            return this;
        }

        /**
         * @param share share of documents whose original goes back, 0 to 1
         * @return this builder
         */
        public Builder originalToReturnShare(double share) {
            this.originalToReturnShare = share("share", share);
            return this;
        }

        /**
         * Sets the creation time; scan times lie before it.
         *
         * @param createdAt when the delivery was created; truncated to seconds
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt.truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        /**
         * Sets the creation time to the clock's present.
         *
         * @param clock the clock, read once, now
         * @return this builder
         */
        public Builder clock(Clock clock) {
            return createdAt(clock.instant());
        }

        /**
         * @param model the scanner model named in the index
         * @return this builder
         */
        public Builder scannerModel(String model) {
            this.scannerModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * @param seed the seed of every random choice
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Plants a fault; at most one fault per page.
         *
         * @param fault what goes wrong
         * @param barcode the case file, one of {@link #barcodes}
         * @param page the page's position among the case file's pages in index order, from 1
         * @return this builder
         */
        public Builder fault(ScanFault fault, String barcode, int page) {
            faults.add(new FaultTarget(fault, barcode, page));
            return this;
        }

        /**
         * Checks the faults against the barcodes and builds the spec. Whether a fault's page
         * exists is known only once the documents are drawn, so {@link ScanGenerator#writeDelivery}
         * checks that before it writes anything.
         *
         * @return the spec
         */
        public DeliverySpec build() {
            Set<String> seen = new HashSet<>();
            for (FaultTarget target : faults) {
                if (!barcodes.contains(target.barcode())) {
                    throw new IllegalArgumentException(
                            "fault " + target.fault() + " names a barcode not in the delivery: "
                                    + target.barcode());
                }
                if (!seen.add(target.barcode() + "\u0000" + target.page())) {
                    throw new IllegalArgumentException("two faults at page " + target.page()
                            + " of " + target.barcode());
                }
            }
            return new DeliverySpec(this);
        }

        private static void checkRange(String what, int min, int max) {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException(
                        what + " range must satisfy 1 <= min <= max: " + min + ".." + max);
            }
        }

        private static double share(String name, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
            }
            return value;
        }
    }
}
