/**
 * Reports for the people who run a digitisation project: progress against the plan (as a
 * self-contained HTML page with inline SVG charts, and as PDF/A) and the chain of custody of one
 * case file for an auditor. Reached through {@link io.github.aktenlift.Aktenlift#reports()}.
 *
 * @since 0.2
 */
package io.github.aktenlift.report;
