package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.testkit.contract.SpecialistProcedureContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The xdomea adapter against the SPI contract, with the capabilities it declares: none (an xdomea
 * partner answers no queries), so the suite holds every look-up to being refused. The far side
 * is the simulated partner, which takes the 0401 and answers with a 0402.
 */
class XdomeaProcedureContractTest extends SpecialistProcedureContract {

    @TempDir
    Path root;

    private Partner partner;

    @Override
    protected SpecialistProcedure createProcedure() {
        Fixtures.Exchange x = Fixtures.exchange(root, false);
        partner = x.partner();
        return x.procedure();
    }

    @Override
    protected FarSide farSide() {
        return partner;
    }
}
