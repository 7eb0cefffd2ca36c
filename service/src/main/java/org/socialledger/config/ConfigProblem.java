package org.socialledger.config;

/**
 * One unusable configuration row and why, e.g. {@code soc_processing_merchants id=3: qrTtl must
 * be a whole number of minutes, got "five"}. Reported, never thrown: the other rows keep working.
 */
public record ConfigProblem(String table, String key, String reason) {

    @Override
    public String toString() {
        return table + " " + key + ": " + reason;
    }
}
