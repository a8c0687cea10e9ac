package io.github.aktenlift.examples.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line's summary, however quick the work. */
class ProgressTest {

    @Test
    @DisplayName("work that ends at once still shows the final count and the time taken; a failed one no summary")
    void instantWorkHasASummary() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), true, false);
        try (Progress.Task task = progress.start("capture D-1", 1, "case files")) {
            task.advance(1);
            task.done();
        }
        // "in 0.0 s" when quick, with a rate added once it took more than 50 ms (a slow machine)
        assertThat(text.toString()).matches("\\rcapture D-1: 1/1 case files in \\d+\\.\\d s(, [0-9.]+/s)?\\R");

        StringWriter failed = new StringWriter();
        try (Progress.Task task = new Progress(new PrintWriter(failed), false, false).start("capture D-2", 3, "case files")) {
            task.advance(1);
        }
        assertThat(failed.toString()).isEmpty();
    }
}
