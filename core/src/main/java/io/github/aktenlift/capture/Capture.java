package io.github.aktenlift.capture;

import io.github.aktenlift.Actor;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Ingests scan deliveries. Obtained from {@link io.github.aktenlift.Aktenlift#capture()}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Capture {

    /**
     * Ingests a delivery folder: checks the index and every page, renders PDF/A-2b per document
     * (pages passed through without re-encoding where the format allows), stores renditions and the
     * scan protocol, and moves each good case file to {@code CAPTURED}, or on to {@code VERIFIED}
     * where no visual inspection is due. Bad case files are rejected one by one, with every problem
     * named, nothing stored, state unchanged, and a notification to the scan service.
     *
     * <p>Replaying a delivery that was already captured reports its case files as
     * {@link CaseFileOutcome.AlreadyCaptured}, without a notification: nothing is taken twice.
     * Case files in another state are rejected as {@link CaptureProblem.Kind#WRONG_STATE}. Of two
     * ingests of the same case file at the same time, one records it; the other stores nothing
     * and changes nothing, and reports it as already captured or as
     * {@link CaptureProblem.Kind#CAPTURE_CONFLICT}. No object a capture stored is ever replaced or
     * removed by a later capture.
     *
     * @param actor who ingests (usually the scan service's system account)
     * @param deliveryFolder the folder holding {@code index.json} and the page files
     * @return what became of each case file
     * @throws InvalidDeliveryException if the delivery as a whole cannot be read
     */
    IngestReport ingest(Actor actor, Path deliveryFolder);

    /**
     * Ingests a delivery folder as {@link #ingest(Actor, Path)} does, telling a listener how it goes.
     * The index is read once, here; a caller that wants to show progress needs no reading of its own.
     *
     * @param actor who ingests (usually the scan service's system account)
     * @param deliveryFolder the folder holding {@code index.json} and the page files
     * @param listener hears when the index is read and as each case file is done
     * @return what became of each case file
     * @throws InvalidDeliveryException if the delivery as a whole cannot be read
     */
    IngestReport ingest(Actor actor, Path deliveryFolder, IngestListener listener);
}
