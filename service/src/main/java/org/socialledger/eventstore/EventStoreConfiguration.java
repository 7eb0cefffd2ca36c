package org.socialledger.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.socialledger.api.json.PublishedLanguageModule;
import org.socialledger.api.payment.Cause;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Events per query when reading the table (Axon's default). */
    static final int BATCH_SIZE = 100;

    /**
     * Runs of a command whose payment had newer events than it knew: two instances racing on one
     * payment lose a run each at most, so a third failure is something else and is reported.
     */
    static final int STALE_HISTORY_ATTEMPTS = 3;

    @Bean
    EventSchema eventSchema() {
        return events();
    }

    /** The event table's names (V1__axon_event_store.sql); also used by the auditors' command line. */
    public static EventSchema events() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return tokens();
    }

    /** The token table's names (V1__axon_event_store.sql). */
    public static TokenSchema tokens() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    /** Axon's JDBC saga store on the same tables, in fewer statements ({@link OneStatementSagaStore}). */
    @Bean
    SagaStore<Object> sagaStore(JdbcTemplate jdbc, Serializer serializer, ConnectionProvider connectionProvider,
                                SagaSqlSchema sagaSqlSchema) {
        return new OneStatementSagaStore(jdbc, serializer, JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(sagaSqlSchema)
                .serializer(serializer)
                .build());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * One JSON mapper for everything Axon stores: ISO-8601 times, money and ids as bare values,
     * unknown properties ignored so an older reader survives a newer field. Times in the store's
     * own form are read without {@code DateTimeFormatter} ({@link IsoInstantDeserializer}), the
     * same instants: its general parser was 2 % of the service's CPU at full load, 13 % of a replay's.
     */
    public static ObjectMapper storageObjectMapper() {
        return jacksonObjectMapper().registerModule(IsoInstantDeserializer.module());
    }

    /** The storage mapper with Jackson's own time parsing, which {@link IsoInstantDeserializer} is held to. */
    static ObjectMapper jacksonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new PublishedLanguageModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).defaultTyping().build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).build();
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it (which steps back once an event store
     * is defined), reading the events after a token as {@link NextEventsQueries} says, and
     * knowing PostgreSQL's duplicate keys ({@link UniqueViolations}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          DataSource dataSource, TransactionManager transactionManager,
                                          EventSchema eventSchema, org.axonframework.config.Configuration axon) {
        ConnectionProvider connectionProvider = new UnitOfWorkAwareConnectionProviderWrapper(
                new SpringDataSourceConnectionProvider(dataSource));
        return readingNextEvents(JdbcEventStorageEngine.builder())
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(new UniqueViolations())
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(new ReadsWithoutTransaction(transactionManager))
                .schema(eventSchema)
                // A payment's sequence numbers have no gaps (unique per payment, each command appends
                // after the last it read), so a batch shorter than asked for is the last one: Axon's JDBC
                // default asks again until a batch comes back empty, one more query per read.
                .finalAggregateBatchPredicate(batch -> batch.size() < BATCH_SIZE)
                .build();
    }

    /** How processors read the events after their token ({@link NextEventsQueries}), in batches of {@value #BATCH_SIZE}. */
    static JdbcEventStorageEngine.Builder readingNextEvents(JdbcEventStorageEngine.Builder builder) {
        return builder.batchSize(BATCH_SIZE)
                .readEventDataWithoutGaps(NextEventsQueries::withoutGaps)
                .readEventDataWithGaps(NextEventsQueries::withGaps)
                .extendedGapCheckEnabled(false);
    }

    /**
     * Axon's default event store, with a shorter pause between polls of the table: event
     * processors (saga, till replies) are woken on local commits, but a commit of another instance,
     * or one that raced the wake-up, is otherwise seen only after a full second.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon,
                                  @Value("${ledger.event-store.fetch-delay:PT0.05S}") Duration fetchDelay,
                                  @Value("${ledger.event-store.remembered-payments:5000}") int rememberedPayments) {
        return new HashRememberingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis()), rememberedPayments);
    }

    /**
     * Axon's gateway as its auto-configuration builds it (which steps back once one is defined),
     * running a command again when it met newer events of its payment than it knew
     * ({@link StaleHistoryRetry}): at most {@value #STALE_HISTORY_ATTEMPTS} runs in all.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new StaleHistoryRetry(STALE_HISTORY_ATTEMPTS))
                .build();
    }

    /** Registered on the bus inside its transaction, like the till's request recorder. */
    @Bean
    Registration rememberedLoads(CommandBus commandBus, EmbeddedEventStore eventStore) {
        return commandBus.registerHandlerInterceptor(new RememberedLoads((HashRememberingEventStore) eventStore));
    }

    /** Copies the cause of a command (till message, saga, deadline) onto every event it applies. */
    @Bean
    CorrelationDataProvider causeCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(Cause.KIND, Cause.TILL_MESSAGE_ID, Cause.TILL_CORRELATION_ID,
                Cause.DETAIL);
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }
}
