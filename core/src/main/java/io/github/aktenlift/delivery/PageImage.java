package io.github.aktenlift.delivery;

import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.ingest.DeliveryTrial;
import io.github.aktenlift.imaging.ImageProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a delivery index must say of one page of an image file, read from the file's header the way
 * capture reads it: its resolution and its colour mode. A tool that builds an index from a folder of
 * images takes these instead of guessing them from the scanner's settings, so that capture's
 * comparison of index and header holds.
 *
 * @param pageInFile the page's number within the file, from 1 (several only in a multi-page TIFF)
 * @param resolutionDpi its resolution, rounded; 0 where the header records none (capture refuses such a page)
 * @param colorMode its colour mode as capture judges it
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record PageImage(int pageInFile, int resolutionDpi, ScanDelivery.PageColor colorMode) {

    /**
     * Reads an image file's header under capture's default pixel limits.
     *
     * @param file a JPEG, TIFF or PNG page image
     * @return one entry per page of the file, in file order
     * @throws InvalidValueException with field {@code image} if capture would refuse the file from
     *     its header alone (empty, truncated, not its format, too large, unsupported), saying why
     * @throws IOException if the file cannot be read
     */
    public static List<PageImage> read(Path file) throws IOException {
        return read(file, CapturePolicy.defaults());
    }

    /**
     * Reads an image file's header under a policy's pixel limits.
     *
     * @param file a JPEG, TIFF or PNG page image
     * @param policy the capture policy whose pixel limits apply
     * @return one entry per page of the file, in file order
     * @throws InvalidValueException with field {@code image} if capture would refuse the file from
     *     its header alone, saying why
     * @throws IOException if the file cannot be read
     */
    public static List<PageImage> read(Path file, CapturePolicy policy) throws IOException {
        List<DeliveryTrial.PageHeader> headers;
        try {
            headers = new DeliveryTrial(policy, Optional.empty()).describe(file);
        } catch (ImageProblem e) {
            throw new InvalidValueException("image", e.getMessage());
        }
        return java.util.stream.IntStream.range(0, headers.size())
                .mapToObj(i -> new PageImage(i + 1, headers.get(i).resolutionDpi(),
                        ScanDelivery.PageColor.valueOf(headers.get(i).colorMode())))
                .toList();
    }
}
