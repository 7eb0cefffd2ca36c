package org.socialledger.projection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Rows in PostgreSQL's COPY text format, written value by value. Times are rounded to the
 * microsecond half up, as the JDBC driver rounds them when a handler binds them, so a row copied
 * here and a row written by a handler hold the same instant.
 */
public final class CopyRows {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean rowStarted;
    private int rows;

    /** Appends one column's value; null, and a typed null, become SQL NULL. */
    public CopyRows value(Object value) {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
        Object plain = value instanceof SqlParameterValue typed ? typed.getValue() : value;
        if (plain == null) {
            text.append("\\N");
        } else if (plain instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (plain instanceof byte[] bytes) {
            text.append("\\\\x").append(HexFormat.of().formatHex(bytes));
        } else if (plain instanceof Instant instant) {
            text.append(microseconds(instant));
        } else if (plain instanceof OffsetDateTime time) {
            text.append(microseconds(time.toInstant()));
        } else {
            escaped(plain.toString());
        }
        return this;
    }

    public void endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
    }

    public int rows() {
        return rows;
    }

    public byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String microseconds(Instant instant) {
        return instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }

    private void escaped(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
    }
}
