package org.socialledger.projection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
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

    /** Writes {@code rows} into their table by one COPY on {@code target}'s connection (its transaction, if any). */
    public static long copy(JdbcTemplate target, FoldedRows rows) {
        Long copied = target.execute((ConnectionCallback<Long>) connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(rows.copyStatement());
            try {
                CopyRows text = new CopyRows((bytes, length) -> copy.writeToCopy(bytes, 0, length));
                rows.write(text);
                text.flush();
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
        return copied == null ? 0 : copied;
    }

    /** Where full buffers go: a COPY in progress, which parses them while the next is written. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes, int length) throws SQLException;
    }

    private static final int FLUSH_AT = 1 << 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Jackson writes the hex digits of its six-character escapes in upper case. */
    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final Sink sink;
    /** Small and reused (it stays in the cache), not a ByteArrayOutputStream (synchronized per byte). */
    private byte[] bytes = new byte[FLUSH_AT * 2];
    private int size;

    private final StringBuilder text = new StringBuilder(256);
    private final OutputStream escapingBackslashes = new BackslashEscaping();
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
            microseconds(instant);
        } else if (plain instanceof OffsetDateTime time) {
            microseconds(time.toInstant());
        } else if (plain instanceof Number || plain instanceof UUID) {
            ascii(plain.toString());
        } else {
            escaped(plain.toString());
        }
        return this;
    }

    /**
     * Appends a JSON document: the bytes Jackson would write, written here straight into the buffer
     * (Jackson's generator, driven through a tree, was ~14 % of a replay's CPU). Objects, arrays,
     * strings, whole numbers, booleans and nulls are written here, with Jackson's own escapes; any
     * other node (a fraction, a big integer, a POJO), and any string holding a surrogate, is handed
     * to Jackson. Inside JSON every control character is escaped, so the only byte COPY must escape
     * is the backslash (never part of a multi-byte UTF-8 sequence): it is written doubled.
     */
    public CopyRows json(JsonNode document) {
        separate();
        node(document);
        return this;
    }

    private void node(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                write('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!first) {
                        write(',');
                    }
                    first = false;
                    string(field.getKey());
                    write(':');
                    node(field.getValue());
                }
                write('}');
            }
            case ARRAY -> {
                write('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        write(',');
                    }
                    node(node.get(i));
                }
                write(']');
            }
            case STRING -> string(node.textValue());
            case BOOLEAN -> ascii(node.booleanValue() ? "true" : "false");
            case NULL -> ascii("null");
            case NUMBER -> {
                if (node.isInt() || node.isLong() || node.isShort()) {
                    ascii(Long.toString(node.longValue()));
                } else {
                    byJackson(node);
                }
            }
            default -> byJackson(node);
        }
    }

    /**
     * A JSON string as Jackson writes it: short escapes where JSON has them, a six-character one
     * for the other characters below 0x20.
     */
    private void string(String value) {
        room(value.length() * 7 + 2); // the worst case: every char a six-character escape, its backslash doubled
        int start = size;
        bytes[size++] = '"';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                if (Character.isSurrogate(c)) {
                    size = start;
                    byJackson(JsonNodeFactory.instance.textNode(value));
                    return;
                }
                if (c < 0x800) {
                    bytes[size++] = (byte) (0xc0 | (c >> 6));
                } else {
                    bytes[size++] = (byte) (0xe0 | (c >> 12));
                    bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                }
                bytes[size++] = (byte) (0x80 | (c & 0x3f));
            } else if (c >= 0x20 && c != '"' && c != '\\') {
                bytes[size++] = (byte) c;
            } else {
                bytes[size++] = BACKSLASH;
                bytes[size++] = BACKSLASH;
                switch (c) {
                    case '"' -> bytes[size++] = '"';
                    case '\\' -> {
                        bytes[size++] = BACKSLASH;
                        bytes[size++] = BACKSLASH;
                    }
                    case '\b' -> bytes[size++] = 'b';
                    case '\t' -> bytes[size++] = 't';
                    case '\f' -> bytes[size++] = 'f';
                    case '\n' -> bytes[size++] = 'n';
                    case '\r' -> bytes[size++] = 'r';
                    default -> {
                        bytes[size++] = 'u';
                        bytes[size++] = '0';
                        bytes[size++] = '0';
                        bytes[size++] = UPPER_HEX[c >> 4];
                        bytes[size++] = UPPER_HEX[c & 0xf];
                    }
                }
            }
        }
        bytes[size++] = '"';
    }

    /** What is not worth writing here: Jackson's own generator, into this buffer. */
    private void byJackson(JsonNode node) {
        try (JsonGenerator generator = JSON.getFactory().createGenerator(escapingBackslashes)) {
            JSON.writeValue(generator, node);
        } catch (IOException e) {
            throw new IllegalStateException("a read model document does not serialize", e);
        }
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

    private void microseconds(Instant instant) {
        Instant rounded = instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        room(IsoInstants.MAX_LENGTH);
        int written = IsoInstants.write(rounded, bytes, size);
        if (written < 0) {
            ascii(rounded.toString());
        } else {
            size += written;
        }
    }

    /** Only ASCII without COPY's special characters: digits, hex, times, UUIDs, escapes. */
    private void ascii(String value) {
        room(value.length());
        for (int i = 0; i < value.length(); i++) {
            bytes[size++] = (byte) value.charAt(i);
        }
    }

    /**
     * Text in UTF-8 with COPY's escapes, encoded here char by char (a StringBuilder and getBytes per
     * value were a good part of writing the payment view's 42 columns). A surrogate, paired or not,
     * takes the JDK's encoder, so the bytes are always what {@code getBytes(UTF_8)} gives.
     */
    private void escaped(String value) {
        room(value.length() * 3);
        int start = size;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> twoBytes(BACKSLASH, BACKSLASH);
                    case '\n' -> twoBytes(BACKSLASH, 'n');
                    case '\r' -> twoBytes(BACKSLASH, 'r');
                    case '\t' -> twoBytes(BACKSLASH, 't');
                    default -> bytes[size++] = (byte) c;
                }
            } else if (Character.isSurrogate(c)) {
                size = start;
                escapedByTheJdk(value);
                return;
            } else if (c < 0x800) {
                bytes[size++] = (byte) (0xc0 | (c >> 6));
                bytes[size++] = (byte) (0x80 | (c & 0x3f));
            } else {
                bytes[size++] = (byte) (0xe0 | (c >> 12));
                bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                bytes[size++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    private void twoBytes(int first, int second) {
        bytes[size++] = (byte) first;
        bytes[size++] = (byte) second;
    }

    private void escapedByTheJdk(String value) {
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

    /** Where the JSON generator writes: this buffer, each backslash doubled as COPY's text format wants. */
    private final class BackslashEscaping extends OutputStream {

        @Override
        public void write(int b) {
            if (b == BACKSLASH) {
                CopyRows.this.write(BACKSLASH);
            }
            CopyRows.this.write(b);
        }

        @Override
        public void write(byte[] from, int offset, int length) {
            room(length * 2);
            for (int i = offset; i < offset + length; i++) {
                byte b = from[i];
                if (b == BACKSLASH) {
                    bytes[size++] = BACKSLASH;
                }
                bytes[size++] = b;
            }
        }
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
