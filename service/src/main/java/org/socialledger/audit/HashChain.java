package org.socialledger.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    private final ObjectMapper json = new ObjectMapper();

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

    /**
     * The JSON as Jackson's {@code readValue(json, Object.class)} reads it and an ObjectMapper with
     * {@code ORDER_MAP_ENTRIES_BY_KEYS} writes it back, which is how the rule was first written
     * (whole numbers as they are, fractions as a double, the last of repeated keys, keys in
     * {@code String} order). Done here on the token stream, with the mapper's own parser and
     * generator: the mapper's round trip was 4 % of the service's CPU (BENCHMARKS.md).
     * {@code HashChainProperties} holds this to the round trip on arbitrary JSON.
     */
    byte[] canonicalJson(byte[] payload) {
        try (JsonParser parser = json.getFactory().createParser(payload)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("an event payload is empty");
            }
            Object value = read(parser, first);
            ByteArrayBuilder bytes = new ByteArrayBuilder(payload.length);
            try (JsonGenerator generator = json.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
                write(generator, value);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("an event payload is not JSON", e);
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new TreeMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> object) {
            generator.writeStartObject();
            for (Map.Entry<String, Object> field : ((Map<String, Object>) object).entrySet()) {
                generator.writeFieldName(field.getKey());
                write(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> array) {
            generator.writeStartArray();
            for (Object element : array) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            generator.writeNumber(number);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else {
            generator.writeNull();
        }
    }

    /** The hash recorded in an event's metadata JSON, or null. */
    public String recorded(byte[] metadataJson, String key) {
        if (metadataJson == null) {
            return null;
        }
        try {
            Object value = json.readValue(metadataJson, Map.class).get(key);
            return value == null ? null : value.toString();
        } catch (IOException e) {
            return null;
        }
    }
}
