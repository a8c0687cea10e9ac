package io.github.aktenlift.adapters.xdomea.message;

import org.apiguardian.api.API;

/**
 * A primary file of a received message, as the reader found it.
 *
 * @param name the entry name ({@code Dateiname})
 * @param size its length in bytes
 * @param sha256 its SHA-256 as computed by the reader, 64 lowercase hex digits
 * @param hashDeclared whether the message declared a SHA-256 for it (which then matched)
 * @param pdf whether it was declared as PDF and has a PDF's shape
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReceivedFile(String name, long size, String sha256, boolean hashDeclared, boolean pdf) {
}
