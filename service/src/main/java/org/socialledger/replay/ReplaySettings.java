package org.socialledger.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.replay.*}: how a rebuild of the read models uses the machine.
 *
 * @param decoderThreads threads that deserialize the stored events of a page, the reading thread
 *                       included (1: it alone, as before). Two by default: on two cores that
 *                       overlaps deserializing with the writers; more only queue for the same cores.
 */
@ConfigurationProperties("ledger.replay")
public record ReplaySettings(Integer decoderThreads) {

    public ReplaySettings {
        if (decoderThreads == null) {
            decoderThreads = 2;
        }
        if (decoderThreads < 1) {
            throw new IllegalArgumentException("ledger.replay.decoder-threads must be at least 1, got " + decoderThreads);
        }
    }
}
