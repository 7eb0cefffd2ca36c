package org.socialledger.api.payment;

import java.util.Collection;

/** Arithmetic over lists of social lines, shared by the aggregate and its readers. */
public final class SocialLines {

    private SocialLines() {
    }

    public static Money total(Collection<SocialLine> lines) {
        Money sum = Money.ZERO;
        for (SocialLine line : lines) {
            sum = sum.plus(line.amount());
        }
        return sum;
    }
}
