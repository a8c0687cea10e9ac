package io.github.aktenlift;

import org.apiguardian.api.API;

/**
 * The capture policy demands OCR ({@link io.github.aktenlift.capture.OcrPolicy}) that the
 * configured engine cannot give: no engine, or one that cannot run (its program or language data
 * missing). Raised by {@link Aktenlift.Builder#build()}, before anything is opened, so that no
 * rendition is ever made without the text layer the policy demands.
 *
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.2")
public final class OcrConfigurationException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason what is missing, naming the engine and the policy's mode
     */
    public OcrConfigurationException(String reason) {
        super("OCR: " + reason);
    }
}
