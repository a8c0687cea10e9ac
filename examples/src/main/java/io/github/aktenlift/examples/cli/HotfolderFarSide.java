package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The specialist procedure's side of the hotfolder, played for the demo as
 * {@code docs/hotfolder-format.md} describes it: reads every complete package in the inbox, checks
 * each document's SHA-256 again, answers with an acknowledgement or a rejection in the outbox
 * (written under a temporary name and renamed), and takes the package out of the inbox. It knows
 * the packages by their index only, as a real procedure would: the case file's barcode comes from
 * the index's metadata.
 */
final class HotfolderFarSide {

    private final Path inbox;
    private final Path outbox;
    private final Clock clock;
    private int receipts;

    HotfolderFarSide(Path hotfolder, Clock clock) {
        this.inbox = hotfolder.resolve("inbox");
        this.outbox = hotfolder.resolve("outbox");
        this.clock = clock;
    }

    /** What one round of answers did. */
    record Answers(int accepted, int refused) {
    }

    /**
     * Answers every complete package in the inbox.
     *
     * @param locked case files (barcodes) whose e-file a clerk has open now: their packages are
     *     rejected with {@code EFILE_LOCKED}
     * @return how many packages were accepted and refused
     */
    Answers answer(Set<String> locked) throws IOException {
        List<Path> packages;
        try (Stream<Path> s = Files.list(inbox)) {
            packages = s.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isDirectory(p)).sorted()
                    .toList();
        }
        int accepted = 0;
        int refused = 0;
        for (Path pkg : packages) {
            JsonNode index = Json.MAPPER.readTree(pkg.resolve("index.json").toFile());
            JsonNode metadata = index.path("metadata");
            boolean refuse = locked.contains(metadata.path("barcode").asText());
            String damaged = null;
            for (JsonNode d : index.get("documents")) {
                if (!sha256(pkg.resolve(d.get("file").asText())).equals(d.get("sha256").asText())) {
                    damaged = d.get("file").asText();
                }
            }
            ObjectNode answer = Json.object();
            boolean accept = damaged == null && !refuse;
            if (accept) {
                answer.put("receiptId", String.format("R-%06d", ++receipts)).put("eFileId", index.get("eFileId").asText())
                        .put("at", clock.instant().toString());
            } else if (damaged != null) {
                answer.put("reasonCode", "DOCUMENT_DAMAGED").put("detail", damaged + " does not match its SHA-256");
            } else {
                answer.put("reasonCode", "EFILE_LOCKED").put("detail", "the e-file is open in another procedure step");
            }
            String name = pkg.getFileName().toString();
            Path tmp = outbox.resolve("." + name + ".tmp");
            Files.write(tmp, Json.MAPPER.writeValueAsBytes(answer));
            Files.move(tmp, outbox.resolve(name + (accept ? ".ack.json" : ".rej.json")), StandardCopyOption.ATOMIC_MOVE);
            Workspace.deleteTree(pkg); // filed in the e-file
            if (accept) {
                accepted++;
            } else {
                refused++;
            }
        }
        return new Answers(accepted, refused);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
