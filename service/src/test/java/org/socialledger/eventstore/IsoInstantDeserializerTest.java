package org.socialledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The store's mapper reads every time exactly as Jackson's own time module reads it. */
class IsoInstantDeserializerTest {

    private final ObjectMapper store = EventStoreConfiguration.jacksonObjectMapper();
    private final ObjectMapper replay = EventStoreConfiguration.storageObjectMapper();

    private record Stamped(Instant at) {
    }

    @Test
    void theStoresOwnFormReadsTheSameWithEveryFractionLength() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L),
                    random.nextInt(1_000_000_000));
            String text = instant.toString();
            // every fraction length from none to nine digits, not only the groups toString prints
            int dot = text.indexOf('.');
            if (dot > 0) {
                text = text.substring(0, Math.min(text.length() - 1, dot + 1 + i % 10)) + "Z";
                text = text.replace(".Z", "Z");
            }
            String json = "\"" + text + "\"";

            assertThat(replay.readValue(json, Instant.class)).as(text).isEqualTo(store.readValue(json, Instant.class));
            assertThat(IsoInstantDeserializer.parse(text.toCharArray(), 0, text.length())).as(text).isNotNull();
        }
    }

    @Test
    void otherFormsAreLeftToJacksonAndReadOrFailAsItReadsThem() throws Exception {
        List<String> others = List.of("\"2026-11-28T15:12:13.170+03:00\"", "\"2026-11-28t15:12:13z\"",
                "\"2026-11-28T15:12Z\"", "\" 2026-11-28T15:12:13Z \"", "\"2026-11-28T23:59:60Z\"",
                "\"+12026-11-28T15:12:13Z\"", "1764342733.170614412", "1764342733", "\"2026-02-30T15:12:13Z\"",
                "\"2026-13-01T15:12:13Z\"", "\"2026-11-28T24:00:00Z\"", "\"2026-11-28T15:12:13.Z\"",
                "\"2026-11-28T15:12:13.1234567890Z\"", "\"2026-1x-28T15:12:13Z\"", "\"2026-11-28T15:12:13,5Z\"",
                "\"0000-01-01T00:00:00Z\"");
        for (String json : others) {
            Instant expected;
            try {
                expected = store.readValue(json, Instant.class);
            } catch (JsonMappingException refused) {
                assertThatThrownBy(() -> replay.readValue(json, Instant.class)).as(json)
                        .isInstanceOf(refused.getClass());
                continue;
            }
            assertThat(replay.readValue(json, Instant.class)).as(json).isEqualTo(expected);
        }
        assertThat(IsoInstantDeserializer.parse("2026-11-28T15:12Z".toCharArray(), 0, 17)).isNull();
        assertThat(IsoInstantDeserializer.parse("2026-02-30T15:12:13Z".toCharArray(), 0, 20)).isNull();
        assertThatThrownBy(() -> replay.readValue("\"2026-02-30T15:12:13Z\"", Instant.class))
                .isInstanceOf(JsonMappingException.class);
    }

    @Test
    void aRecordsTimeReadsThroughTheReplaysParser() throws Exception {
        assertThat(replay.readValue("{\"at\":\"2026-11-28T15:12:13.170614412Z\"}", Stamped.class))
                .isEqualTo(new Stamped(Instant.parse("2026-11-28T15:12:13.170614412Z")));
    }
}
