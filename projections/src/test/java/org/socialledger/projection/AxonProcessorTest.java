package org.socialledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.postgresql.Driver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.event.PaymentEvent;
import org.socialledger.journal.JournalEntry;
import org.socialledger.journal.OperationsJournal;
import org.socialledger.projection.Scripts.Script;
import org.socialledger.support.PaymentView;
import org.socialledger.support.PaymentViewProjection;
import org.socialledger.testing.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The handlers under Axon itself: both read models share one pooled streaming processor (their
 * processing group), events reach it from an event store, and a token reset replays into emptied
 * tables.
 * (The service runs the same with the JDBC event and token stores.)
 */
class AxonProcessorTest {

    private Projections projections;
    private Configuration axon;

    @BeforeEach
    void startAxon() {
        projections = new Projections();
        // The processors' threads write concurrently: a connection per statement, not the tests' one.
        TestPostgres postgres = TestPostgres.instance();
        JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new Driver(), postgres.jdbcUrl(),
                postgres.user(), postgres.password()));
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .usingPooledStreamingEventProcessors()
                        .registerTokenStore(configuration -> new InMemoryTokenStore())
                        .registerEventHandler(configuration -> new OperationsJournal(jdbc))
                        .registerEventHandler(configuration -> new PaymentViewProjection(jdbc)))
                .start();
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
        projections.close();
    }

    @Test
    void bothReadModelsShareOnePooledProcessorThatRebuildsThemOnReset() {
        List<Script> scripts = Scripts.all(name -> PaymentStory.payment());
        publish(scripts);
        awaitFinalStates(scripts);
        String built = checksums(scripts);

        assertThat(axon.eventProcessingConfiguration().eventProcessors()).containsOnlyKeys(ReadModels.PROCESSING_GROUP);
        PooledStreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(ReadModels.PROCESSING_GROUP, PooledStreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitFinalStates(scripts);

        assertThat(checksums(scripts)).isEqualTo(built);
    }

    /** As the aggregate stores them: domain events, numbered per payment, so sequenced per payment. */
    private void publish(List<Script> scripts) {
        for (Script script : scripts) {
            long sequence = 0;
            for (PaymentEvent event : script.events()) {
                axon.eventStore().publish(new GenericDomainEventMessage<>("SocialPayment",
                        event.paymentId().toString(), sequence++, event));
            }
        }
    }

    private void awaitFinalStates(List<Script> scripts) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (Script script : scripts) {
                PaymentState state = projections.paymentQueries().find(script.story().paymentId)
                        .map(PaymentView::state).orElse(null);
                String status = projections.journalQueries().find(script.story().reserveOp)
                        .map(JournalEntry::status).orElse(null);
                assertThat(state).as(script.name()).isEqualTo(script.finalState());
                assertThat(status).as(script.name()).isEqualTo(script.finalState().name());
            }
        });
    }

    private String checksums(List<Script> scripts) {
        List<String> sums = new ArrayList<>();
        scripts.forEach(script -> sums.add(projections.checksum(script.story().paymentId)));
        return String.join(",", sums);
    }
}
