package org.socialledger.api.payment;

import java.util.UUID;

final class Uuids {

    private Uuids() {
    }

    static UUID parse(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (isCanonical(value)) {
            // Round-trips by construction: spares every stored event's ids a toString and a comparison.
            return UUID.fromString(value);
        }
        try {
            UUID uuid = UUID.fromString(value.trim());
            // UUID.fromString accepts short forms such as "1-2-3-4-5"; an id must round-trip.
            if (!uuid.toString().equalsIgnoreCase(value.trim())) {
                throw new IllegalArgumentException(what + " must be a UUID, got '" + value + "'");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be a UUID, got '" + value + "'", e);
        }
    }

    /** 8-4-4-4-12 ASCII hex digits (either case), nothing around them: the only form that round-trips. */
    static boolean isCanonical(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (dash ? c != '-' : !hex) {
                return false;
            }
        }
        return true;
    }
}
