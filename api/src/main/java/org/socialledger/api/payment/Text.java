package org.socialledger.api.payment;

final class Text {

    private Text() {
    }

    /** A required identifier of at most {@code max} characters (the integrator's string(128)). */
    static String requireId(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        return value;
    }
}
