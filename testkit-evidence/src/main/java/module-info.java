/**
 * Aktenlift's evidence tamper contract: an abstract JUnit 5 suite that every storage adapter
 * inherits, proving that any change to the stored journal and to the evidence it names is detected
 * by verification, which itself changes no byte.
 */
module io.github.aktenlift.testkit.evidence {
    requires transitive io.github.aktenlift.core;
    requires transitive io.github.aktenlift.testkit;
    requires com.fasterxml.jackson.databind;

    exports io.github.aktenlift.testkit.evidence;

    // JUnit instantiates the adapter authors' subclasses and calls the suite's methods reflectively.
    opens io.github.aktenlift.testkit.evidence to org.junit.platform.commons;
}
