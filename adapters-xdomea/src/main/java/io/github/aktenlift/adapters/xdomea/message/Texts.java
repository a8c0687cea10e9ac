package io.github.aktenlift.adapters.xdomea.message;

import java.util.Objects;

/** Checks shared by the model's compact constructors. */
final class Texts {

    private Texts() {
    }

    /** A required text: not {@code null}, not blank. */
    static String required(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** An optional text: {@code null}, or not blank. */
    static String optional(String field, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(field + " must be null or not blank");
        }
        return value;
    }

    /** An optional position: {@code null} or at least 0. */
    static Integer position(Integer position) {
        if (position != null && position < 0) {
            throw new IllegalArgumentException("position must be null or at least 0");
        }
        return position;
    }
}
