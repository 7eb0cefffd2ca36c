package org.socialledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.SplittableRandom;
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
    void jsonIsByteForByteWhatJacksonWritesForAnyTreeAndAnyString() throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        SplittableRandom random = new SplittableRandom(3);
        String alphabet = "aZ09 \"\\/\t\n\r\b\f\u0000\u0001\u001f\u007f\u00e9Жё€\u2028\uffff";
        for (int i = 0; i < 5_000; i++) {
            ObjectNode document = JsonNodeFactory.instance.objectNode();
            document.put("kind", "payment").put("amount", random.nextLong()).put("line", random.nextInt())
                    .put("late", random.nextBoolean()).putNull("cancelGiveUpAt")
                    .put(text(random, alphabet), text(random, alphabet))
                    .put("quantity", new BigDecimal("0.492")).put("ratio", 0.25);
            document.putObject("bankData").put("rrn", text(random, alphabet));
            document.putObject("empty");
            document.putArray("socialItems").add(JsonNodeFactory.instance.objectNode().put("line", 1).put("amount", 2L))
                    .add(text(random, alphabet)).addArray();
            if (i % 10 == 0) {
                document.put("emoji", "молоко \ud83e\udd5b");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CopyRows copy = new CopyRows((bytes, length) -> out.write(bytes, 0, length));

            copy.json(document).endRow();
            copy.flush();

            String expected = new String(jackson.writeValueAsBytes(document), StandardCharsets.UTF_8).replace("\\", "\\\\");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected + "\n");
        }
    }

    @Test
    void aBrokenSurrogateIsWrittenAsJacksonWritesIt() throws Exception {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("name", "half \ud83e of a pair");

        rows.json(document).endRow();
        rows.flush();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte b : new ObjectMapper().writeValueAsBytes(document)) {
            if (b == '\\') {
                expected.write(b); // doubled for COPY
            }
            expected.write(b);
        }
        expected.write('\n');
        assertThat(copied.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void textIsUtf8WithCopysEscapesWhateverItHolds() throws SQLException {
        SplittableRandom random = new SplittableRandom(5);
        String alphabet = "aZ09 \"\\/\t\n\r\b\u0000\u007f\u00e9Жё€\uffff\ud83e\udd5b";
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            String value = text(random, alphabet);
            rows.value(value);
            expected.append(i == 0 ? "" : "\t").append(value.replace("\\", "\\\\").replace("\n", "\\n")
                    .replace("\r", "\\r").replace("\t", "\\t"));
        }
        rows.endRow();
        rows.flush();

        assertThat(copied.toByteArray()).isEqualTo((expected + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String text(SplittableRandom random, String alphabet) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
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
