package io.github.aktenlift.spi.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One page of a content listing: the valid objects, and beside them the objects that could not be
 * listed as content (foreign or damaged), so that one bad object never ends a listing.
 *
 * <p>A listing paged to its end reports every valid object once in {@link #items()} and every
 * problem once in {@link #problems()}: a page's problems are those whose position in key order
 * lies after the page's {@code startAfter} and, where a next page follows, not after
 * {@link #next()}.
 *
 * @param items the valid objects of this page in key order (UTF-8 byte order); never {@code null}
 * @param next where the next page starts (pass it as {@code startAfter}), empty on the last page
 * @param problems the objects in this page's range that are not valid content, in the order the
 *     store found them; never {@code null}, empty when every object is sound
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ContentPage(List<ContentInfo> items, Optional<Key> next, List<ContentProblem> problems) {

    /**
     * Copies the lists and checks for {@code null}.
     *
     * @param items the valid objects of this page in key order (UTF-8 byte order); never {@code null}
     * @param next where the next page starts (pass it as {@code startAfter}), empty on the last page
     * @param problems the objects in this page's range that are not valid content, in the order the store
     *     found them; never {@code null}, empty when every object is sound
     */
    public ContentPage {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
        problems = List.copyOf(problems);
    }

    /**
     * A page without problems, as before problems were reported.
     *
     * @param items the objects of this page in key order
     * @param next where the next page starts, empty on the last page
     */
    public ContentPage(List<ContentInfo> items, Optional<Key> next) {
        this(items, next, List.of());
    }
}
