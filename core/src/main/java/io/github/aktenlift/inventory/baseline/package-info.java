/**
 * Internal: the inventory on the journal — the baseline CSV exported from the specialist procedure
 * (read strictly, stored as it came, its import journaled), reconciliation against what is tracked,
 * and the issuing of barcode serials. Not exported; the API is
 * {@link io.github.aktenlift.inventory.Inventory}.
 *
 * <p>Entry type: {@link io.github.aktenlift.inventory.baseline.BaselineInventory}.
 */
package io.github.aktenlift.inventory.baseline;
