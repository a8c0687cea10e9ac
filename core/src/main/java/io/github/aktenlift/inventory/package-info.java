/**
 * The office's inventory: the baseline (the expected list of case files exported from the
 * specialist procedure), its reconciliation against what was registered, received, captured and
 * imported, the issuing of barcodes, and printing them as labels
 * ({@link io.github.aktenlift.inventory.LabelSheet}).
 *
 * @since 0.1
 */
package io.github.aktenlift.inventory;
