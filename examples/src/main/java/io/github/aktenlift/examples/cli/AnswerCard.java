package io.github.aktenlift.examples.cli;

import io.github.aktenlift.adapters.xdomea.message.Party;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * What the 0402 to a sending authority needs and the core does not keep: who we are and who the
 * sender is (as the 0401's head names them), and the ids of the objects it handed over. One small
 * properties file per received 0401, {@code <ProzessID>.properties}, written atomically before the
 * transfer is taken in and removed again if taking it in fails. Ids and authority names only: no
 * personal data.
 */
record AnswerCard(UUID processId, Party self, Party sender, List<UUID> objects) {

    private static final String[] PARTY = {"prefix", "key", "institution", "unit"};

    static Path write(Path dir, UUID processId, Party self, Party sender, List<UUID> objects) {
        Properties p = new Properties();
        p.setProperty("processId", processId.toString());
        put(p, "self.", self);
        put(p, "sender.", sender);
        p.setProperty("objects", String.join(",", objects.stream().map(UUID::toString).toList()));
        Path file = dir.resolve(processId + ".properties");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".card", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "xdomea answer card (ids and authority names only)");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw XdomeaIntake.cannotWrite(file, e);
        }
        return file;
    }

    static void remove(Path card) {
        try {
            Files.deleteIfExists(card);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the card of a transfer, or empty if this workspace did not take it in */
    static Optional<AnswerCard> read(Path dir, String transferId) {
        Path file = dir.resolve(transferId + ".properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(new AnswerCard(UUID.fromString(p.getProperty("processId")), party(p, "self."),
                party(p, "sender."), Arrays.stream(p.getProperty("objects").split(",")).map(UUID::fromString).toList()));
    }

    private static void put(Properties p, String prefix, Party party) {
        String[] v = {party.authorityPrefix(), party.authorityKey(), party.institution(), party.unit()};
        for (int i = 0; i < PARTY.length; i++) {
            if (v[i] != null) {
                p.setProperty(prefix + PARTY[i], v[i]);
            }
        }
    }

    private static Party party(Properties p, String prefix) {
        return new Party(p.getProperty(prefix + PARTY[0]), p.getProperty(prefix + PARTY[1]),
                p.getProperty(prefix + PARTY[2]), p.getProperty(prefix + PARTY[3]));
    }
}
