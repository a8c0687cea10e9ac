package io.github.aktenlift;

import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.ProtectionProfile;
import io.github.aktenlift.logistics.DirectReceipt;
import io.github.aktenlift.logistics.PickupPolicy;
import io.github.aktenlift.retention.RetentionPolicy;
import io.github.aktenlift.tracking.SlaPolicy;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The office's configurable rules, as plain values: service levels, retention and destruction,
 * what each protection level demands, how barcodes look, and when a pickup is due.
 *
 * @param sla service levels per state, for boxes in transit and for recalls
 * @param retention retention period and what blocks destruction
 * @param protection what each protection level demands; every level present
 * @param caseFileBarcodes the scheme of case-file labels
 * @param boxBarcodes the scheme of box labels
 * @param capture what scan deliveries must satisfy and what capture makes of them
 * @param pickup when the pickup planner proposes a pickup, and the box capacity
 * @param directReceipt whether case files may reach the scanning place without box and pickup
 *     ({@link io.github.aktenlift.logistics.ReceiveDirect}); since 0.2
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Policies(SlaPolicy sla, RetentionPolicy retention, Map<ProtectionLevel, ProtectionProfile> protection,
        BarcodeScheme caseFileBarcodes, BarcodeScheme boxBarcodes, CapturePolicy capture, PickupPolicy pickup,
        DirectReceipt directReceipt) {

    /**
     * Validates and copies.
     *
     * @param sla service levels per state, for boxes in transit and for recalls
     * @param retention retention period and what blocks destruction
     * @param protection what each protection level demands; every level present
     * @param caseFileBarcodes the scheme of case-file labels
     * @param boxBarcodes the scheme of box labels
     * @param capture what scan deliveries must satisfy and what capture makes of them
     * @param pickup when the pickup planner proposes a pickup, and the box capacity
     * @param directReceipt whether case files may reach the scanning place without box and pickup
     */
    public Policies {
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(caseFileBarcodes, "caseFileBarcodes");
        Objects.requireNonNull(boxBarcodes, "boxBarcodes");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(pickup, "pickup");
        Objects.requireNonNull(directReceipt, "directReceipt");
        for (ProtectionLevel l : ProtectionLevel.values()) {
            if (!protection.containsKey(l)) {
                throw new InvalidValueException("protection", "no profile for " + l);
            }
        }
        protection = Map.copyOf(protection);
    }

    /**
     * The policies of version 0.1, without the short path: {@link DirectReceipt#NEVER}.
     *
     * @param sla service levels per state, for boxes in transit and for recalls
     * @param retention retention period and what blocks destruction
     * @param protection what each protection level demands; every level present
     * @param caseFileBarcodes the scheme of case-file labels
     * @param boxBarcodes the scheme of box labels
     * @param capture what scan deliveries must satisfy and what capture makes of them
     * @param pickup when the pickup planner proposes a pickup, and the box capacity
     */
    public Policies(SlaPolicy sla, RetentionPolicy retention, Map<ProtectionLevel, ProtectionProfile> protection,
            BarcodeScheme caseFileBarcodes, BarcodeScheme boxBarcodes, CapturePolicy capture, PickupPolicy pickup) {
        this(sla, retention, protection, caseFileBarcodes, boxBarcodes, capture, pickup, DirectReceipt.NEVER);
    }

    /**
     * @return the defaults of {@link SlaPolicy}, {@link RetentionPolicy}, {@link ProtectionProfile},
     *     {@link BarcodeScheme}, {@link CapturePolicy} and {@link PickupPolicy}; no short path
     *     ({@link DirectReceipt#NEVER})
     */
    public static Policies defaults() {
        Map<ProtectionLevel, ProtectionProfile> p = new EnumMap<>(ProtectionLevel.class);
        for (ProtectionLevel l : ProtectionLevel.values()) {
            p.put(l, ProtectionProfile.defaultFor(l));
        }
        return new Policies(SlaPolicy.defaults(), RetentionPolicy.defaults(), p,
                BarcodeScheme.defaultCaseFiles(), BarcodeScheme.defaultBoxes(), CapturePolicy.defaults(),
                PickupPolicy.defaults(), DirectReceipt.NEVER);
    }

    /**
     * @return {@link #defaults()} with {@link ProtectionProfile#resiscanFor} at every level: high and
     *     very high case files sealed and timestamped, very high with a qualified seal; an instance
     *     with these policies needs a sealer ({@link Aktenlift.Builder#sealing})
     * @since 0.2
     */
    public static Policies resiscan() {
        Policies p = defaults();
        for (ProtectionLevel l : ProtectionLevel.values()) {
            p = p.withProtection(l, ProtectionProfile.resiscanFor(l));
        }
        return p;
    }

    /**
     * @param level a protection level
     * @return its profile
     */
    public ProtectionProfile profileFor(ProtectionLevel level) {
        return protection.get(level);
    }

    /**
     * @param s new service levels
     * @return a copy with them
     */
    public Policies withSla(SlaPolicy s) {
        return new Policies(s, retention, protection, caseFileBarcodes, boxBarcodes, capture, pickup, directReceipt);
    }

    /**
     * @param r new retention rules
     * @return a copy with them
     */
    public Policies withRetention(RetentionPolicy r) {
        return new Policies(sla, r, protection, caseFileBarcodes, boxBarcodes, capture, pickup, directReceipt);
    }

    /**
     * @param level a protection level
     * @param profile what it shall demand
     * @return a copy with that profile
     */
    public Policies withProtection(ProtectionLevel level, ProtectionProfile profile) {
        Map<ProtectionLevel, ProtectionProfile> p = new EnumMap<>(protection);
        p.put(level, profile);
        return new Policies(sla, retention, p, caseFileBarcodes, boxBarcodes, capture, pickup, directReceipt);
    }

    /**
     * @param caseFiles scheme for case-file labels
     * @param boxes scheme for box labels
     * @return a copy with those schemes
     */
    public Policies withBarcodes(BarcodeScheme caseFiles, BarcodeScheme boxes) {
        return new Policies(sla, retention, protection, caseFiles, boxes, capture, pickup, directReceipt);
    }

    /**
     * @param c what scan deliveries must satisfy
     * @return a copy with it
     */
    public Policies withCapture(CapturePolicy c) {
        return new Policies(sla, retention, protection, caseFileBarcodes, boxBarcodes, c, pickup, directReceipt);
    }

    /**
     * @param p when pickups are due and how full boxes get
     * @return a copy with it
     */
    public Policies withPickup(PickupPolicy p) {
        return new Policies(sla, retention, protection, caseFileBarcodes, boxBarcodes, capture, p, directReceipt);
    }

    /**
     * @param d whether case files may reach the scanning place without box and pickup
     * @return a copy with it
     * @since 0.2
     */
    public Policies withDirectReceipt(DirectReceipt d) {
        return new Policies(sla, retention, protection, caseFileBarcodes, boxBarcodes, capture, pickup, d);
    }
}
