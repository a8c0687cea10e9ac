package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaptureProblem.Kind;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.sealing.SealJob;
import io.github.aktenlift.spi.sealing.Sealed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The key calls of sealed captures, for one case file or for many at once (a delivery, or a part of
 * one): every capture renders, then <em>one</em> call to the key seals the renditions of all of
 * them, then every capture stores its renditions and writes its scan protocol, then <em>one</em>
 * call seals every protocol PDF and JSON, then every capture stores and records. Two calls per
 * batch is the least there can be: a protocol names the hashes of its sealed renditions, so it can
 * only be sealed after them.
 *
 * <p>The steps of the captures run on the given executor; the key calls on the calling thread. A
 * key call that fails ends every capture of the batch that was waiting for it, each with the typed
 * problem ({@link Kind#SEALING_FAILED}, {@link Kind#TIMESTAMP_FAILED}) and none of its objects kept;
 * ingesting the delivery again captures them.
 */
final class SealRounds {

    private SealRounds() {
    }

    /**
     * Runs the captures to their end; afterwards each has {@link SealedCapture#ended()}.
     *
     * @param batch captures not yet begun, all with this sealer
     * @param sealer the sealer whose key is called twice for the batch
     * @param steps where the captures' own steps run
     */
    static void run(List<SealedCapture> batch, EvidenceSealer sealer, Executor steps) {
        each(batch, steps, SealedCapture::render);
        List<SealedCapture> live = live(batch);
        if (!live.isEmpty()) {
            renditions(live, sealer, steps);
        }
        live = live(batch);
        if (!live.isEmpty()) {
            protocols(live, sealer, steps);
        }
        for (SealedCapture c : batch) {
            if (!c.ended()) {
                throw new IllegalStateException("a sealed capture did not end");
            }
        }
    }

    private static void renditions(List<SealedCapture> live, EvidenceSealer sealer, Executor steps) {
        if (live.get(0).prepared()) {
            List<byte[]> digests = new ArrayList<>();
            live.forEach(c -> digests.addAll(c.renditionDigests()));
            List<byte[]> signatures;
            try {
                signatures = sealer.signPrepared(digests);
                if (signatures.size() != digests.size()) {
                    throw new IllegalStateException(sealer.id() + " returned " + signatures.size() + " seals for "
                            + digests.size() + " renditions");
                }
            } catch (RuntimeException e) {
                live.forEach(c -> c.sealingFailed(e));
                return;
            }
            List<Runnable> fills = new ArrayList<>();
            int from = 0;
            for (SealedCapture c : live) {
                List<byte[]> mine = signatures.subList(from, from + c.renditionDigests().size());
                from += mine.size();
                fills.add(() -> c.renditionsSigned(mine));
            }
            run(fills, live, steps);
        } else {
            List<SealJob> jobs = new ArrayList<>();
            live.forEach(c -> jobs.addAll(c.renditionJobs()));
            try {
                sealer.seal(jobs, List.of());
            } catch (RuntimeException e) {
                live.forEach(c -> c.sealingFailed(e));
                return;
            }
            each(live, steps, SealedCapture::renditionsSealed);
        }
    }

    private static void protocols(List<SealedCapture> live, EvidenceSealer sealer, Executor steps) {
        if (live.get(0).prepared()) {
            List<byte[]> pdfDigests = live.stream().map(SealedCapture::protocolDigest).toList();
            List<byte[]> jsonDigests = live.stream().map(SealedCapture::protocolJsonDigest).toList();
            List<byte[]> seals;
            String level = sealer.preparedSeals().orElseThrow().pdfLevel();
            try {
                seals = sealer.signPrepared(pdfDigests, jsonDigests);
                if (seals.size() != 2 * live.size()) {
                    throw new IllegalStateException(sealer.id() + " returned " + seals.size() + " seals for "
                            + 2 * live.size() + " protocol files");
                }
            } catch (RuntimeException e) {
                live.forEach(c -> c.sealingFailed(e));
                return;
            }
            List<Runnable> finishes = new ArrayList<>();
            for (int i = 0; i < live.size(); i++) {
                SealedCapture c = live.get(i);
                byte[] pdfSeal = seals.get(i);
                byte[] jsonSeal = seals.get(live.size() + i);
                finishes.add(() -> c.protocolSigned(pdfSeal, jsonSeal, level));
            }
            run(finishes, live, steps);
            return;
        }
        List<SealJob> pdfs = live.stream().map(SealedCapture::protocolJob).toList();
        List<Path> jsons = live.stream().map(SealedCapture::protocolJson).toList();
        Sealed sealed;
        try {
            sealed = sealer.seal(pdfs, jsons);
            if (sealed.detachedSeals().size() != jsons.size()) {
                throw new IllegalStateException(sealer.id() + " returned " + sealed.detachedSeals().size()
                        + " detached seals for " + jsons.size() + " files");
            }
        } catch (RuntimeException e) {
            live.forEach(c -> c.sealingFailed(e));
            return;
        }
        List<byte[]> seals = sealed.detachedSeals();
        List<Runnable> finishes = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            SealedCapture c = live.get(i);
            byte[] seal = seals.get(i);
            finishes.add(() -> c.finish(seal, sealed.pdfLevel()));
        }
        run(finishes, live, steps);
    }

    private static List<SealedCapture> live(List<SealedCapture> batch) {
        return batch.stream().filter(c -> !c.ended()).toList();
    }

    private static void each(List<SealedCapture> captures, Executor steps, Consumer<SealedCapture> step) {
        run(captures.stream().<Runnable>map(c -> () -> step.accept(c)).toList(), captures, steps);
    }

    /**
     * Runs one step per capture and waits for all. A step that throws (recording the capture can,
     * after its objects are stored) ends its own capture as failed and no other; an {@link Error}
     * other than {@link OutOfMemoryError} (a bug) is thrown on as it is once every step has ended,
     * its capture's objects removed unless recording had begun.
     */
    private static void run(List<Runnable> tasks, List<SealedCapture> captures, Executor steps) {
        List<CompletableFuture<Void>> futures = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            Runnable task = tasks.get(i);
            SealedCapture c = captures.get(i);
            futures.add(CompletableFuture.runAsync(() -> {
                try {
                    task.run();
                } catch (RuntimeException | OutOfMemoryError e) {
                    c.crashed(new CaptureProblem(Kind.CAPTURE_FAILED, c.barcode(), "", "capture failed: "
                            + Failures.describe(e)));
                } catch (Error e) {
                    c.abandon();
                    throw e;
                }
            }, steps));
        }
        Tasks.joinAll(futures); // only an Error gets out of a step: thrown on as it is, once all have ended
    }
}
