package org.socialledger.testjson;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitrary JSON text for properties that hold a canonical form to what it replaces: nesting,
 * repeated keys, escapes and non-ASCII text, whole numbers of every size, fractions written every
 * way ({@code 1.500}, {@code 1e5}, {@code -0.0}).
 */
public final class ArbitraryJson {

    private ArbitraryJson() {
    }

    /** JSON objects, nested as {@link #documents()} nests them. */
    public static Arbitrary<String> objects() {
        Arbitrary<String> inner = Arbitraries.lazy(() -> value(3));
        return Combinators.combine(key(), space(), inner).as((k, s, v) -> s + k + s + ":" + s + v)
                .list().ofMaxSize(6).map(fields -> "{" + String.join(",", fields) + "}");
    }

    /** Any JSON text: mostly objects and arrays nested four deep, sometimes a bare scalar. */
    public static Arbitrary<String> documents() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, value(4)),
                Tuple.of(1, scalar()));
    }

    private static Arbitrary<String> value(int depth) {
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

    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(text().map(ArbitraryJson::quoted), wholeNumber(), fraction(),
                Arbitraries.of("true", "false", "null"));
    }

    /** Few distinct keys, so that objects repeat keys and sort ties show. */
    private static Arbitrary<String> key() {
        return Arbitraries.oneOf(Arbitraries.of("a", "b", "B", "_", "aa", "a b", "ä", "Я", "1", "10", "2", "\u00e9", "e\u0301"),
                text()).map(ArbitraryJson::quoted);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF').ofMaxLength(12),
                Arbitraries.of("", "молоко 3,2 %", "😀", "tab\there", "quote\"back\\slash", "/", "\u2028", "\u0000"));
    }

    private static Arbitrary<String> wholeNumber() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(String::valueOf),
                Arbitraries.of("0", "-0", "2147483648", "-2147483649", "9223372036854775808"));
    }

    private static Arbitrary<String> fraction() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().map(String::valueOf),
                Combinators.combine(Arbitraries.longs().between(-10_000_000, 10_000_000), Arbitraries.integers().between(1, 4))
                        .as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale).toPlainString()),
                Arbitraries.of("1.500", "1.5", "0.001", "1e5", "1E+3", "-0.0", "2.5E-7", "123456789.125", "1.0",
                        "0.1", "1e400", "4.9e-324", "17.980", "100.00"));
    }

    private static Arbitrary<String> space() {
        return Arbitraries.of("", "", " ", "\n  ");
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
