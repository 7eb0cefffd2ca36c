package org.socialledger.api.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    // A syntactically valid card number built at run time, so none stands in the source tree.
    private static final String FULL_PAN = "2200" + "1234" + "5678" + "9010";

    @Test
    void aMaskedPanKeepsAtMostTheFirstSixAndLastFourDigits() {
        MaskedPan pan = new MaskedPan("220012******1234");
        assertThat(pan.lastFour()).isEqualTo("1234");
        assertThat(new MaskedPan("************1234").lastFour()).isEqualTo("1234");
    }

    @Test
    void aFullCardNumberIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> new MaskedPan(FULL_PAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("full card number")
                .hasMessageNotContaining(FULL_PAN)
                .hasMessageNotContaining("5678");
        assertThatThrownBy(() -> new MaskedPan("2200 1234 5678 9010"))
                .hasMessageNotContaining("5678");
        assertThatThrownBy(() -> new CardHash(FULL_PAN))
                .hasMessageContaining("full card number")
                .hasMessageNotContaining(FULL_PAN);
    }

    @Test
    void aPanWithTooManyVisibleDigitsIsNotMasked() {
        assertThatThrownBy(() -> new MaskedPan("2200123*****1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaskedPan("220012-1234")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyIsNeverNegative() {
        assertThatThrownBy(() -> Money.kopecks(-1)).hasMessageContaining("-1 kopecks");
        assertThatThrownBy(() -> Money.kopecks(5).minus(Money.kopecks(6))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.kopecks(5).plus(Money.kopecks(6))).isEqualTo(Money.kopecks(11));
    }

    @Test
    void aReceiptsTotalIsTheSumOfItsLines() {
        ReceiptLine milk = line(1, 17_980);
        ReceiptLine bread = line(2, 4_500);
        assertThat(new Receipt(new ReceiptId("R1"), Money.kopecks(22_480), List.of(milk, bread)).line(2))
                .contains(bread);
        assertThatThrownBy(() -> new Receipt(new ReceiptId("R1"), Money.kopecks(22_481), List.of(milk, bread)))
                .hasMessage("receipt R1 total is 22481 kop but its lines add up to 22480 kop");
        assertThatThrownBy(() -> new Receipt(new ReceiptId("R1"), Money.kopecks(35_960), List.of(milk, milk)))
                .hasMessage("receipt R1 has line 1 twice");
        assertThatThrownBy(() -> new Receipt(new ReceiptId("R1"), Money.ZERO, List.of()))
                .hasMessage("receipt R1 has no lines");
    }

    @Test
    void quantitiesHaveAtMostThreeDecimals() {
        assertThat(Quantity.of("0.125").value()).isEqualByComparingTo("0.125");
        assertThat(Quantity.of("1.500000").value()).isEqualByComparingTo("1.5");
        assertThatThrownBy(() -> Quantity.of("0.1255")).hasMessageContaining("more than 3 decimals");
        assertThatThrownBy(() -> Quantity.of("0")).hasMessageContaining("positive");
    }

    @Test
    void idsAreUuidsThatRoundTrip() {
        assertThat(PaymentId.of("0f8fad5b-d9cb-469f-a165-70867728950e").toString())
                .isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThatThrownBy(() -> PaymentId.of("1-2-3-4-5")).hasMessageContaining("must be a UUID");
        assertThatThrownBy(() -> new StoreId("x".repeat(129))).hasMessageContaining("longer than 128");
    }

    @Test
    void anIdIsAcceptedExactlyWhenItsTextRoundTripsIgnoringCase() {
        List<String> texts = List.of("0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E",
                " 0f8fad5b-d9cb-469f-a165-70867728950e ", "0f8fad5b-d9cb-469f-a165-70867728950", "1-2-3-4-5",
                "0f8fad5bd9cb-469f-a165-70867728950e-", "0f8fad5b-d9cb-469f-a165-7086772895ge",
                "+f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-+0867728950e",
                "0f8fad5b-d9cb-469f-a165-\uFF10f8fad5b950e", "00000000-0000-0000-0000-000000000000");
        for (String text : texts) {
            boolean roundTrips;
            try {
                roundTrips = java.util.UUID.fromString(text.trim()).toString().equalsIgnoreCase(text.trim());
            } catch (IllegalArgumentException e) {
                roundTrips = false;
            }
            if (roundTrips) {
                assertThat(PaymentId.of(text).value()).as(text).isEqualTo(java.util.UUID.fromString(text.trim()));
            } else {
                assertThatThrownBy(() -> PaymentId.of(text)).as(text).hasMessageContaining("must be a UUID");
            }
            assertThat(Uuids.isCanonical(text)).as(text).isEqualTo(roundTrips && text.equals(text.trim()));
        }
    }

    private static ReceiptLine line(int number, long amount) {
        return new ReceiptLine(number, "46000000000" + number, "goods " + number, Money.kopecks(amount),
                Quantity.of("1"), Money.kopecks(amount), "food");
    }
}
