package io.github.aktenlift.examples.host;

import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.testkit.contract.SpecialistProcedureContract;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The custom adapter passes the contract every specialist procedure must pass; the far side is the case software's clerk. */
class CaseSoftwareProcedureContractTest extends SpecialistProcedureContract {

    private CaseSoftware cases;

    @Override
    protected SpecialistProcedure createProcedure() {
        cases = new CaseSoftware(Clock.fixed(Instant.parse("2026-03-04T10:00:00Z"), ZoneOffset.UTC));
        return new CaseSoftwareProcedure(cases);
    }

    @Override
    protected FarSide farSide() {
        return new FarSide() {
            @Override
            public void decide(String idempotencyKey, boolean accept) {
                String id = cases.submissionByExternalKey(idempotencyKey).orElseThrow().id();
                if (accept) {
                    cases.file(id);
                } else {
                    cases.refuse(id, "CONTRACT_REJECTED");
                }
            }

            @Override
            public int timesReceived(String idempotencyKey) {
                return cases.submissionByExternalKey(idempotencyKey).isPresent() ? 1 : 0;
            }
        };
    }
}
