package org.socialledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CopyRowsTest {

    private final ByteArrayOutputStream copied = new ByteArrayOutputStream();
    private final CopyRows rows = new CopyRows((bytes, length) -> copied.write(bytes, 0, length));

    @Test
    void jsonIsWrittenAsJacksonWritesItWithEveryBackslashDoubled() throws SQLException {
        ObjectNode document = JsonNodeFactory.instance.objectNode()
                .put("reason", "C:\\path \"quoted\"\ttab\nline")
                .put("name", "Молоко 3,2% 1 л")
                .put("amount", 17980L);

        rows.value(1).json(document).endRow();
        rows.flush();

        String expected = document.toString().replace("\\", "\\\\");
        assertThat(copied.toString(StandardCharsets.UTF_8)).isEqualTo("1\t" + expected + "\n");
    }

    @Test
    void timesAreRoundedToTheMicrosecondHalfUpAsTheDriverRoundsThem() throws SQLException {
        rows.value(Instant.parse("2026-11-28T15:12:13.170614500Z"))
                .value(Instant.parse("2026-11-28T15:12:13.170614499Z"))
                .value(Instant.parse("2026-11-28T15:12:59.999999500Z"))
                .value(null)
                .endRow();
        rows.flush();

        assertThat(copied.toString(StandardCharsets.US_ASCII)).isEqualTo(
                "2026-11-28T15:12:13.170615Z\t2026-11-28T15:12:13.170614Z\t2026-11-28T15:13:00Z\t\\N\n");
    }
}
