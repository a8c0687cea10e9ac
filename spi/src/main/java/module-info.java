/**
 * Aktenlift's service provider interfaces: the contracts that storage, specialist-procedure,
 * notification, sealing-key and timestamp adapters implement, and their discovery. Depends on the
 * JDK only.
 *
 * <p>{@code io.github.aktenlift.spi.internal} (crash points for Aktenlift's own crash tests) is
 * exported only to Aktenlift's own modules. Those are compiled after this one, so javac cannot
 * see them here and would warn "module not found" for each. The annotation suppresses the
 * "module" lint for this declaration only, which can raise no other warning here (it requires
 * nothing but {@code java.base}).
 */
@SuppressWarnings("module")
module io.github.aktenlift.spi {
    // @API(status = ...) on every public type; transitive, so that every Aktenlift module reads it
    requires transitive org.apiguardian.api;

    exports io.github.aktenlift.spi;
    exports io.github.aktenlift.spi.notification;
    exports io.github.aktenlift.spi.ocr;
    exports io.github.aktenlift.spi.procedure;
    exports io.github.aktenlift.spi.sealing;
    exports io.github.aktenlift.spi.storage;
    exports io.github.aktenlift.spi.internal to
            io.github.aktenlift.core,
            io.github.aktenlift.adapters.filesystem,
            io.github.aktenlift.adapters.s3;

    uses io.github.aktenlift.spi.storage.StorageProvider;
    uses io.github.aktenlift.spi.procedure.SpecialistProcedureProvider;
    uses io.github.aktenlift.spi.notification.NotifierProvider;
    uses io.github.aktenlift.spi.sealing.SealingKeyProvider;
    uses io.github.aktenlift.spi.sealing.TimestampAuthorityProvider;
    uses io.github.aktenlift.spi.sealing.EvidenceSealerProvider;
}
