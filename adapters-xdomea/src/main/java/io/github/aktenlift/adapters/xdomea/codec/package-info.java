/**
 * Internal: the XML and ZIP codec of xdomea 3.0.0 Abgabe messages — a StAX writer, a StAX reader
 * that checks the schema's structure for the elements it reads, secure parser factories, bounded
 * ZIP reading and the PDF shape check. Not exported.
 */
package io.github.aktenlift.adapters.xdomea.codec;
