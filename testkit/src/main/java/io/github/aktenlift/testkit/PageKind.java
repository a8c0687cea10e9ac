package io.github.aktenlift.testkit;

import org.apiguardian.api.API;

/**
 * What is on a generated page.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum PageKind {

    /** Lines of text in paragraphs, a page number at the foot. */
    TEXT,

    /** A letter's first page: letterhead, address block, text, signature, sometimes a stamp. */
    LETTER,

    /** An empty side: paper with faint noise, dust or show-through, as a blank back looks. */
    BLANK
}
