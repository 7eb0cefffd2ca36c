package org.socialledger.api.payment;

/**
 * An amount of roubles in integer kopecks. Never negative: a debt or a difference that could
 * go below zero is modelled by the operation (a refund, a reversal), not by the sign.
 */
public record Money(long kopecks) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public Money {
        if (kopecks < 0) {
            throw new IllegalArgumentException("money cannot be negative, got " + kopecks + " kopecks");
        }
    }

    public static Money kopecks(long kopecks) {
        return new Money(kopecks);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(kopecks, other.kopecks));
    }

    /** @throws IllegalArgumentException when the result would be negative */
    public Money minus(Money other) {
        return new Money(kopecks - other.kopecks);
    }

    public boolean isZero() {
        return kopecks == 0;
    }

    public boolean isGreaterThan(Money other) {
        return kopecks > other.kopecks;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(kopecks, other.kopecks);
    }

    @Override
    public String toString() {
        return kopecks + " kop";
    }
}
