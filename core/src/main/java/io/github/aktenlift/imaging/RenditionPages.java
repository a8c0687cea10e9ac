package io.github.aktenlift.imaging;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Takes page images back out of an image-only rendition, so that a rescan can replace some pages
 * of a document and keep the others exactly as they were. A DCT stream is a JPEG file as it
 * stands; a CCITT Group 4 stream is wrapped into a single-strip TIFF around the very same bytes;
 * anything else (a page that was re-encoded) is decoded and written as a lossless PNG.
 */
public final class RenditionPages {

    private RenditionPages() {
    }

    /**
     * @param doc a rendition, one image per page
     * @param pageIndex the page, from 0
     * @param dir where to write the image file
     * @param name the file's name without extension
     * @return the file written: {@code .jpg}, {@code .tif} or {@code .png}
     * @throws IOException if the page holds no single image or cannot be written
     */
    public static Path extract(PDDocument doc, int pageIndex, Path dir, String name) throws IOException {
        PDPage page = doc.getPage(pageIndex);
        PDImageXObject image = onlyImage(page.getResources(), pageIndex);
        COSStream stream = image.getCOSObject();
        COSBase filters = stream.getFilters();
        COSName filter = filters instanceof COSName n ? n
                : filters instanceof COSArray a && a.size() == 1 && a.get(0) instanceof COSName n1 ? n1 : null;
        float widthPt = page.getMediaBox().getWidth();
        double dpi = widthPt > 0 ? image.getWidth() * 72.0 / widthPt : 0;
        if (COSName.DCT_DECODE.equals(filter)) {
            Path out = dir.resolve(name + ".jpg");
            copyRaw(stream, out);
            return out;
        }
        if (COSName.CCITTFAX_DECODE.equals(filter) && g4(stream)) {
            Path out = dir.resolve(name + ".tif");
            writeG4Tiff(stream, image, dpi, out);
            return out;
        }
        Path out = dir.resolve(name + ".png");
        if (!ImageIO.write(image.getImage(), "png", out.toFile())) {
            throw new IOException("no PNG writer available");
        }
        return out;
    }

    private static PDImageXObject onlyImage(PDResources resources, int pageIndex) throws IOException {
        PDImageXObject found = null;
        for (COSName n : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(n);
            if (x instanceof PDImageXObject img) {
                if (found != null) {
                    throw new IOException("page " + (pageIndex + 1) + " holds more than one image");
                }
                found = img;
            }
        }
        if (found == null) {
            throw new IOException("page " + (pageIndex + 1) + " holds no image");
        }
        return found;
    }

    private static void copyRaw(COSStream stream, Path out) throws IOException {
        try (InputStream in = stream.createRawInputStream(); OutputStream o = Files.newOutputStream(out)) {
            in.transferTo(o);
        }
    }

    private static COSDictionary decodeParms(COSStream stream) {
        COSBase p = stream.getDictionaryObject(COSName.DECODE_PARMS);
        if (p instanceof COSArray a && a.size() == 1) {
            p = a.getObject(0);
        }
        return p instanceof COSDictionary d ? d : new COSDictionary();
    }

    private static boolean g4(COSStream stream) {
        COSDictionary parms = decodeParms(stream);
        return parms.getInt(COSName.K, 0) < 0 && !parms.getBoolean(COSName.getPDFName("EncodedByteAlign"), false);
    }

    /**
     * Writes a little-endian TIFF with one strip holding the CCITT bytes unchanged. PDF's BlackIs1
     * corresponds to TIFF's BlackIsZero photometric (1), its default false to WhiteIsZero (0), as
     * PDFBox maps them on the way in; a {@code /Decode [1 0]} flips it.
     */
    private static void writeG4Tiff(COSStream stream, PDImageXObject image, double dpi, Path out) throws IOException {
        COSDictionary parms = decodeParms(stream);
        boolean blackIs1 = parms.getBoolean(COSName.BLACK_IS_1, false);
        COSArray decode = stream.getCOSArray(COSName.DECODE);
        if (decode != null && decode.size() == 2 && decode.get(0) instanceof COSNumber d0 && d0.floatValue() == 1f) {
            blackIs1 = !blackIs1;
        }
        int photometric = blackIs1 ? 1 : 0;
        long length = stream.getLength();
        int entries = 11;
        int ifdOffset = 8;
        int ifdSize = 2 + entries * 12 + 4;
        int resolutionOffset = ifdOffset + ifdSize;
        int dataOffset = resolutionOffset + 16;
        ByteBuffer head = ByteBuffer.allocate(dataOffset).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
        head.putShort((short) entries);
        tag(head, 256, 4, 1, image.getWidth());
        tag(head, 257, 4, 1, image.getHeight());
        tag(head, 258, 3, 1, 1);
        tag(head, 259, 3, 1, 4);
        tag(head, 262, 3, 1, photometric);
        tag(head, 273, 4, 1, dataOffset);
        tag(head, 277, 3, 1, 1);
        tag(head, 278, 4, 1, image.getHeight());
        tag(head, 279, 4, 1, (int) length);
        tag(head, 282, 5, 1, resolutionOffset);
        tag(head, 283, 5, 1, resolutionOffset + 8);
        head.putInt(0);
        long numerator = Math.round(dpi * 100);
        head.putInt((int) numerator).putInt(100).putInt((int) numerator).putInt(100);
        try (OutputStream o = Files.newOutputStream(out); InputStream in = stream.createRawInputStream()) {
            o.write(head.array());
            in.transferTo(o);
        }
    }

    private static void tag(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
