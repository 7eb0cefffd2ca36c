package org.socialledger.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;

/**
 * Reads the event store for a rebuild with plain JDBC, each payload deserialized straight into its
 * api record with the store's own object mapper: Axon's engine wraps every event in lazily
 * deserialized, upcastable representations and reads its metadata, which a rebuild does not need
 * (the projections' handlers take the payload only) and which cost more than the writing.
 *
 * <p>The tokens are Axon's own {@link GapAwareTrackingToken}, advanced index by index exactly as
 * its JDBC engine advances them (first index from 1, gaps kept up to {@link #MAX_GAP_OFFSET}
 * behind), and the gaps of the position are read again on every page: an event committed late
 * into a gap is still fed, and the token handed to the processors says what was seen. The store
 * has no upcasters; an event stored with a revision is refused rather than read differently.
 *
 * <p>Rows are read and tokens advanced on the calling thread, in index order; the payloads are
 * then deserialized by {@link PayloadDecoders}, which keeps that order.
 */
final class StoredEvents {

    /** Axon's default for the JDBC engine: gaps further behind than this are given up. */
    static final int MAX_GAP_OFFSET = 10_000;
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number,"
            + " type, time_stamp, payload_type, payload_revision, payload";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    /**
     * The payload types met so far and their readers: a dozen at most, compared with equals (each
     * row's type is a new string, and hashing it for a map was ~2.5 % of a replay's CPU). Replaced
     * whole, never changed, so the decoders share it without locks; ObjectReader is thread-safe.
     */
    private volatile Reader[] readers = new Reader[0];

    StoredEvents(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    private record Reader(String payloadType, ObjectReader reader) {
    }

    /** A row as stored, with the token that says it was seen; its payload not yet deserialized. */
    private record Stored(TrackingToken token, String identifier, String aggregate, long sequence, String type,
                          String timestamp, String payloadType, byte[] payload) {
    }

    /**
     * The events in the gaps of {@code position}, then up to {@code limit} after it, in index order,
     * their payloads deserialized by {@code decoders}.
     */
    List<TrackedEventMessage<?>> after(TrackingToken position, int limit, PayloadDecoders decoders)
            throws SQLException {
        return decoders.decode(rowsAfter(position, limit), this::message);
    }

    private List<Stored> rowsAfter(TrackingToken position, int limit) throws SQLException {
        GapAwareTrackingToken token = (GapAwareTrackingToken) position;
        long index = token == null ? LOWEST_GLOBAL_SEQUENCE - 1 : token.getIndex();
        List<Stored> events = new ArrayList<>(limit);
        try (Connection connection = dataSource.getConnection()) {
            if (token != null && !token.getGaps().isEmpty()) {
                try (PreparedStatement gaps = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM domain_event_entry WHERE global_index = ANY (?) ORDER BY global_index")) {
                    Array indexes = connection.createArrayOf("bigint", token.getGaps().toArray());
                    gaps.setArray(1, indexes);
                    token = read(gaps, token, events);
                }
            }
            try (PreparedStatement page = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?")) {
                page.setLong(1, index);
                page.setInt(2, limit);
                read(page, token, events);
            }
        }
        return events;
    }

    private GapAwareTrackingToken read(PreparedStatement query, GapAwareTrackingToken token,
                                       List<Stored> events) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                long index = row.getLong(1);
                token = token == null
                        ? GapAwareTrackingToken.newInstance(index,
                                LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, index), index).boxed().toList())
                        : token.advanceTo(index, MAX_GAP_OFFSET);
                events.add(stored(row, token));
            }
        }
        return token;
    }

    private static Stored stored(ResultSet row, TrackingToken token) throws SQLException {
        String identifier = row.getString(2);
        if (row.getString(8) != null) {
            throw new IllegalStateException("event " + identifier + " is stored with revision " + row.getString(8)
                    + ": the replay reads payloads as they are, without upcasters");
        }
        return new Stored(token, identifier, row.getString(3), row.getLong(4), row.getString(5), row.getString(6),
                row.getString(7), row.getBytes(9));
    }

    /** Runs on a decoder thread: uses nothing but the row and the thread-safe readers. */
    private TrackedEventMessage<?> message(Stored row) {
        Object payload;
        try {
            payload = reader(row.payloadType()).readValue(row.payload());
        } catch (IOException e) {
            throw new UncheckedIOException("event " + row.identifier() + " (" + row.payloadType()
                    + ") does not deserialize", e);
        }
        String timestamp = row.timestamp();
        return new GenericTrackedDomainEventMessage<>(row.token(), row.type(), row.aggregate(), row.sequence(),
                new GenericMessage<>(row.identifier(), payload, MetaData.emptyInstance()),
                () -> DateTimeUtils.parseInstant(timestamp));
    }

    private ObjectReader reader(String payloadType) {
        for (Reader known : readers) {
            if (known.payloadType().equals(payloadType)) {
                return known.reader();
            }
        }
        return added(payloadType);
    }

    private synchronized ObjectReader added(String payloadType) {
        for (Reader known : readers) {
            if (known.payloadType().equals(payloadType)) {
                return known.reader(); // another decoder added it meanwhile
            }
        }
        ObjectReader reader;
        try {
            reader = mapper.readerFor(Class.forName(payloadType, false, StoredEvents.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("stored payload type " + payloadType + " is not on the class path", e);
        }
        Reader[] more = Arrays.copyOf(readers, readers.length + 1);
        more[readers.length] = new Reader(payloadType, reader);
        readers = more;
        return reader;
    }
}
