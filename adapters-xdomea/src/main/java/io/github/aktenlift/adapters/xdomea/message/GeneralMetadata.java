package io.github.aktenlift.adapters.xdomea.message;

import org.apiguardian.api.API;

/**
 * The general metadata of an object ({@code AllgemeineMetadaten}), as far as Aktenlift writes and
 * reads them. <b>May hold personal data</b> (a subject line often names the person):
 * {@link #toString()} shows the file reference only.
 *
 * @param subject {@code Betreff}, or {@code null}
 * @param reference {@code Kennzeichen} — for an {@code Akte} the file reference
 *     (<i>Aktenzeichen</i>); or {@code null}
 * @param remark {@code Bemerkung}, or {@code null}
 * @param medium {@code Medium/code} of the xdomea code list ({@code 001} electronic, {@code 002}
 *     hybrid, {@code 003} paper), or {@code null}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GeneralMetadata(String subject, String reference, String remark, String medium) {

    /** No metadata at all. */
    public static final GeneralMetadata NONE = new GeneralMetadata(null, null, null, null);

    /**
     * Checks that given texts are not blank.
     *
     * @param subject {@code Betreff}, or {@code null}
     * @param reference {@code Kennzeichen} — for an {@code Akte} the file reference (<i>Aktenzeichen</i>); or
     *     {@code null}
     * @param remark {@code Bemerkung}, or {@code null}
     * @param medium {@code Medium/code} of the xdomea code list ({@code 001} electronic, {@code 002} hybrid,
     *     {@code 003} paper), or {@code null}
     */
    public GeneralMetadata {
        Texts.optional("subject", subject);
        Texts.optional("reference", reference);
        Texts.optional("remark", remark);
        Texts.optional("medium", medium);
    }

    /** @return whether no field is given (the element is then left out) */
    public boolean isEmpty() {
        return subject == null && reference == null && remark == null && medium == null;
    }

    /** @return the reference and which other fields are present, never their text */
    @Override
    public String toString() {
        return "GeneralMetadata[reference=" + reference + ", subject=" + (subject == null ? "absent" : "redacted")
                + ", remark=" + (remark == null ? "absent" : "redacted") + ", medium=" + medium + "]";
    }
}
