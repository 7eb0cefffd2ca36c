package org.socialledger.api.payment;

import java.util.Objects;

/** A receipt line the service treats as social, with the amount it pays for it. */
public record SocialLine(int line, Money amount) {

    public SocialLine {
        if (line < 1) {
            throw new IllegalArgumentException("social line number must be 1 or more, got " + line);
        }
        Objects.requireNonNull(amount, () -> "social line " + line + " has no amount");
    }
}
