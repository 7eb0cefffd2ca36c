package org.socialledger.config;

/** A valid row of soc_processing_terminals; {@code qrTtlMinutes} is null when the merchant's applies. */
public record TerminalConfig(String terminalId, String terminalNo, Integer qrTtlMinutes) {
}
