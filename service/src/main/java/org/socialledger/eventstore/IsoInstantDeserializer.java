package org.socialledger.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the times the event store writes ({@code 2026-11-28T15:12:13.170614412Z}: four-digit year,
 * upper-case {@code T} and {@code Z}, 0-9 fraction digits) without {@code DateTimeFormatter},
 * whose general parser (a field map and a resolver per value) took ~13 % of a replay's CPU and 2 %
 * of the service's at full load. Any other text, and numbers, go to Jackson's own
 * {@link InstantDeserializer}, so every value reads as Jackson's time module reads it, or fails as
 * it fails.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

    private static final int SHORTEST = "yyyy-MM-ddTHH:mm:ssZ".length();
    private static final int LONGEST = "yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ".length();
    private static final int SECONDS_PER_DAY = 86_400;

    private final JsonDeserializer<Instant> standard = InstantDeserializer.INSTANT;

    IsoInstantDeserializer() {
        super(Instant.class);
    }

    /** Registered after the store's JavaTimeModule, it takes over Instant (later modules come first). */
    static Module module() {
        return new SimpleModule("store-iso-instants").addDeserializer(Instant.class, new IsoInstantDeserializer());
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            if (instant != null) {
                return instant;
            }
        }
        return standard.deserialize(parser, context);
    }

    /** The instant {@code text} names in the store's own form, or null when it is in any other. */
    static Instant parse(char[] text, int offset, int length) {
        if (length < SHORTEST || length > LONGEST || text[offset + length - 1] != 'Z') {
            return null;
        }
        int at = offset;
        if (text[at + 4] != '-' || text[at + 7] != '-' || text[at + 10] != 'T' || text[at + 13] != ':'
                || text[at + 16] != ':') {
            return null;
        }
        int year = number(text, at, 4);
        int month = number(text, at + 5, 2);
        int day = number(text, at + 8, 2);
        int hour = number(text, at + 11, 2);
        int minute = number(text, at + 14, 2);
        int second = number(text, at + 17, 2);
        // 24:00 and leap seconds (23:59:60) are the JDK parser's to judge.
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nano = 0;
        int fractionDigits = length - SHORTEST - 1;
        if (length > SHORTEST) {
            if (text[at + 19] != '.' || fractionDigits < 1) {
                return null;
            }
            int fraction = number(text, at + 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nano = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nano *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // 2026-02-30 and the like: the JDK parser's error, not ours
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nano);
    }

    /** The decimal number of {@code count} ASCII digits at {@code at}, or -1 if any is no digit. */
    private static int number(char[] text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
