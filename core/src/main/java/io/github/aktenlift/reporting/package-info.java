/**
 * Internal: computing and laying out the reports of {@link io.github.aktenlift.report}. Not exported.
 */
package io.github.aktenlift.reporting;
