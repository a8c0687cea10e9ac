package io.github.aktenlift.testkit;

import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.testkit.contract.SpecialistProcedureContract;

import java.util.List;

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
            public List<String> receivedItems() {
                return created.received().stream().flatMap(r -> r.itemHashes().stream()).toList();
            }
        };
    }
}
