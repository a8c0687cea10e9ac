package io.github.aktenlift.adapters.xdomea.message;

import java.time.LocalDate;
import org.apiguardian.api.API;

/**
 * A person named in a received object's {@code Kontakt}: {@code Name/Familienname/Name},
 * {@code Name/Vorname/Name} and {@code Geburt/Datum}. Read so that a digital transfer can be matched
 * to the person's e-file; Aktenlift never writes contacts. <b>Personal data</b>:
 * {@link #toString()} reveals nothing.
 *
 * @param familyName the family name, or {@code null}
 * @param givenNames the given names, or {@code null}
 * @param dateOfBirth the date of birth, or {@code null}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Contact(String familyName, String givenNames, LocalDate dateOfBirth) {

    /** @return {@code Contact[redacted]} */
    @Override
    public String toString() {
        return "Contact[redacted]";
    }
}
