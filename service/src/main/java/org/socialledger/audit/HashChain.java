package org.socialledger.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The tamper-evidence rule: an event's {@code chainHash} is SHA-256 over the previous event's
 * hash (64 zeros for the first), the aggregate id, the sequence number, the payload type, the
 * event time in epoch milliseconds (the store's precision) and the payload's canonical JSON
 * (keys sorted at every level, so the order a map was written in does not matter).
 */
public final class HashChain {

    public static final String HASH = "chainHash";
    public static final String PREVIOUS = "chainPrevious";
    public static final String GENESIS = "0".repeat(64);
    /** The hashes a unit of work knows, by {@link #key}: events it loaded and events it appended. */
    public static final String UNIT_OF_WORK_HASHES = HashChain.class.getName() + ".unitOfWorkHashes";

    private final ObjectMapper canonical = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public String hash(String previous, String aggregateId, long sequence, String payloadType, long epochMillis,
                       byte[] payloadJson) {
        try {
            // The UTF-8 of "previous|aggregate|sequence|type|millis|" followed by the canonical JSON's.
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((previous + '|' + aggregateId + '|' + sequence + '|' + payloadType + '|' + epochMillis + '|')
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(canonicalJson(payloadJson)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String key(String aggregateId, long sequence) {
        return aggregateId + "#" + sequence;
    }

    private byte[] canonicalJson(byte[] json) {
        try {
            // Maps, not a tree: ORDER_MAP_ENTRIES_BY_KEYS sorts them on the way out.
            return canonical.writeValueAsBytes(canonical.readValue(json, Object.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("an event payload is not JSON", e);
        }
    }

    /** The hash recorded in an event's metadata JSON, or null. */
    public String recorded(byte[] metadataJson, String key) {
        if (metadataJson == null) {
            return null;
        }
        try {
            Object value = canonical.readValue(metadataJson, Map.class).get(key);
            return value == null ? null : value.toString();
        } catch (IOException e) {
            return null;
        }
    }
}
