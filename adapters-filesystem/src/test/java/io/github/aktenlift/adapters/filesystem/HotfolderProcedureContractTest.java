package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.testkit.contract.SpecialistProcedureContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The hotfolder passes the specialist-procedure contract; its far side plays the procedure by
 * reading packages from the inbox and writing acknowledgement or rejection files into the outbox.
 */
class HotfolderProcedureContractTest extends SpecialistProcedureContract {

    @TempDir
    Path dir;

    @Override
    protected SpecialistProcedure createProcedure() {
        return Providers.specialistProcedure(dir.resolve("hotfolder").toUri(), Map.of());
    }

    @Override
    protected FarSide farSide() {
        Path inbox = dir.resolve("hotfolder/inbox");
        Path outbox = dir.resolve("hotfolder/outbox");
        return new FarSide() {
            @Override
            public void decide(String idempotencyKey, boolean accept) throws Exception {
                String name = HotfolderProcedure.packageName(idempotencyKey);
                Path pkg = inbox.resolve(name);
                String eFileId = Json.MAPPER.readTree(Files.readAllBytes(pkg.resolve("index.json"))).get("eFileId").asText();
                String json = accept
                        ? "{\"receiptId\":\"R-" + name + "\",\"eFileId\":\"" + eFileId + "\",\"at\":\"2026-03-04T10:00:00Z\"}"
                        : "{\"reasonCode\":\"CONTRACT_REJECTED\",\"detail\":\"rejected by the contract test\"}";
                Path tmp = outbox.resolve("." + name + ".tmp");
                Files.writeString(tmp, json);
                Files.move(tmp, outbox.resolve(name + (accept ? ".ack.json" : ".rej.json")),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }

            @Override
            public int timesReceived(String idempotencyKey) throws Exception {
                try (var s = Files.list(inbox)) {
                    return (int) s.filter(p -> p.getFileName().toString().equals(HotfolderProcedure.packageName(idempotencyKey)))
                            .filter(p -> Files.isRegularFile(p.resolve("index.json")))
                            .count();
                }
            }
        };
    }
}
