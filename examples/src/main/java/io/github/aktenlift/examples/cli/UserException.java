package io.github.aktenlift.examples.cli;

/**
 * Something the user can fix — a missing workspace, a directory that is not empty, a file that
 * cannot be written. Reported as one line, without a stack trace, with {@link ExitCodes#USAGE}.
 */
final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }

    UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
