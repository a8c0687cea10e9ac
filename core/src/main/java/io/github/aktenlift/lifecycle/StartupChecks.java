package io.github.aktenlift.lifecycle;

import io.github.aktenlift.OcrConfigurationException;
import io.github.aktenlift.Policies;
import io.github.aktenlift.SealingConfigurationException;
import io.github.aktenlift.capture.OcrPolicy;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.Sealing;
import io.github.aktenlift.spi.ocr.OcrEngine;
import io.github.aktenlift.spi.ocr.OcrException;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.sealing.Qualification;

/**
 * What {@link io.github.aktenlift.Aktenlift.Builder#build()} checks before it opens anything:
 * every demand of the policies met by what is configured, or a start-up error naming what is
 * missing — never a silent skip at capture time.
 */
public final class StartupChecks {

    private StartupChecks() {
    }

    /**
     * The capture policy's demand for OCR met by a working engine, or a start-up error.
     *
     * @param policies the office's rules
     * @param ocr the configured engine, or {@code null}
     * @throws OcrConfigurationException if the policy demands OCR the engine cannot give
     */
    public static void ocr(Policies policies, OcrEngine ocr) {
        OcrPolicy.Mode mode = policies.capture().ocr().mode();
        if (mode == OcrPolicy.Mode.NEVER) {
            return;
        }
        if (ocr == null) {
            throw new OcrConfigurationException("the capture policy demands OCR (" + mode
                    + ") but no OCR engine is configured: call ocr(...) on the builder");
        }
        try {
            ocr.check();
        } catch (OcrException e) {
            throw new OcrConfigurationException("the capture policy demands OCR (" + mode + ") but the engine "
                    + "cannot run: " + e.getMessage());
        }
    }

    /**
     * Every level's demand met by the sealer, or a start-up error: never a silent skip.
     *
     * @param policies the office's rules
     * @param sealer the configured sealer, or {@code null}
     * @throws SealingConfigurationException if a level demands a seal the sealer cannot give
     */
    public static void sealing(Policies policies, EvidenceSealer sealer) {
        Qualification qualification = null;
        for (ProtectionLevel level : ProtectionLevel.values()) {
            Sealing demand = policies.profileFor(level).sealing();
            if (!demand.seals()) {
                continue;
            }
            if (sealer == null) {
                throw new SealingConfigurationException(level, "the policies demand " + demand
                        + " but no sealer is configured: call sealing(...) on the builder");
            }
            if (!sealer.seals()) {
                throw new SealingConfigurationException(level, "the policies demand " + demand + " but sealer '"
                        + sealer.id() + "' has no sealing key");
            }
            if (!sealer.timestamps()) {
                throw new SealingConfigurationException(level, "the policies demand " + demand
                        + " (sealed and timestamped) but sealer '" + sealer.id() + "' has no timestamp authority");
            }
            if (demand == Sealing.QUALIFIED) {
                if (qualification == null) {
                    qualification = sealer.qualification();
                }
                if (!qualification.qualified()) {
                    throw new SealingConfigurationException(level, "the policies demand a qualified seal but the key"
                            + " of sealer '" + sealer.id() + "' is not qualified: " + String.join("; ",
                                    qualification.reasons()));
                }
            }
        }
    }
}
