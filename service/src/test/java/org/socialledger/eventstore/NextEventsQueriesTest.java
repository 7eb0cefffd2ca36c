package org.socialledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialledger.testing.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What an event processor reads after its token, through the engine as the service configures it,
 * in a schema of its own (the rows here are not payments, and the blocks of lost positions must
 * not reach the service's store).
 */
class NextEventsQueriesTest {

    private static final String SCHEMA = "next_events_test";

    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
            TestPostgres.instance().jdbcUrl().replace("currentSchema=" + TestPostgres.SCHEMA, "currentSchema=" + SCHEMA),
            TestPostgres.instance().user(), TestPostgres.instance().password());
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final JdbcEventStorageEngine engine = EventStoreConfiguration.readingNextEvents(
                    JdbcEventStorageEngine.builder())
            .connectionProvider(new DataSourceConnectionProvider(dataSource))
            .transactionManager(NoTransactionManager.INSTANCE)
            .eventSerializer(JacksonSerializer.defaultSerializer())
            .snapshotSerializer(JacksonSerializer.defaultSerializer())
            .schema(EventStoreConfiguration.events())
            .build();

    @BeforeEach
    void freshStore() {
        new JdbcTemplate(new DriverManagerDataSource(TestPostgres.instance().jdbcUrl(), TestPostgres.instance().user(),
                TestPostgres.instance().password())).execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE; CREATE SCHEMA "
                + SCHEMA);
        engine.createSchema(org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory.INSTANCE);
    }

    @Test
    void givenABlockOfLostPositionsLongerThanABatch_whenAProcessorReads_thenItFindsTheEventsBeyondIt() {
        TrackingToken start = engine.createHeadToken();
        String before = append(jdbc);
        loseNextPositions(EventStoreConfiguration.BATCH_SIZE * 3);
        String beyond = append(jdbc);
        String after = append(jdbc);

        List<TrackedEventMessage<?>> read = read(start);

        assertThat(read).extracting(TrackedEventMessage::getIdentifier).containsExactly(before, beyond, after);
    }

    @Test
    void givenAnEventCommittedAfterANewerOne_whenTheProcessorReadsAgain_thenItFindsItInTheTokensGap() throws SQLException {
        TrackingToken start = engine.createHeadToken();
        String late;
        String early;
        List<TrackedEventMessage<?>> first;
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            late = append(new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(slow, true)));
            early = append(jdbc);

            first = read(start);
            slow.commit();
        }

        assertThat(first).extracting(TrackedEventMessage::getIdentifier).containsExactly(early);
        GapAwareTrackingToken token = (GapAwareTrackingToken) first.get(0).trackingToken();
        assertThat(token.getGaps()).hasSize(1);
        assertThat(read(token)).extracting(TrackedEventMessage::getIdentifier).containsExactly(late);
    }

    @Test
    void givenNothingNewer_whenTheProcessorReads_thenTheReadIsEmpty() {
        append(jdbc);
        assertThat(read(engine.createHeadToken())).isEmpty();
    }

    private List<TrackedEventMessage<?>> read(TrackingToken after) {
        return engine.readEvents(after, false).<TrackedEventMessage<?>>map(message -> message).toList();
    }

    private void loseNextPositions(int count) {
        jdbc.queryForList("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))"
                + " FROM generate_series(1, ?)", Long.class, count);
    }

    /** Stored now: Axon forgets a gap once the newer event's time is a minute old (its gap timeout). */
    private static String append(JdbcTemplate to) {
        String id = UUID.randomUUID().toString();
        to.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_type, time_stamp) VALUES (?, 0, 'Test', ?, convert_to('{}', 'UTF8'),"
                        + " convert_to('\"x\"', 'UTF8'),"
                        + " 'java.lang.String', ?)", id, id, Instant.now().toString());
        return id;
    }
}
