package org.socialledger.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.CardHash;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.Quantity;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptLine;
import org.socialledger.api.payment.ReplyAddress;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.api.payment.event.PaymentReserved;
import org.socialledger.api.payment.event.ReservationRequested;

class PublishedLanguageModuleTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new PublishedLanguageModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final PaymentId payment = PaymentId.of("0f8fad5b-d9cb-469f-a165-70867728950e");
    private final Instant at = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void eventsAreWrittenWithBareMoneyAndIdsAndReadBackEqual() throws Exception {
        PaymentReserved event = new PaymentReserved(payment, OperationId.of("6a1f8c7e-0000-4000-8000-000000000001"),
                "R-1", List.of(new SocialLine(1, Money.kopecks(17_980))), Money.kopecks(17_980), Money.kopecks(8_000),
                Map.of("reservationId", "R-1"), at, false);

        String text = json.writeValueAsString(event);

        assertThat(text).contains("\"paymentId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"",
                "\"socialAmount\":17980", "\"remainder\":8000", "\"reservedAt\":\"2026-11-28T10:00:00Z\"",
                "\"socialLines\":[{\"line\":1,\"amount\":17980}]");
        assertThat(json.readValue(text, PaymentReserved.class)).isEqualTo(event);
    }

    @Test
    void aWholeReservationRequestRoundTrips() throws Exception {
        Receipt receipt = new Receipt(new ReceiptId("S001-03-000123"), Money.kopecks(8_000), List.of(
                new ReceiptLine(1, "2000000012345", "Яблоки, кг", Money.kopecks(16_000), Quantity.of("0.5"),
                        Money.kopecks(8_000), null)));
        ReservationRequested event = new ReservationRequested(payment,
                OperationId.of("6a1f8c7e-0000-4000-8000-000000000001"), new StoreId("S001"),
                new TerminalId("S001-POS-03"), receipt,
                new Card(new CardHash("9f86d081884c7d659a2feaa0c55ad015"), new MaskedPan("220012******1234")),
                new MerchantSettings(1, "http://sp", 5, 5, 30, 0, "E1", "M1", "SP", "T3"),
                new ReplyAddress("amq.rabbitmq.reply-to.g1h2", "c-1"), at, at.plusSeconds(300));

        String text = json.writeValueAsString(event);

        assertThat(text).contains("\"maskedPan\":\"220012******1234\"", "\"quantity\":0.5",
                "\"qrTtlMinutes\":5");
        assertThat(json.readValue(text, ReservationRequested.class)).isEqualTo(event);
    }

    @Test
    void readingValidatesAgain() {
        assertThatThrownBy(() -> json.readValue("-5", Money.class)).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> json.readValue("\"17980\"", Money.class)).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> json.readValue("\"not-a-uuid\"", PaymentId.class))
                .isInstanceOf(JsonMappingException.class);
    }
}
