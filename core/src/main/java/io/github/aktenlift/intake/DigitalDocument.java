package io.github.aktenlift.intake;

import io.github.aktenlift.spi.procedure.ContentSource;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.apiguardian.api.API;

/**
 * One document of a digital transfer, as its sender sent it. Its bytes are read twice: once to
 * check them against {@code sha256} before anything is stored, once to store them (and checked
 * again); so {@code content} must give the same bytes each time it is opened.
 *
 * @param name the file name within the transfer: 1 to 100 of {@code A–Z a–z 0–9 . _ -}, not
 *     starting with a dot, unique within the transfer (the host maps the sender's names onto this;
 *     sender's names may carry personal data and never appear in errors)
 * @param documentType a document type code, for example {@code PASSPORT_COPY}, or {@code DOCUMENT}
 *     where the sender gives none: 1 to 64 of {@code A–Z 0–9 _}, starting with a letter
 * @param mediaType for example {@code application/pdf}, lower case
 * @param sha256 the SHA-256 the sender declared, 64 lowercase hex digits
 * @param content opens the bytes
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DigitalDocument(@NotNull @Pattern(regexp = "[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}") String name,
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}") String documentType,
        @NotNull @Pattern(regexp = "[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,64}") String mediaType,
        @NotNull @Pattern(regexp = "[0-9a-f]{64}") String sha256, @NotNull ContentSource content) {
}
