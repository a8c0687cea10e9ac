package io.github.aktenlift.pdfa;

import io.github.aktenlift.imaging.ImageProblem;
import io.github.aktenlift.testkit.LargePng;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Memory for decoding pages that are re-encoded is reserved before decoding, so that pages whose
 * decoded size is huge (16-bit colour with alpha, within the pixel limit) are refused by name and
 * pages that fit take their turns instead of meeting in the heap (issue 21, finding 4).
 */
@DisplayName("The decode budget")
class DecodeBudgetTest {

    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @Test
    @DisplayName("counts what a page needs from its header: raster and compressed bytes")
    void need() {
        // 16-bit RGB: 6 bytes decoded, at most 6 compressed per pixel
        assertThat(DecodeBudget.need(1000, 1000, 3, 16)).isEqualTo(12_000_000L + MIB);
        // 8-bit gray: the raster and its compressed bytes, no RGB copy
        assertThat(DecodeBudget.need(1000, 1000, 1, 8)).isEqualTo(2_000_000L + MIB);
        // bilevel: packed bits
        assertThat(DecodeBudget.need(2480, 3508, 1, 1)).isEqualTo(2L * 310 * 3508 + MIB);
        // no overflow at the pixel limit's edge
        assertThat(DecodeBudget.need(20_000, 20_000, 3, 16)).isEqualTo(400_000_000L * 12 + MIB);
    }

    @Test
    @DisplayName("refuses a page that needs more than the whole budget, naming what it needs, and reserves nothing")
    void tooLarge() {
        DecodeBudget budget = new DecodeBudget(100 * MIB);
        ImageProblem p = catchThrowableOfType(ImageProblem.class, () -> budget.reserve(101 * MIB));
        assertThat(p).isNotNull();
        assertThat(p.kind()).isEqualTo(ImageProblem.Kind.TOO_LARGE);
        assertThat(p.getMessage()).contains("101 MiB").contains("100 MiB").contains(DecodeBudget.PROPERTY);
        assertThat(budget.reserved()).isZero();
    }

    @Test
    @DisplayName("lets a page wait while others hold the memory it needs, and gives it back exactly once")
    void pagesTakeTurns() throws Exception {
        DecodeBudget budget = new DecodeBudget(100 * MIB);
        DecodeBudget.Reservation first = budget.reserve(60 * MIB);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch reserved = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread second = new Thread(() -> {
            started.countDown();
            try (DecodeBudget.Reservation r = budget.reserve(60 * MIB)) {
                reserved.countDown();
            } catch (Exception e) {
                failed.set(e);
            }
        });
        second.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(reserved.await(300, TimeUnit.MILLISECONDS)).as("reserved past the budget").isFalse();
        assertThat(budget.reserved()).isEqualTo(60 * MIB);

        first.close();
        first.close(); // a second close gives nothing back twice
        assertThat(reserved.await(10, TimeUnit.SECONDS)).isTrue();
        second.join(10_000);
        assertThat(failed.get()).isNull();
        assertThat(budget.reserved()).isZero();
    }

    @Test
    @DisplayName("a 16-bit RGB PNG within the pixel limit whose decoded size exceeds the budget: the renderer refuses the page by name, TOO_LARGE, without decoding it")
    void hugeDecodedPngRefused() throws IOException {
        long total = DecodeBudget.JVM.total();
        // a square 16-bit RGB page needing about 1.5 budgets (12 bytes a pixel), within 20,000 px a side
        int side = (int) Math.ceil(Math.sqrt(total * 1.5 / 12));
        assumeTrue(side <= 20_000, "this JVM's heap makes the budget larger than any page the pixel limit allows");
        Path png = dir.resolve("p0001.png");
        LargePng.write(png, side, side, LargePng.ColourType.RGB, 16, 300);
        long heapBefore = usedHeap();

        PageImageException e = catchThrowableOfType(PageImageException.class, () -> new PdfARenderer().render(
                PdfARendererTest.request(List.of(PageSource.of(png, PdfARendererTest.inspect(png)))),
                OutputStream.nullOutputStream()));

        assertThat(e).isNotNull();
        assertThat(e.file()).isEqualTo(png.toString());
        assertThat(e.problem().kind()).isEqualTo(ImageProblem.Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains("decode budget");
        assertThat(DecodeBudget.JVM.reserved()).isZero();
        // nothing was decoded: the heap did not take the raster (it would be > total)
        assertThat(usedHeap() - heapBefore).isLessThan(total / 2);
    }

    @Test
    @DisplayName("a 16-bit RGB PNG that fits is re-encoded, its reservation given back")
    void fittingPngRendered() throws IOException {
        Path png = dir.resolve("p0002.png");
        LargePng.write(png, 300, 200, LargePng.ColourType.RGB, 16, 300);
        var r = PdfARendererTest.render(List.of(PageSource.of(png, PdfARendererTest.inspect(png))));
        assertThat(r.result().pages().get(0).how()).startsWith("PNG→Flate lossless");
        assertThat(DecodeBudget.JVM.reserved()).isZero();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
