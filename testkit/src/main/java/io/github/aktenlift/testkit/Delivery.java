package io.github.aktenlift.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@link ScanGenerator#writeDelivery} wrote.
 *
 * @param directory the delivery folder
 * @param index the {@code index.json} in it
 * @param files every file written, page files in writing order and the index last
 * @param totalBytes the size of all those files together
 * @param pagesByFormat pages listed in the index, by the format the index implies for them
 * @param caseFiles the counts of each case file, in delivery order
 * @param faults the faults planted, in the order they were written
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Delivery(Path directory, Path index, List<Path> files, long totalBytes,
                       Map<PageFormat, Integer> pagesByFormat, List<CaseFileSummary> caseFiles,
                       List<InjectedFault> faults) {

    /**
     * Validates the fields and takes immutable copies of the collections.
     *
     * @param directory the delivery folder
     * @param index the {@code index.json} in it
     * @param files every file written, page files in writing order and the index last
     * @param totalBytes the size of all those files together
     * @param pagesByFormat pages listed in the index, by the format the index implies for them
     * @param caseFiles the counts of each case file, in delivery order
     * @param faults the faults planted, in the order they were written
     */
    public Delivery {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(index, "index");
        files = List.copyOf(files);
        pagesByFormat = Map.copyOf(pagesByFormat);
        caseFiles = List.copyOf(caseFiles);
        faults = List.copyOf(faults);
        if (totalBytes < 0) {
            throw new IllegalArgumentException("totalBytes must be >= 0: " + totalBytes);
        }
    }

    /**
     * The pages listed in the index, all case files together.
     *
     * @return the page count
     */
    public int pages() {
        return caseFiles.stream().mapToInt(CaseFileSummary::pages).sum();
    }
}
