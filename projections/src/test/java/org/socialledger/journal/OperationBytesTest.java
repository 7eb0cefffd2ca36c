package org.socialledger.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperationBytesTest {

    @Test
    void operationIdIsItsSixteenBytesInReadingOrder() {
        UUID id = UUID.fromString("6a1f8c7e-0000-4000-8000-000000000001");

        byte[] bytes = OperationBytes.of(id);

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("6a1f8c7e000040008000000000000001");
        assertThat(OperationBytes.uuid(bytes)).isEqualTo(id);
    }

    @Test
    void bytesOfAnotherLengthAreNoOperationId() {
        assertThatThrownBy(() -> OperationBytes.uuid(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bankDataValueThatIsACardNumberIsNeverKept() {
        String fullPan = "2200" + "1234" + "5678" + "9010"; // split so the tree holds no card-like literal

        var data = OperationsJournal.bankData(Map.of("pan", fullPan, "rrn", "000123456789"));

        assertThat(data.get("pan").asText()).isEqualTo(OperationsJournal.REMOVED_CARD_NUMBER);
        assertThat(data.get("rrn").asText()).isEqualTo("000123456789");
        assertThat(data.toString()).doesNotContain(fullPan);
    }
}
