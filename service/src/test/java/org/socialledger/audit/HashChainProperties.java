package org.socialledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.socialledger.testjson.ArbitraryJson;

/**
 * The canonical JSON of the hash rule is what Jackson's mapper made of a payload when the rule was
 * first written: read as plain maps and lists, written back with map keys sorted. Stored chains
 * verify only while that stays true, so the streaming canonical form is held to the mapper's round
 * trip on arbitrary JSON: nesting, repeated keys, escapes and non-ASCII text, whole numbers of
 * every size, fractions written every way ({@code 1.500}, {@code 1e5}, {@code -0.0}).
 */
class HashChainProperties {

    private static final ObjectMapper ROUND_TRIP = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final HashChain chain = new HashChain();

    @Property(tries = 2000)
    void theCanonicalFormIsTheMappersRoundTrip(@ForAll("documents") String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        byte[] expected = ROUND_TRIP.writeValueAsBytes(ROUND_TRIP.readValue(bytes, Object.class));

        assertThat(new String(chain.canonicalJson(bytes), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    @Example
    void notJsonIsRefused() {
        assertThatThrownBy(() -> chain.canonicalJson("{\"a\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chain.canonicalJson(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> documents() {
        return ArbitraryJson.documents();
    }

    @Example
    void repeatedKeysKeepTheLastValue() {
        assertThat(new String(chain.canonicalJson("{\"b\":1,\"a\":2,\"b\":[3]}".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("{\"a\":2,\"b\":[3]}");
    }

}
