package io.github.aktenlift.rendition;

import org.apiguardian.api.API;

/**
 * What happened to a page image's compressed bytes on their way into a rendition.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum PageTreatment {

    /** The compressed bytes went in as they were (JPEG as DCT, a G4 strip as CCITT). */
    PASSTHROUGH,

    /** The pixels were decoded and compressed again, losslessly; recorded in the scan protocol. */
    REENCODED
}
