package io.github.aktenlift.efile;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What an import run did, one result per case file it took up, in the order taken.
 *
 * @param results the results
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ImportReport(List<ImportResult> results) {

    /**
     * Copies the list.
     *
     * @param results the results
     */
    public ImportReport {
        results = List.copyOf(results);
    }

    /** @return the case files imported, with receipt */
    public List<ImportResult.Imported> imported() {
        return only(ImportResult.Imported.class);
    }

    /** @return the case files handed over and still pending */
    public List<ImportResult.Pending> pending() {
        return only(ImportResult.Pending.class);
    }

    /** @return the case files the procedure rejected */
    public List<ImportResult.Rejected> rejected() {
        return only(ImportResult.Rejected.class);
    }

    /** @return the case files held for a matching decision */
    public List<ImportResult.Held> held() {
        return only(ImportResult.Held.class);
    }

    /** @return the case files whose attempt failed */
    public List<ImportResult.Failed> failed() {
        return only(ImportResult.Failed.class);
    }

    private <T extends ImportResult> List<T> only(Class<T> type) {
        return results.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
