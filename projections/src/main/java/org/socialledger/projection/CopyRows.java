package org.socialledger.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Rows in PostgreSQL's COPY text format, written value by value straight into UTF-8 bytes and
 * handed on in pieces of about 64 KB. Times
 * are rounded to the microsecond half up, as the JDBC driver rounds them when a handler binds
 * them, so a row copied here and a row written by a handler hold the same instant.
 */
public final class CopyRows {

    /** Immutable and thread-safe: one for all, as building a mapper costs more than a chunk's JSON. */
    private static final ObjectWriter JSON = new ObjectMapper().writer();
    private static final byte TAB = '\t';
    private static final byte BACKSLASH = '\\';

    /** Where full buffers go: a COPY in progress, which parses them while the next is written. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes, int length) throws SQLException;
    }

    private static final int FLUSH_AT = 1 << 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Sink sink;
    /** Small and reused (it stays in the cache), not a ByteArrayOutputStream (synchronized per byte). */
    private byte[] bytes = new byte[FLUSH_AT * 2];
    private int size;

    private final StringBuilder text = new StringBuilder(256);
    private boolean rowStarted;
    private int rows;

    public CopyRows(Sink sink) {
        this.sink = sink;
    }

    /** Appends one column's value; null, and a typed null, become SQL NULL. */
    public CopyRows value(Object value) {
        separate();
        Object plain = value instanceof SqlParameterValue typed ? typed.getValue() : value;
        if (plain == null) {
            ascii("\\N");
        } else if (plain instanceof Boolean flag) {
            write(flag ? 't' : 'f');
        } else if (plain instanceof byte[] raw) {
            ascii("\\\\x");
            room(raw.length * 2);
            for (byte b : raw) {
                bytes[size++] = HEX[(b >> 4) & 0xf];
                bytes[size++] = HEX[b & 0xf];
            }
        } else if (plain instanceof Instant instant) {
            ascii(microseconds(instant));
        } else if (plain instanceof OffsetDateTime time) {
            ascii(microseconds(time.toInstant()));
        } else if (plain instanceof Number || plain instanceof UUID) {
            ascii(plain.toString());
        } else {
            escaped(plain.toString());
        }
        return this;
    }

    /**
     * Appends a JSON document. Jackson escapes every control character inside strings, so the only
     * byte COPY must escape is the backslash (never part of a multi-byte UTF-8 sequence).
     */
    public CopyRows json(JsonNode document) {
        separate();
        byte[] written;
        try {
            written = JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a read model document does not serialize", e);
        }
        for (byte b : written) {
            if (b == BACKSLASH) {
                write(BACKSLASH);
            }
            write(b);
        }
        return this;
    }

    public void endRow() throws SQLException {
        write('\n');
        rowStarted = false;
        rows++;
        if (size >= FLUSH_AT) {
            flush();
        }
    }

    /** Hands what is buffered to the sink; call once more after the last row. */
    public void flush() throws SQLException {
        if (size > 0) {
            sink.write(bytes, size);
            size = 0;
        }
    }

    public int rows() {
        return rows;
    }

    private void separate() {
        if (rowStarted) {
            write(TAB);
        }
        rowStarted = true;
    }

    private static String microseconds(Instant instant) {
        return instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }

    /** Only ASCII without COPY's special characters: digits, hex, times, UUIDs, escapes. */
    private void ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            write(value.charAt(i));
        }
    }

    private void escaped(String value) {
        text.setLength(0);
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
        byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
        room(encoded.length);
        System.arraycopy(encoded, 0, bytes, size, encoded.length);
        size += encoded.length;
    }

    private void write(int b) {
        room(1);
        bytes[size++] = (byte) b;
    }

    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
