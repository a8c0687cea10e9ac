package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Records that an open recall was served. For {@link RecallMode#PAPER_BACK} the paper is handed over: the file moves to {@code RETURNED}.
 *
 * @param barcode the case file
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ServeRecall(@NotNull Barcode barcode) implements Command {
}
