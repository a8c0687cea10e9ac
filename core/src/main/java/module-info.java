/**
 * Aktenlift's domain core: case files, logistics, tracking journal, retention, inventory, PDF/A
 * renditions, import into the e-file.
 */
module io.github.aktenlift.core {
    requires transitive io.github.aktenlift.spi;
    requires transitive jakarta.validation;
    requires org.hibernate.validator;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.csv;
    requires org.slf4j;
    requires java.desktop;
    requires org.apache.pdfbox;
    requires org.apache.pdfbox.io;
    requires org.apache.fontbox;
    requires com.google.zxing;
    // optional: only io.github.aktenlift.metrics.AktenliftMetrics uses it, when an integrator constructs one.
    // Not transitive: "requires static transitive" makes every module that reads core need Micrometer to compile.
    requires static micrometer.core;

    exports io.github.aktenlift;
    exports io.github.aktenlift.capture;
    exports io.github.aktenlift.casefile;
    exports io.github.aktenlift.delivery;
    exports io.github.aktenlift.efile;
    exports io.github.aktenlift.intake;
    exports io.github.aktenlift.inventory;
    exports io.github.aktenlift.logistics;
    exports io.github.aktenlift.metrics;
    exports io.github.aktenlift.rendition;
    exports io.github.aktenlift.report;
    exports io.github.aktenlift.retention;
    exports io.github.aktenlift.tracking;

    // Hibernate Validator reads the constraint annotations of commands and values reflectively.
    opens io.github.aktenlift.casefile to org.hibernate.validator;
    opens io.github.aktenlift.efile to org.hibernate.validator;
    opens io.github.aktenlift.intake to org.hibernate.validator;
    opens io.github.aktenlift.logistics to org.hibernate.validator;
    opens io.github.aktenlift.retention to org.hibernate.validator;
    opens io.github.aktenlift.lifecycle to org.hibernate.validator;
    // The delivery index is read by Jackson and validated by Hibernate Validator; it stays unexported.
    opens io.github.aktenlift.capture.delivery to com.fasterxml.jackson.databind, org.hibernate.validator;
    // The scan protocol's record tree is written and read by Jackson; it stays unexported.
    opens io.github.aktenlift.capture.protocol to com.fasterxml.jackson.databind;
    // The outbox's stored documents are written and read by Jackson; they stay unexported.
    opens io.github.aktenlift.notification to com.fasterxml.jackson.databind;
}
