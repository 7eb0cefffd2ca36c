package org.socialledger.projection;

import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.event.PaymentEvent;
import org.socialledger.journal.JournalQueries;
import org.socialledger.journal.OperationsJournal;
import org.socialledger.support.PaymentQueries;
import org.socialledger.support.PaymentViewProjection;
import org.socialledger.testing.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Both read models over this JVM's migrated PostgreSQL, fed as Axon feeds them: each event
 * through the handlers' annotations ({@link AnnotationEventHandlerAdapter}), a replay through
 * their {@code @ResetHandler}. One connection in auto-commit: each statement commits, as it would
 * in its own unit of work.
 */
public final class Projections implements AutoCloseable {

    private final SingleConnectionDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final AnnotationEventHandlerAdapter journal;
    private final AnnotationEventHandlerAdapter paymentView;
    private final JournalQueries journalQueries;
    private final PaymentQueries paymentQueries;

    public Projections() {
        TestPostgres postgres = TestPostgres.instance();
        dataSource = new SingleConnectionDataSource(postgres.jdbcUrl(), postgres.user(), postgres.password(), true);
        jdbc = new JdbcTemplate(dataSource);
        journal = new AnnotationEventHandlerAdapter(new OperationsJournal(jdbc));
        paymentView = new AnnotationEventHandlerAdapter(new PaymentViewProjection(jdbc));
        journalQueries = new JournalQueries(jdbc);
        paymentQueries = new PaymentQueries(jdbc);
    }

    public void handle(PaymentEvent event) {
        try {
            journal.handle(GenericEventMessage.asEventMessage(event));
            paymentView.handle(GenericEventMessage.asEventMessage(event));
        } catch (Exception e) {
            throw new IllegalStateException("handling " + event, e);
        }
    }

    /** One event message as a processor hands it on (its identifier is kept: a retried batch has the same). */
    public void handle(EventMessage<?> message) {
        try {
            journal.handle(message);
            paymentView.handle(message);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("handling " + message.getPayload(), e);
        }
    }

    public void handleAll(List<? extends PaymentEvent> events) {
        events.forEach(this::handle);
    }

    /** What a token reset does before the replay: every read model starts empty. */
    public void reset() {
        journal.prepareReset();
        paymentView.prepareReset();
    }

    /** A digest of both tables, every column of every row, in key order. */
    public String checksum() {
        return jdbc.queryForObject("""
                SELECT (SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY o.id), ''))
                        FROM soc_processing_operations o)
                    || '/' ||
                       (SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY v.payment_id), '')) FROM payment_view v)
                """, String.class);
    }

    /** The same digest over one payment's rows only. */
    public String checksum(PaymentId paymentId) {
        return jdbc.queryForObject("""
                SELECT (SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY o.id), ''))
                        FROM soc_processing_operations o WHERE o.data ->> 'paymentId' = ?)
                    || '/' ||
                       (SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY v.payment_id), ''))
                        FROM payment_view v WHERE v.payment_id = ?)
                """, String.class, paymentId.toString(), paymentId.value());
    }

    public long rows(String table) {
        // table names come from the tests themselves, never from input
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
        return count == null ? 0 : count;
    }

    public SingleConnectionDataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public JournalQueries journalQueries() {
        return journalQueries;
    }

    public PaymentQueries paymentQueries() {
        return paymentQueries;
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
