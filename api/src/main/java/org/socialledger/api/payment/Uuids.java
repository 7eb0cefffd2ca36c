package org.socialledger.api.payment;

import java.util.UUID;

final class Uuids {

    private Uuids() {
    }

    static UUID parse(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
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
}
