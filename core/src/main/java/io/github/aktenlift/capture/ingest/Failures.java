package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.AktenliftException;
import io.github.aktenlift.imaging.ImageProblem;
import io.github.aktenlift.spi.ProviderException;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.util.zip.DataFormatException;

/**
 * Failures said in words a scan service understands: the problem reports of capture never carry
 * a bare exception class name. Our own exceptions say what is wrong in their message (they name
 * keys, fields and pages, never personal data); the JDK's are described by what they mean.
 */
final class Failures {

    private Failures() {
    }

    /** @return what went wrong, in words */
    static String describe(Throwable e) {
        if (e instanceof AktenliftException || e instanceof ProviderException || e instanceof ImageProblem) {
            return e.getMessage();
        }
        if (e instanceof EOFException) {
            return "the data ends early";
        }
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return "a file is missing";
        }
        if (e instanceof AccessDeniedException) {
            return "a file may not be read";
        }
        if (e instanceof InvalidPathException) {
            return "a file name cannot be represented on this system";
        }
        if (e instanceof InterruptedIOException) {
            return "interrupted";
        }
        if (e instanceof DataFormatException) {
            return "compressed data is broken";
        }
        if (e instanceof OutOfMemoryError) {
            return "not enough memory";
        }
        if (e.getCause() != null && e.getCause() != e) {
            return describe(e.getCause());
        }
        return e instanceof java.io.IOException ? "reading or writing failed" : "an unexpected internal error";
    }
}
