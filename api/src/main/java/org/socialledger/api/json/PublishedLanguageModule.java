package org.socialledger.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.function.Function;
import java.util.function.Supplier;
import org.socialledger.api.payment.CardHash;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.Quantity;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;

/**
 * Writes single-value types as their bare value, so an event reads as the auditor expects:
 * {@code "socialAmount": 17980}, {@code "paymentId": "0f8f..."}, not nested objects. Reading
 * goes through the types' constructors, so a stored or received value is validated again.
 */
public final class PublishedLanguageModule extends SimpleModule {

    public PublishedLanguageModule() {
        super("social-ledger-published-language");
        text(PaymentId.class, PaymentId::of);
        text(OperationId.class, OperationId::of);
        text(StoreId.class, StoreId::new);
        text(TerminalId.class, TerminalId::new);
        text(ReceiptId.class, ReceiptId::new);
        text(CardHash.class, CardHash::new);
        text(MaskedPan.class, MaskedPan::new);

        addSerializer(Money.class, new JsonSerializer<>() {
            @Override
            public void serialize(Money value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeNumber(value.kopecks());
            }
        });
        addDeserializer(Money.class, new JsonDeserializer<>() {
            @Override
            public Money deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                    return (Money) context.handleUnexpectedToken(Money.class, parser);
                }
                long kopecks = parser.getLongValue();
                return valid(parser, kopecks, Money.class, () -> new Money(kopecks));
            }
        });
        addSerializer(Quantity.class, new JsonSerializer<>() {
            @Override
            public void serialize(Quantity value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeNumber(value.value());
            }
        });
        addDeserializer(Quantity.class, new JsonDeserializer<>() {
            @Override
            public Quantity deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (!parser.currentToken().isNumeric()) {
                    return (Quantity) context.handleUnexpectedToken(Quantity.class, parser);
                }
                BigDecimal value = parser.getDecimalValue();
                return valid(parser, value, Quantity.class, () -> new Quantity(value));
            }
        });
    }

    /** A value the type refuses becomes a mapping error that names the JSON path, as Jackson's own do. */
    private static <T> T valid(JsonParser parser, Object raw, Class<T> type, Supplier<T> construct)
            throws InvalidFormatException {
        try {
            return construct.get();
        } catch (IllegalArgumentException e) {
            throw InvalidFormatException.from(parser, e.getMessage(), raw, type);
        }
    }

    private <T> void text(Class<T> type, Function<String, T> parse) {
        addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(context.handleUnexpectedToken(type, parser));
                }
                String text = parser.getText();
                // The refused text is not kept in the error: it may be a card number.
                return valid(parser, null, type, () -> parse.apply(text));
            }
        });
    }
}
