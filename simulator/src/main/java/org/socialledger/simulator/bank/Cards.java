package org.socialledger.simulator.bank;

import java.util.List;
import java.util.Set;

/** The built-in card set: the tills of the simulator use the same one, so they know what to expect. */
public final class Cards {

    public static final String SP_CODE = "SP-FOOD";
    /** Prepaid, plenty of money: food and medicine (also any goods code starting 469). */
    public static final String PENSIONER = "c0ffee0000000000000000000000a001";
    /** Postpaid, plenty of limit: food and children's goods. */
    public static final String LARGE_FAMILY = "c0ffee0000000000000000000000a002";
    /** Prepaid with little money: the service pays part of the last line. */
    public static final String NEARLY_EMPTY = "c0ffee0000000000000000000000a003";
    /** A MIR card the service knows but that is in no programme. */
    public static final String NOT_SOCIAL = "c0ffee0000000000000000000000a004";
    /** A card the service has never seen. */
    public static final String UNKNOWN = "c0ffee0000000000000000000000a0ff";

    private Cards() {
    }

    /**
     * The cards of a JSON file (an array of {@link SocialCard}: hash, spCode, scheme, limit,
     * categories, codePrefixes, social), or the built-in set when {@code path} is null.
     */
    public static List<SocialCard> load(String path) throws java.io.IOException {
        if (path == null) {
            return defaults();
        }
        return List.of(new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(java.nio.file.Path.of(path).toFile(), SocialCard[].class));
    }

    public static List<SocialCard> defaults() {
        return List.of(
                new SocialCard(PENSIONER, SP_CODE, SocialCard.Scheme.PREPAID, 50_000_000L,
                        Set.of("dairy", "bakery", "meat", "vegetables", "pharmacy"), Set.of("469"), true),
                new SocialCard(LARGE_FAMILY, SP_CODE, SocialCard.Scheme.POSTPAID, 50_000_000L,
                        Set.of("dairy", "bakery", "children", "vegetables"), Set.of(), true),
                new SocialCard(NEARLY_EMPTY, SP_CODE, SocialCard.Scheme.PREPAID, 10_000L,
                        Set.of("dairy", "bakery", "vegetables"), Set.of(), true),
                new SocialCard(NOT_SOCIAL, SP_CODE, SocialCard.Scheme.PREPAID, 0L, Set.of(), Set.of(), false));
    }
}
