package io.github.aktenlift.adapters.xdomea.message;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A version of a document ({@code Version}).
 *
 * @param number {@code Nummer}
 * @param formats {@code Format}, at least one
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Version(String number, List<Format> formats) {

    /**
     * Validates and copies.
     *
     * @param number {@code Nummer}
     * @param formats {@code Format}, at least one
     */
    public Version {
        Objects.requireNonNull(number, "number");
        formats = List.copyOf(formats);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("a version needs at least one format");
        }
    }
}
