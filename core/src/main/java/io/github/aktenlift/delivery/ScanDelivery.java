package io.github.aktenlift.delivery;

import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.capture.delivery.DeliveryIndex;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The index of a scan delivery (format {@code aktenlift-delivery/1}) as values: what
 * {@link DeliveryIndexWriter} writes to {@code index.json}, and exactly what capture's reader takes.
 * Each value checks in its constructor every rule the format itself makes (patterns, ranges,
 * required fields), so an index built from these values always fits the format; a value that
 * breaks a rule throws {@link InvalidValueException} naming the field, never quoting the value.
 *
 * <p>What the format cannot say is left to {@link DeliveryCheck}: whether the page files exist and
 * match their hashes and headers, whether each lies in its case file's own folder, whether every
 * counted sheet has its front page, whether document types are in the office's catalogue, and the
 * capture policy's limits (10,000 case files and 20,000 pages per case file by default).
 *
 * <p>Example:
 * <pre>{@code
 * ScanDelivery delivery = new ScanDelivery("D-2026-0001", "scan-service-1", Instant.parse("2026-03-04T10:00:00Z"),
 *     List.of(new ScanDelivery.CaseFile("F000000017X", 1, "op-4", Instant.parse("2026-03-04T09:12:00Z"),
 *         new ScanDelivery.Scanner("Fujitsu fi-7900", 300, ScanDelivery.ColorMode.GRAYSCALE, false),
 *         List.of(new ScanDelivery.Document("doc-1", "APPLICATION", null, false,
 *             List.of(ScanDelivery.Page.front("F000000017X/doc-1/p0001.jpg", sha256, 1, 300,
 *                 ScanDelivery.PageColor.GRAYSCALE)))))));
 * DeliveryIndexWriter.write(delivery, out);
 * }</pre>
 *
 * @param deliveryId the delivery's id: 1 to 64 of {@code A-Z a-z 0-9 . _ -}, not {@code .} or {@code ..}
 * @param scanService who delivers: 1 to 64 of {@code A-Z a-z 0-9 . _ : @ -}
 * @param createdAt when the delivery was put together, in the years 0 to 9999
 * @param caseFiles the case files, at least one and at most 100,000
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ScanDelivery(String deliveryId, String scanService, Instant createdAt, List<CaseFile> caseFiles) {

    private static final Pattern DELIVERY_ID = Pattern.compile(DeliveryIndex.DELIVERY_ID);
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    private static final Pattern BARCODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,39}");
    private static final Pattern MODEL = Pattern.compile("[^\\p{Cntrl}]{1,100}");
    private static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern TYPE = Pattern.compile("[A-Z0-9_]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** The most sheets (and the highest sheet number) the format allows a case file. */
    private static final int MAX_SHEETS = 100_000;
    private static final int MAX_CASE_FILES = 100_000;
    private static final int MAX_FILE_NAME = 512;
    private static final Instant YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z");
    private static final Instant YEAR_0 = Instant.parse("0000-01-01T00:00:00Z");

    /**
     * Checks every field and copies the list.
     *
     * @param deliveryId the delivery's id: 1 to 64 of {@code A-Z a-z 0-9 . _ -}, not {@code .} or {@code ..}
     * @param scanService who delivers: 1 to 64 of {@code A-Z a-z 0-9 . _ : @ -}
     * @param createdAt when the delivery was put together, in the years 0 to 9999
     * @param caseFiles the case files, at least one and at most 100,000
     * @throws InvalidValueException naming the field that breaks a rule of the format
     */
    public ScanDelivery {
        match("deliveryId", deliveryId, DELIVERY_ID, "1 to 64 of A-Z a-z 0-9 . _ - and not '.' or '..'");
        match("scanService", scanService, ACCOUNT, "1 to 64 of A-Z a-z 0-9 . _ : @ -");
        instant("createdAt", createdAt);
        caseFiles = list("caseFiles", caseFiles, MAX_CASE_FILES);
    }

    /**
     * One case file of the delivery.
     *
     * @param barcode the label on its cover: 3 to 40 of {@code A-Z 0-9 -}, not starting with {@code -}
     * @param sheets physical sheets counted, 1 to 100,000
     * @param operator pseudonymous id of the scanning operator: 1 to 64 of {@code A-Z a-z 0-9 . _ : @ -}
     * @param scannedAt when it was scanned, in the years 0 to 9999
     * @param scanner the scanner and its settings
     * @param documents its documents in file order, at least one
     * @since 0.2
     */
    public record CaseFile(String barcode, int sheets, String operator, Instant scannedAt, Scanner scanner,
            List<Document> documents) {

        /**
         * Checks every field and copies the list.
         *
         * @param barcode the label on its cover: 3 to 40 of {@code A-Z 0-9 -}, not starting with {@code -}
         * @param sheets physical sheets counted, 1 to 100,000
         * @param operator pseudonymous id of the scanning operator: 1 to 64 of {@code A-Z a-z 0-9 . _ : @ -}
         * @param scannedAt when it was scanned, in the years 0 to 9999
         * @param scanner the scanner and its settings
         * @param documents its documents in file order, at least one
         * @throws InvalidValueException naming the field that breaks a rule of the format
         */
        public CaseFile {
            match("barcode", barcode, BARCODE, "3 to 40 of A-Z 0-9 -, not starting with -");
            range("sheets", sheets, 1, MAX_SHEETS);
            match("operator", operator, ACCOUNT, "1 to 64 of A-Z a-z 0-9 . _ : @ -");
            instant("scannedAt", scannedAt);
            present("scanner", scanner);
            documents = list("documents", documents, Integer.MAX_VALUE);
        }
    }

    /**
     * The scanner a case file was scanned with, and its settings.
     *
     * @param model its model: 1 to 100 characters, no control characters
     * @param resolutionDpi the nominal resolution, 50 to 2400
     * @param colorMode the colour mode set; {@link ColorMode#MIXED} where it chose per page
     * @param duplex whether both sides of each sheet were scanned
     * @since 0.2
     */
    public record Scanner(String model, int resolutionDpi, ColorMode colorMode, boolean duplex) {

        /**
         * Checks every field.
         *
         * @param model its model: 1 to 100 characters, no control characters
         * @param resolutionDpi the nominal resolution, 50 to 2400
         * @param colorMode the colour mode set; {@link ColorMode#MIXED} where it chose per page
         * @param duplex whether both sides of each sheet were scanned
         * @throws InvalidValueException naming the field that breaks a rule of the format
         */
        public Scanner {
            match("scanner.model", model, MODEL, "1 to 100 characters without control characters");
            range("scanner.resolutionDpi", resolutionDpi, 50, 2400);
            present("scanner.colorMode", colorMode);
        }
    }

    /**
     * One document of a case file.
     *
     * @param documentId its id, unique within the case file: 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     * @param type its type code from the office's catalogue: 1 to 64 of {@code A-Z 0-9 _}
     * @param date the date it bears, {@code null} if unknown (the field is then left out), in the
     *     years 0 to 9999
     * @param originalToReturn whether its paper original goes back to its owner
     * @param pages its pages in order, at least one
     * @since 0.2
     */
    public record Document(String documentId, String type, LocalDate date, boolean originalToReturn,
            List<Page> pages) {

        /**
         * Checks every field and copies the list.
         *
         * @param documentId its id, unique within the case file: 1 to 64 of {@code A-Z a-z 0-9 . _ -}
         * @param type its type code from the office's catalogue: 1 to 64 of {@code A-Z 0-9 _}
         * @param date the date it bears, {@code null} if unknown (the field is then left out), in
         *     the years 0 to 9999
         * @param originalToReturn whether its paper original goes back to its owner
         * @param pages its pages in order, at least one
         * @throws InvalidValueException naming the field that breaks a rule of the format
         */
        public Document {
            match("documentId", documentId, DOCUMENT_ID, "1 to 64 of A-Z a-z 0-9 . _ -");
            match("type", type, TYPE, "1 to 64 of A-Z 0-9 _");
            if (date != null && (date.getYear() < 0 || date.getYear() > 9999)) {
                throw new InvalidValueException("date", "must lie in the years 0 to 9999");
            }
            pages = list("pages", pages, Integer.MAX_VALUE);
        }
    }

    /**
     * One page image.
     *
     * @param file the image's path relative to the delivery folder, {@code /}-separated, 1 to 512
     *     characters, by convention {@code <barcode>/<documentId>/<name>}; {@code #n} at its end
     *     selects page <i>n</i> of a multi-page TIFF
     * @param sha256 SHA-256 of the whole file: 64 lowercase hex digits
     * @param sheet the sheet it shows, counted across the case file from 1, at most 100,000
     * @param side which side of the sheet
     * @param blank whether the scanner judged it blank (it is kept anyway)
     * @param resolutionDpi its resolution, 50 to 2400; must agree with the image header
     * @param colorMode its colour mode; must agree with the image
     * @param ocr the page's OCR result delivered beside it, or {@code null}
     * @since 0.2
     */
    public record Page(String file, String sha256, int sheet, Side side, boolean blank, int resolutionDpi,
            PageColor colorMode, Ocr ocr) {

        /**
         * A page without a delivered OCR result.
         *
         * @param file the image's path relative to the delivery folder
         * @param sha256 SHA-256 of the whole file
         * @param sheet the sheet it shows
         * @param side which side of the sheet
         * @param blank whether the scanner judged it blank
         * @param resolutionDpi its resolution
         * @param colorMode its colour mode
         * @throws InvalidValueException naming the field that breaks a rule of the format
         */
        public Page(String file, String sha256, int sheet, Side side, boolean blank, int resolutionDpi,
                PageColor colorMode) {
            this(file, sha256, sheet, side, blank, resolutionDpi, colorMode, null);
        }

        /**
         * Checks every field.
         *
         * @param file the image's path relative to the delivery folder, {@code /}-separated, 1 to
         *     512 characters
         * @param sha256 SHA-256 of the whole file: 64 lowercase hex digits
         * @param sheet the sheet it shows, counted across the case file from 1, at most 100,000
         * @param side which side of the sheet
         * @param blank whether the scanner judged it blank (it is kept anyway)
         * @param resolutionDpi its resolution, 50 to 2400
         * @param colorMode its colour mode
         * @param ocr the page's OCR result delivered beside it, or {@code null}
         * @throws InvalidValueException naming the field that breaks a rule of the format
         */
        public Page {
            present("page.file", file);
            if (file.isEmpty() || file.length() > MAX_FILE_NAME) {
                throw new InvalidValueException("page.file", "must have 1 to " + MAX_FILE_NAME + " characters");
            }
            match("page.sha256", sha256, SHA256, "64 lowercase hex digits");
            range("page.sheet", sheet, 1, MAX_SHEETS);
            present("page.side", side);
            range("page.resolutionDpi", resolutionDpi, 50, 2400);
            present("page.colorMode", colorMode);
        }

        /**
         * A front page that is not blank, the most common kind.
         *
         * @param file the image's path relative to the delivery folder
         * @param sha256 SHA-256 of the whole file
         * @param sheet the sheet it shows
         * @param resolutionDpi its resolution
         * @param colorMode its colour mode
         * @return the page
         * @throws InvalidValueException naming the field that breaks a rule of the format
         */
        public static Page front(String file, String sha256, int sheet, int resolutionDpi, PageColor colorMode) {
            return new Page(file, sha256, sheet, Side.FRONT, false, resolutionDpi, colorMode);
        }

        /**
         * This page with a delivered OCR result.
         *
         * @param result the OCR result
         * @return the page with it
         */
        public Page withOcr(Ocr result) {
            return new Page(file, sha256, sheet, side, blank, resolutionDpi, colorMode, result);
        }
    }

    /**
     * A page's OCR result, delivered beside its image, hashed like it.
     *
     * @param file the ALTO or hOCR file's path relative to the delivery folder, {@code /}-separated,
     *     1 to 512 characters, inside the case file's folder
     * @param sha256 SHA-256 of the file: 64 lowercase hex digits
     * @param format what the file is
     * @since 0.2
     */
    public record Ocr(String file, String sha256, OcrFormat format) {

        /**
         * Checks every field.
         *
         * @param file the file's path relative to the delivery folder
         * @param sha256 SHA-256 of the file
         * @param format what the file is
         * @throws InvalidValueException naming the field that breaks a rule of the format
         */
        public Ocr {
            present("page.ocr.file", file);
            if (file.isEmpty() || file.length() > MAX_FILE_NAME) {
                throw new InvalidValueException("page.ocr.file", "must have 1 to " + MAX_FILE_NAME + " characters");
            }
            match("page.ocr.sha256", sha256, SHA256, "64 lowercase hex digits");
            present("page.ocr.format", format);
        }
    }

    /**
     * The formats of a delivered OCR result.
     *
     * @since 0.2
     */
    public enum OcrFormat {
        /** ALTO XML, version 2, 3 or 4. */
        ALTO,
        /** hOCR (XHTML). */
        HOCR
    }

    /**
     * The colour mode a scanner was set to.
     *
     * @since 0.2
     */
    public enum ColorMode {
        /** Shades of gray. */
        GRAYSCALE,
        /** Black and white, one bit a pixel. */
        BITONAL,
        /** Colour. */
        COLOR,
        /** The scanner chose per page. */
        MIXED
    }

    /**
     * The colour mode of one page image, as its header and pixels show it.
     *
     * @since 0.2
     */
    public enum PageColor {
        /** Shades of gray. */
        GRAYSCALE,
        /** Black and white, one bit a pixel. */
        BITONAL,
        /** Colour (a palette with any colour that is not gray counts as colour). */
        COLOR
    }

    /**
     * A side of a sheet.
     *
     * @since 0.2
     */
    public enum Side {
        /** The front; every counted sheet needs one. */
        FRONT,
        /** The back; only in duplex scans, and a blank one may be left out. */
        BACK
    }

    private static void present(String field, Object value) {
        if (value == null) {
            throw new InvalidValueException(field, "is missing");
        }
    }

    private static void match(String field, String value, Pattern pattern, String rule) {
        present(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidValueException(field, "must be " + rule);
        }
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(field, "must be " + min + " to " + max + ", is " + value);
        }
    }

    private static void instant(String field, Instant value) {
        present(field, value);
        if (value.isBefore(YEAR_0) || !value.isBefore(YEAR_10000)) {
            throw new InvalidValueException(field, "must lie in the years 0 to 9999");
        }
    }

    private static <T> List<T> list(String field, List<T> values, int max) {
        present(field, values);
        if (values.isEmpty()) {
            throw new InvalidValueException(field, "must hold at least one");
        }
        if (values.size() > max) {
            throw new InvalidValueException(field, "must hold at most " + max);
        }
        for (T v : values) {
            if (v == null) {
                throw new InvalidValueException(field, "must not hold null");
            }
        }
        return List.copyOf(values);
    }
}
