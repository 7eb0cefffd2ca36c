package org.socialledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

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
        return Arbitraries.frequencyOf(
                Tuple.of(8, value(4)),
                Tuple.of(1, scalar()));
    }

    private Arbitrary<String> value(int depth) {
        if (depth == 0) {
            return scalar();
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<String> object = Combinators.combine(key(), space(), inner).as((k, s, v) -> s + k + s + ":" + s + v)
                .list().ofMaxSize(6).map(fields -> "{" + String.join(",", fields) + "}");
        Arbitrary<String> array = inner.list().ofMaxSize(5).map(values -> "[" + String.join(", ", values) + "]");
        return Arbitraries.frequencyOf(
                Tuple.of(3, object),
                Tuple.of(2, array),
                Tuple.of(3, scalar()));
    }

    private Arbitrary<String> scalar() {
        return Arbitraries.oneOf(text().map(HashChainProperties::quoted), wholeNumber(), fraction(),
                Arbitraries.of("true", "false", "null"));
    }

    /** Few distinct keys, so that objects repeat keys and sort ties show. */
    private Arbitrary<String> key() {
        return Arbitraries.oneOf(Arbitraries.of("a", "b", "B", "_", "aa", "a b", "ä", "Я", "1", "10", "2", "\u00e9", "e\u0301"),
                text()).map(HashChainProperties::quoted);
    }

    private Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF').ofMaxLength(12),
                Arbitraries.of("", "молоко 3,2 %", "😀", "tab\there", "quote\"back\\slash", "/", "\u2028", "\u0000"));
    }

    private Arbitrary<String> wholeNumber() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(String::valueOf),
                Arbitraries.of("0", "-0", "2147483648", "-2147483649", "9223372036854775808"));
    }

    private Arbitrary<String> fraction() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().map(String::valueOf),
                Combinators.combine(Arbitraries.longs().between(-10_000_000, 10_000_000), Arbitraries.integers().between(1, 4))
                        .as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale).toPlainString()),
                Arbitraries.of("1.500", "1.5", "0.001", "1e5", "1E+3", "-0.0", "2.5E-7", "123456789.125", "1.0",
                        "0.1", "1e400", "4.9e-324", "17.980", "100.00"));
    }

    private Arbitrary<String> space() {
        return Arbitraries.of("", "", " ", "\n  ");
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    @Example
    void repeatedKeysKeepTheLastValue() {
        assertThat(new String(chain.canonicalJson("{\"b\":1,\"a\":2,\"b\":[3]}".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("{\"a\":2,\"b\":[3]}");
    }

}
