package io.github.aktenlift.casefile;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import org.apiguardian.api.API;

/**
 * The person a case file concerns (<i>Betroffene Person</i>). <b>Personal data</b>: it is kept apart
 * from the tracking journal, never logged, never put into an exception message, and its
 * {@link #toString()} reveals nothing.
 *
 * @param surname family name
 * @param givenNames given names
 * @param dateOfBirth date of birth, in the past
 * @param nationality ISO 3166-1 alpha-3 code, or {@code null} if unknown
 * @param azrNumber number in the central register of foreigners (12 digits), or {@code null}
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Subject(
        @NotBlank @Size(max = 200) String surname,
        @NotBlank @Size(max = 200) String givenNames,
        @NotNull @Past LocalDate dateOfBirth,
        @Pattern(regexp = "[A-Z]{3}") String nationality,
        @Pattern(regexp = "[0-9]{12}") String azrNumber) {

    /** @return {@code Subject[redacted]}: personal data never reaches a log through this record */
    @Override
    public String toString() {
        return "Subject[redacted]";
    }
}
