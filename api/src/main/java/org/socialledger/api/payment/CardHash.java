package org.socialledger.api.payment;

/**
 * The pin pad's hash of the card: how the social processing service recognises the card without
 * ever seeing its number. A value that is itself a card number is refused without repeating it.
 */
public record CardHash(String value) {

    public CardHash {
        Text.requireId(value, "card hash", 128);
        if (CardNumbers.looksLikeFullPan(value)) {
            throw new IllegalArgumentException("a full card number was sent where the card hash belongs; it was not stored");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
