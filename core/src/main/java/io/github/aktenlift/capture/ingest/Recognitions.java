package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.spi.ocr.OcrEngine;
import io.github.aktenlift.spi.ocr.OcrException;
import io.github.aktenlift.spi.ocr.OcrRequest;
import io.github.aktenlift.spi.ocr.RecognisedPage;
import io.github.aktenlift.spi.ocr.RecognisedWord;
import io.github.aktenlift.textlayer.PageText;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the configured {@link OcrEngine} over the pages of a rendition ahead of the renderer: at
 * most the engine's {@link OcrEngine#parallelism()} pages of a batch are submitted before the
 * renderer takes the first of them, so that a long document's recognised text is never held whole in
 * memory; the pool's threads (as many as the engine's parallelism) die when idle. Thread-safe.
 */
final class Recognitions {

    private final OcrEngine engine;
    private final ThreadPoolExecutor pool;

    Recognitions(OcrEngine engine) {
        this.engine = engine;
        int n = Math.max(1, engine.parallelism());
        this.pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "aktenlift-ocr");
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** A page the renderer has no text for because the engine failed on it; names the page's file. */
    static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;
        private final String page;

        Failed(String page, String message) {
            super(message);
            this.page = page;
        }

        String page() {
            return page;
        }
    }

    /** Whether the engine is given the page: one image a file (the engine reads every page of a multi-page TIFF). */
    static boolean canRead(CheckedPage p) {
        return p.info().pageCount() == 1;
    }

    /** Starts recognising the pages, in order, a window at a time. */
    Batch start(List<CheckedPage> pages) {
        Batch b = new Batch(pages);
        for (int i = 0; i < Math.max(1, engine.parallelism()) && i < pages.size(); i++) {
            b.submit();
        }
        return b;
    }

    /** One rendition's pages for the engine. Not thread-safe: the renderer takes them in order. */
    final class Batch {
        private final List<CheckedPage> pages;
        private final Map<CheckedPage, Future<RecognisedPage>> running = new HashMap<>();
        private int submitted;

        private Batch(List<CheckedPage> pages) {
            this.pages = pages;
        }

        private void submit() {
            if (submitted < pages.size()) {
                CheckedPage p = pages.get(submitted++);
                int n = p.pageInFile() - 1;
                int width = p.info().pages().isEmpty() ? p.info().width() : p.info().pages().get(n).width();
                int height = p.info().pages().isEmpty() ? p.info().height() : p.info().pages().get(n).height();
                OcrRequest request = new OcrRequest(p.file(), width, height, p.entry().resolutionDpi());
                running.put(p, pool.submit(() -> engine.recognise(request)));
            }
        }

        /** The page's text, waiting for the engine; submits the next page of the window. */
        PageText next(CheckedPage p) throws Failed {
            while (!running.containsKey(p) && submitted < pages.size()) {
                submit();
            }
            Future<RecognisedPage> f = running.remove(p);
            submit();
            String page = p.entry().file();
            try {
                return text(f.get(), p);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw new Failed(page, c instanceof OcrException ? c.getMessage()
                        : "the OCR engine failed: " + Failures.describe(c instanceof Exception x ? x : e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failed(page, "interrupted while waiting for the OCR engine");
            }
        }
    }

    /** The engine's words as a page text, which must have been recognised on an image of the page's size. */
    private PageText text(RecognisedPage r, CheckedPage p) throws Failed {
        int n = p.pageInFile() - 1;
        int width = p.info().pages().isEmpty() ? p.info().width() : p.info().pages().get(n).width();
        int height = p.info().pages().isEmpty() ? p.info().height() : p.info().pages().get(n).height();
        if (r.width() != width || r.height() != height) {
            throw new Failed(p.entry().file(), engine.describe() + " read an image of " + r.width() + "x" + r.height()
                    + " px, the page has " + width + "x" + height + " px");
        }
        Map<Integer, List<PageText.Word>> lines = new LinkedHashMap<>();
        for (RecognisedWord w : r.words()) {
            String text = Normalizer.normalize(w.text().strip(), Normalizer.Form.NFC);
            if (text.isEmpty() || text.codePoints().anyMatch(Character::isISOControl)
                    || w.right() > width || w.bottom() > height) {
                continue;
            }
            lines.computeIfAbsent(w.line(), k -> new ArrayList<>()).add(new PageText.Word(text, w.left(), w.top(),
                    w.right(), w.bottom(), w.bottom(), w.confidence()));
        }
        return new PageText(width, height, lines.values().stream().map(PageText.Line::new).toList(), r.engine());
    }
}
