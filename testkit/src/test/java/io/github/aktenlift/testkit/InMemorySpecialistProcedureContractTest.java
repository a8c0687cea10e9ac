package io.github.aktenlift.testkit;

import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.testkit.contract.SpecialistProcedureContract;

class InMemorySpecialistProcedureContractTest extends SpecialistProcedureContract {

    private InMemorySpecialistProcedure created;

    @Override
    protected SpecialistProcedure createProcedure() {
        created = new InMemorySpecialistProcedure();
        created.decideManually();
        return created;
    }

    @Override
    protected FarSide farSide() {
        return new FarSide() {
            @Override
            public void decide(String idempotencyKey, boolean accept) {
                if (accept) {
                    created.accept(idempotencyKey);
                } else {
                    created.reject(idempotencyKey, "CONTRACT_REJECTED");
                }
            }

            @Override
            public int timesReceived(String idempotencyKey) {
                return created.received(idempotencyKey).size();
            }
        };
    }
}
