package io.github.aktenlift.spi.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a content listing.
 *
 * @param items the objects of this page in key order (UTF-8 byte order); never {@code null}
 * @param next where the next page starts (pass it as {@code startAfter}), empty on the last page
 * @since 0.1
 */
public record ContentPage(List<ContentInfo> items, Optional<Key> next) {

    /** Copies the list and checks for {@code null}. */
    public ContentPage {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
