package org.socialledger.projection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}, character for character, without {@code DateTimeFormatter}: a rebuild
 * writes a few times per event (into the journal's JSON and into COPY text), and the formatter's
 * general machinery (a LocalDateTime, a StringBuilder, its printers) was ~7 % of the replay's CPU.
 * Only years 1 to 9999 take the short way; any other instant is formatted by the JDK itself, so
 * the text is always exactly what {@code toString()} gives.
 */
public final class IsoInstants {

    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: four-digit years, no sign. */
    private static final long FIRST_SECOND = -62_135_596_800L;
    private static final long LAST_SECOND = 253_402_300_799L;
    private static final int SECONDS_PER_DAY = 86_400;
    /** "yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ" */
    public static final int MAX_LENGTH = 30;

    private IsoInstants() {
    }

    /** The same text as {@code instant.toString()}. */
    public static String toString(Instant instant) {
        byte[] text = new byte[MAX_LENGTH];
        int length = write(instant, text, 0);
        return length < 0 ? instant.toString() : new String(text, 0, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes {@code instant.toString()} as ASCII into {@code into} from {@code at}, which must have
     * room for {@link #MAX_LENGTH} bytes.
     *
     * @return the number of bytes written, or -1 when the instant is outside years 1-9999 (nothing
     *         written: the caller falls back to {@code toString()})
     */
    public static int write(Instant instant, byte[] into, int at) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return -1;
        }
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days);
        int i = at;
        i = digits(date.getYear(), 4, into, i);
        into[i++] = '-';
        i = digits(date.getMonthValue(), 2, into, i);
        into[i++] = '-';
        i = digits(date.getDayOfMonth(), 2, into, i);
        into[i++] = 'T';
        i = digits(secondOfDay / 3600, 2, into, i);
        into[i++] = ':';
        i = digits(secondOfDay / 60 % 60, 2, into, i);
        into[i++] = ':';
        i = digits(secondOfDay % 60, 2, into, i);
        int nano = instant.getNano();
        // As ISO_INSTANT prints a fraction: none, or in groups of three digits, as many as needed.
        if (nano != 0) {
            into[i++] = '.';
            if (nano % 1_000_000 == 0) {
                i = digits(nano / 1_000_000, 3, into, i);
            } else if (nano % 1_000 == 0) {
                i = digits(nano / 1_000, 6, into, i);
            } else {
                i = digits(nano, 9, into, i);
            }
        }
        into[i++] = 'Z';
        return i - at;
    }

    private static int digits(int value, int width, byte[] into, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
