/**
 * Aktenlift's xdomea adapter: the specialist procedure as an xdomea 3.0.0 partner, for
 * {@code xdomea:} URIs. Hands case files over as {@code Abgabe.Abgabe.0401}, reads the answers
 * {@code 0402}/{@code 0403}, and reads received 0401 messages safely. Depends on the SPI and the
 * JDK's XML APIs only, never on the core.
 */
module io.github.aktenlift.adapters.xdomea {
    requires transitive io.github.aktenlift.spi;
    requires transitive java.xml;

    exports io.github.aktenlift.adapters.xdomea;
    exports io.github.aktenlift.adapters.xdomea.message;

    provides io.github.aktenlift.spi.procedure.SpecialistProcedureProvider
            with io.github.aktenlift.adapters.xdomea.XdomeaProcedureProvider;
}
