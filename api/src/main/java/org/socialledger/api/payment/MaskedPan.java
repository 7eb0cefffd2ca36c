package org.socialledger.api.payment;

import java.util.regex.Pattern;

/**
 * A card number as the pin pad shows it: at most the first six and last four digits visible,
 * the rest masked with {@code *}. A full card number is refused here, so it can never reach an
 * event, a table or a log through this type; the refusal does not repeat the value.
 */
public record MaskedPan(String value) {

    private static final Pattern SHAPE = Pattern.compile("[0-9]{0,6}\\*+[0-9]{0,4}");
    private static final int MIN_LENGTH = 12;
    private static final int MAX_LENGTH = 19;

    public MaskedPan {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("masked PAN is required");
        }
        if (CardNumbers.looksLikeFullPan(value)) {
            throw new IllegalArgumentException("a full card number was sent where a masked PAN belongs; it was not stored");
        }
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "masked PAN must be 12-19 characters: up to 6 digits, '*' for the hidden part, up to 4 digits");
        }
    }

    /** The last four digits, as support searches by them; empty when the pin pad hid them. */
    public String lastFour() {
        int firstDigit = value.length();
        while (firstDigit > 0 && Character.isDigit(value.charAt(firstDigit - 1))) {
            firstDigit--;
        }
        return value.substring(firstDigit);
    }

    @Override
    public String toString() {
        return value;
    }
}
