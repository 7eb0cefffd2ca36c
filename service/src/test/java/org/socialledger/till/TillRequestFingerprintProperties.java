package org.socialledger.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.socialledger.testjson.ArbitraryJson;

/**
 * A request's fingerprint is what the mapper first made of its body: the tree converted to maps and
 * written back with keys sorted, fractions as BigDecimal. Recorded fingerprints must keep matching
 * their repeats across a release, so the fingerprint written straight from the tree is held to that
 * round trip on arbitrary JSON objects.
 */
class TillRequestFingerprintProperties {

    private static final ObjectMapper FIRST_WAY = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final TillRequestParser parser = new TillRequestParser();

    @Property(tries = 2000)
    void theFingerprintIsTheMappersRoundTrip(@ForAll("objects") String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        assertThat(parser.fingerprint(body)).isEqualTo(firstWay(body));
    }

    @Example
    void aKnownRequestKeepsItsFingerprint() throws Exception {
        byte[] body = """
                {"operation": "debit", "paymentId": "0f8fad5b-d9cb-469f-a165-70867728950e", "amount": 17980,
                 "note": "молоко", "ratio": 1.50, "tags": [3, 1e5, null, true]}""".getBytes(StandardCharsets.UTF_8);

        assertThat(parser.fingerprint(body)).isEqualTo(firstWay(body));
        assertThat(parser.parse(("{\"operation\": \"debit\", \"paymentId\": \"0f8fad5b-d9cb-469f-a165-70867728950e\","
                + " \"amount\": 17980}").getBytes(StandardCharsets.UTF_8)).fingerprint())
                .isEqualTo(firstWay(("{\"amount\":17980,\"operation\":\"debit\",\"paymentId\":"
                        + "\"0f8fad5b-d9cb-469f-a165-70867728950e\"}").getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> objects() {
        return ArbitraryJson.objects();
    }

    private static String firstWay(byte[] body) throws Exception {
        Map<?, ?> canonical = FIRST_WAY.treeToValue(FIRST_WAY.readTree(body), Map.class);
        byte[] bytes = FIRST_WAY.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
