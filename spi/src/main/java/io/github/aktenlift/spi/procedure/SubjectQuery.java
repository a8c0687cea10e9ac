package io.github.aktenlift.spi.procedure;

import java.time.LocalDate;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Identifying data of a person, to find or create their e-file. <b>Personal data</b>:
 * implementations must not log it; {@link #toString()} reveals nothing.
 *
 * @param surname family name
 * @param givenNames given names
 * @param dateOfBirth date of birth
 * @param azrNumber number in the central register of foreigners, or {@code null} if unknown
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record SubjectQuery(String surname, String givenNames, LocalDate dateOfBirth, String azrNumber) {

    /**
     * Checks for {@code null} where required.
     *
     * @param surname family name
     * @param givenNames given names
     * @param dateOfBirth date of birth
     * @param azrNumber number in the central register of foreigners, or {@code null} if unknown
     */
    public SubjectQuery {
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(givenNames, "givenNames");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
    }

    /** @return {@code SubjectQuery[redacted]} */
    @Override
    public String toString() {
        return "SubjectQuery[redacted]";
    }
}
