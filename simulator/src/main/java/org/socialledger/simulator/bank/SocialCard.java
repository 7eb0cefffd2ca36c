package org.socialledger.simulator.bank;

import java.util.Set;

/**
 * A card the service knows. {@code limit} is the prepaid balance or the postpaid spending limit
 * of the period, in kopecks. A line is social when its category is allowed or its goods code
 * starts with an allowed prefix. A card with {@code social = false} is known but not in a programme.
 */
public record SocialCard(String hash, String spCode, Scheme scheme, long limit, Set<String> categories,
                         Set<String> codePrefixes, boolean social) {

    public enum Scheme { PREPAID, POSTPAID }

    public SocialCard {
        if (limit < 0) {
            throw new IllegalArgumentException("limit of card " + hash + " cannot be negative");
        }
        categories = Set.copyOf(categories);
        codePrefixes = Set.copyOf(codePrefixes);
    }

    boolean covers(String category, String code) {
        return category != null && categories.contains(category)
                || code != null && codePrefixes.stream().anyMatch(code::startsWith);
    }
}
