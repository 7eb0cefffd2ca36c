package org.socialledger.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Typed JDBC parameters for values that may be null: with the type given, the driver is never
 * asked to guess it (Spring would otherwise ask PostgreSQL for parameter metadata per null).
 * Times travel as {@code timestamptz} in UTC, independent of the JVM's time zone.
 */
public final class JdbcValues {

    private JdbcValues() {
    }

    public static SqlParameterValue timestamp(Instant instant) {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
                instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    public static SqlParameterValue uuid(UUID value) {
        return new SqlParameterValue(Types.OTHER, value);
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    public static UUID nullableUuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }
}
