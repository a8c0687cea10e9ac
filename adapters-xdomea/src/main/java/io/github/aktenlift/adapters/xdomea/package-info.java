/**
 * The specialist procedure as an xdomea partner: {@link io.github.aktenlift.adapters.xdomea.XdomeaProcedure}
 * hands import packages over as {@code Abgabe.Abgabe.0401} through a
 * {@link io.github.aktenlift.adapters.xdomea.Transport} (by default
 * {@link io.github.aktenlift.adapters.xdomea.DirectoryTransport}, a pair of directories) and reads
 * the partner's answers; {@link io.github.aktenlift.adapters.xdomea.EFileLookup} lets an integrator
 * answer the look-ups the partner does not. Found by {@link java.util.ServiceLoader} for
 * {@code xdomea:} URIs; settings in {@link io.github.aktenlift.adapters.xdomea.XdomeaSettings}.
 *
 * @since 0.1
 */
package io.github.aktenlift.adapters.xdomea;
