/**
 * The office's inventory: the baseline (the expected list of case files exported from the
 * specialist procedure), its reconciliation against what was registered, received, captured and
 * imported, and the issuing of barcode labels.
 *
 * @since 0.1
 */
package io.github.aktenlift.inventory;
