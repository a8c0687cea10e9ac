package io.github.aktenlift.capture;

import org.apiguardian.api.API;

/**
 * How many PDF/A documents a captured case file becomes.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum RenditionMode {
    /** One PDF/A per document of the case file (the default). */
    PER_DOCUMENT,
    /** One PDF/A for the whole case file, documents in index order. */
    PER_CASE_FILE
}
