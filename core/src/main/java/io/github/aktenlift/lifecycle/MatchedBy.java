package io.github.aktenlift.lifecycle;

import io.github.aktenlift.efile.DecideMatch;

/** How a case file's e-file was matched; the persisted code is the constant's name. */
public enum MatchedBy {
    /** The procedure keeps one e-file under the subject's AZR number. */
    AZR_NUMBER,
    /** The procedure keeps an e-file under the case file's reference. */
    FILE_REFERENCE,
    /** The procedure keeps one e-file of a person with that name and date of birth. */
    SUBJECT,
    /** Nothing matched: a new e-file was created for the case file. */
    NONE,
    /** A clerk decided ({@link DecideMatch}). */
    DECISION
}
