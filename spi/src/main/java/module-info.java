/**
 * Aktenlift's service provider interfaces: the contracts that storage, specialist-procedure and
 * notification adapters implement, and their discovery. Depends on the JDK only.
 */
module io.github.aktenlift.spi {
    exports io.github.aktenlift.spi;
    exports io.github.aktenlift.spi.notification;
    exports io.github.aktenlift.spi.procedure;
    exports io.github.aktenlift.spi.storage;

    uses io.github.aktenlift.spi.storage.StorageProvider;
    uses io.github.aktenlift.spi.procedure.SpecialistProcedureProvider;
    uses io.github.aktenlift.spi.notification.NotifierProvider;
}
