package io.github.aktenlift.adapters.filesystem;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.testkit.contract.SpecialistProcedureContract;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The hotfolder passes the specialist-procedure contract; its far side plays the procedure as the
 * hotfolder format asks: it takes every complete package out of the inbox (moving it into a
 * directory of its own, so that a package handed over again arrives again and is counted again),
 * and writes acknowledgement or rejection files into the outbox.
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
        Path taken = dir.resolve("procedure/taken");
        return new FarSide() {
            @Override
            public void decide(String idempotencyKey, boolean accept) throws Exception {
                take();
                Path pkg = null;
                try (Stream<Path> s = Files.list(taken)) {
                    for (Path p : s.sorted().toList()) {
                        if (idempotencyKey.equals(index(p).get("idempotencyKey").asText())) {
                            pkg = p;
                        }
                    }
                }
                if (pkg == null) {
                    throw new AssertionError("no package arrived for " + idempotencyKey);
                }
                String name = HotfolderProcedure.packageName(idempotencyKey);
                String eFileId = index(pkg).get("eFileId").asText();
                String json = accept
                        ? "{\"receiptId\":\"R-" + name + "\",\"eFileId\":\"" + eFileId + "\",\"at\":\"2026-03-04T10:00:00Z\"}"
                        : "{\"reasonCode\":\"CONTRACT_REJECTED\",\"detail\":\"rejected by the contract test\"}";
                Path tmp = outbox.resolve("." + name + ".tmp");
                Files.writeString(tmp, json);
                Files.move(tmp, outbox.resolve(name + (accept ? ".ack.json" : ".rej.json")),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }

            /** Every item file of every package taken, hashed from its bytes. */
            @Override
            public List<String> receivedItems() throws Exception {
                take();
                List<String> hashes = new ArrayList<>();
                try (Stream<Path> packages = Files.list(taken)) {
                    for (Path p : packages.toList()) {
                        try (Stream<Path> files = Files.list(p)) {
                            for (Path f : files.filter(f -> !f.getFileName().toString().equals("index.json")).toList()) {
                                hashes.add(StorageTree.sha256(Files.readAllBytes(f)));
                            }
                        }
                    }
                }
                return hashes;
            }

            /** Takes every complete package (no dot name) out of the inbox, in the order found. */
            private void take() throws IOException {
                Files.createDirectories(taken);
                try (Stream<Path> s = Files.list(inbox)) {
                    for (Path p : s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                        long n;
                        try (Stream<Path> t = Files.list(taken)) {
                            n = t.count();
                        }
                        Files.move(p, taken.resolve(String.format("%04d-", n) + p.getFileName()));
                    }
                }
            }

            private JsonNode index(Path pkg) throws IOException {
                return Json.MAPPER.readTree(Files.readAllBytes(pkg.resolve("index.json")));
            }
        };
    }
}
