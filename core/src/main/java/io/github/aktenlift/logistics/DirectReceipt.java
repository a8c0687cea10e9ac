package io.github.aktenlift.logistics;

import org.apiguardian.api.API;

/**
 * Whether a case file may reach the scanning place without box and pickup: the short path
 * {@code REGISTERED → RECEIVED} of {@link ReceiveDirect}, for an office that scans in-house or a
 * single paper file that arrives by post. Part of {@link io.github.aktenlift.Policies}; the
 * default is {@link #NEVER}, so that every file takes the way of boxes, pickups and goods receipt
 * unless the office decides otherwise.
 *
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.2")
public enum DirectReceipt {
    /** Every case file goes through boxes, a pickup and the goods receipt. */
    NEVER,
    /**
     * Only case files received from another authority ({@link io.github.aktenlift.casefile.RegisterTransfer})
     * may take the short path; the bulk project's files go through the logistics.
     */
    TRANSFERS,
    /** Every registered case file may take the short path: the office scans in-house. */
    ALL
}
