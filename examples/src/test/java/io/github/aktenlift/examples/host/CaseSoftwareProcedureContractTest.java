package io.github.aktenlift.examples.host;

import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.testkit.contract.SpecialistProcedureContract;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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

            /** Every document of every submission in the case software, under whatever key it came. */
            @Override
            public List<String> receivedItems() throws Exception {
                List<String> hashes = new ArrayList<>();
                for (CaseSoftware.Submission s : cases.submissions()) {
                    for (CaseSoftware.Document d : s.documents()) {
                        hashes.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(d.content())));
                    }
                }
                return hashes;
            }
        };
    }
}
