package org.socialledger.api.payment;

/** Recognises a full payment card number (PAN) wherever one must not be. */
public final class CardNumbers {

    private CardNumbers() {
    }

    /**
     * True for 13 to 19 digits, allowing the spaces and dashes people type between groups. MIR
     * and other cards are 16-19 digits; 13 catches old formats. The Luhn check is deliberately
     * not required: a mistyped card number must not leak either.
     */
    public static boolean looksLikeFullPan(String text) {
        if (text == null) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (c != ' ' && c != '-') {
                return false;
            }
        }
        return digits >= 13 && digits <= 19;
    }
}
