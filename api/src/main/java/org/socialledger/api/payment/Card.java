package org.socialledger.api.payment;

import java.util.Objects;

/** The card as the till knows it: never its full number. */
public record Card(CardHash hash, MaskedPan maskedPan) {

    public Card {
        Objects.requireNonNull(hash, "card hash is required");
        Objects.requireNonNull(maskedPan, "masked PAN is required");
    }
}
