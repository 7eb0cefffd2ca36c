package org.socialledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socialledger.testing.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The saga store against Axon's own tables: what Axon's store would read back, in fewer statements. */
class OneStatementSagaStoreTest {

    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(TestPostgres.instance().jdbcUrl(),
            TestPostgres.instance().user(), TestPostgres.instance().password());
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final EventStoreConfiguration configuration = new EventStoreConfiguration();
    private final Serializer serializer = configuration.serializer();
    private final JdbcSagaStore axon = JdbcSagaStore.builder().dataSource(dataSource)
            .sqlSchema(configuration.sagaSqlSchema()).serializer(serializer).build();
    private final OneStatementSagaStore store = new OneStatementSagaStore(jdbc, serializer, axon);
    private final String sagaId = UUID.randomUUID().toString();
    private final AssociationValue payment = new AssociationValue("paymentId", UUID.randomUUID().toString());
    private final AssociationValue other = new AssociationValue("receiptId", UUID.randomUUID().toString());

    @AfterEach
    void forget() {
        store.deleteSaga(TestSaga.class, sagaId, Set.of());
    }

    @Test
    void givenAStoredSaga_whenAxonsStoreReadsIt_thenItSeesWhatWasInserted() {
        store.insertSaga(TestSaga.class, sagaId, new TestSaga("reserving"), Set.of(payment, other));

        assertThat(axon.findSagas(TestSaga.class, payment)).containsExactly(sagaId);
        SagaStore.Entry<TestSaga> entry = axon.loadSaga(TestSaga.class, sagaId);
        assertThat(entry.saga().step).isEqualTo("reserving");
        assertThat(entry.associationValues()).containsExactlyInAnyOrder(payment, other);
    }

    @Test
    void givenASagaStoredByAxon_whenFoundAndLoaded_thenTheSameSagaAndAssociations() {
        axon.insertSaga(TestSaga.class, sagaId, new TestSaga("debiting"), Set.of(payment, other));

        assertThat(store.findSagas(TestSaga.class, payment)).containsExactly(sagaId);
        SagaStore.Entry<TestSaga> entry = store.loadSaga(TestSaga.class, sagaId);
        assertThat(entry.saga().step).isEqualTo("debiting");
        assertThat(entry.associationValues()).containsExactlyInAnyOrder(payment, other);
        assertThat(store.findSagas(TestSaga.class, new AssociationValue("paymentId", "another"))).isEmpty();
        assertThat(store.loadSaga(TestSaga.class, "no-such-saga")).isNull();
    }

    @Test
    void givenAUnitOfWork_whenTheManagerFindsThenLoads_thenTheLoadTakesWhatTheFindRead() {
        store.insertSaga(TestSaga.class, sagaId, new TestSaga("reserving"), Set.of(payment));
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        try {
            assertThat(store.findSagas(TestSaga.class, payment)).containsExactly(sagaId);
            // Changed behind the store's back: a load that asked the table again would see it.
            jdbc.update("UPDATE saga_entry SET serialized_saga = NULL WHERE saga_id = ?", sagaId);

            assertThat(store.loadSaga(TestSaga.class, sagaId).saga().step).isEqualTo("reserving");
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void givenAPaymentsFirstEvent_whenSagasAreLookedFor_thenNoneIsReadForThatPayment() {
        // Cannot happen in the service (a saga is started by the payment's first event); stored here
        // so that a lookup that reached the table would find it.
        store.insertSaga(TestSaga.class, sagaId, new TestSaga("reserving"), Set.of(payment, other));
        DefaultUnitOfWork<?> first = DefaultUnitOfWork.startAndGet(new GenericDomainEventMessage<>("SocialPayment",
                payment.getValue(), 0, "requested"));
        try {
            assertThat(store.findSagas(TestSaga.class, payment)).isEmpty();
            assertThat(store.findSagas(TestSaga.class, other)).containsExactly(sagaId);
        } finally {
            first.rollback();
        }
        DefaultUnitOfWork<?> second = DefaultUnitOfWork.startAndGet(new GenericDomainEventMessage<>("SocialPayment",
                payment.getValue(), 1, "reserved"));
        try {
            assertThat(store.findSagas(TestSaga.class, payment)).containsExactly(sagaId);
        } finally {
            second.rollback();
        }
    }

    @Test
    void givenABatch_whenTheFirstLookupIsMade_thenTheSagasOfEveryPaymentOfTheBatchAreReadWithIt() {
        String secondSaga = UUID.randomUUID().toString();
        AssociationValue second = new AssociationValue("paymentId", UUID.randomUUID().toString());
        AssociationValue withoutSaga = new AssociationValue("paymentId", UUID.randomUUID().toString());
        AssociationValue outsideTheBatch = new AssociationValue("paymentId", UUID.randomUUID().toString());
        store.insertSaga(TestSaga.class, sagaId, new TestSaga("reserving"), Set.of(payment, other));
        store.insertSaga(TestSaga.class, secondSaga, new TestSaga("debiting"), Set.of(second));
        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(List.of(
                new GenericDomainEventMessage<>("SocialPayment", payment.getValue(), 1, "reserved"),
                new GenericDomainEventMessage<>("SocialPayment", second.getValue(), 3, "debited"),
                new GenericDomainEventMessage<>("SocialPayment", withoutSaga.getValue(), 2, "confirmed")));
        batch.start();
        try {
            assertThat(store.findSagas(TestSaga.class, payment)).containsExactly(sagaId);
            // Changed behind the store's back: a lookup that asked the table again would see it.
            jdbc.update("DELETE FROM association_value_entry WHERE saga_id = ?", secondSaga);
            store.insertSaga(TestSaga.class, "appeared-" + sagaId, new TestSaga("late"), Set.of(withoutSaga));

            assertThat(store.findSagas(TestSaga.class, second)).containsExactly(secondSaga);
            assertThat(store.loadSaga(TestSaga.class, secondSaga).saga().step).isEqualTo("debiting");
            assertThat(store.findSagas(TestSaga.class, withoutSaga)).as("read with the first lookup").isEmpty();
            assertThat(store.findSagas(TestSaga.class, other)).as("another key reads the table")
                    .containsExactly(sagaId);
            store.insertSaga(TestSaga.class, "outside-" + sagaId, new TestSaga("other"), Set.of(outsideTheBatch));
            assertThat(store.findSagas(TestSaga.class, outsideTheBatch)).as("not a payment of the batch: read now")
                    .containsExactly("outside-" + sagaId);
        } finally {
            batch.rollback();
            for (String id : List.of(secondSaga, "appeared-" + sagaId, "outside-" + sagaId)) {
                store.deleteSaga(TestSaga.class, id, Set.of());
            }
        }
    }

    @Test
    void givenAnUpdateAndADelete_thenTheTablesFollow() {
        store.insertSaga(TestSaga.class, sagaId, new TestSaga("reserving"), Set.of(payment));
        AssociationValuesImpl associations = new AssociationValuesImpl(Set.of(payment));
        associations.add(other);
        store.updateSaga(TestSaga.class, sagaId, new TestSaga("resting"), associations);

        assertThat(store.loadSaga(TestSaga.class, sagaId).saga().step).isEqualTo("resting");
        assertThat(store.findSagas(TestSaga.class, other)).containsExactly(sagaId);

        store.deleteSaga(TestSaga.class, sagaId, Set.of(payment, other));

        assertThat(store.loadSaga(TestSaga.class, sagaId)).isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM association_value_entry WHERE saga_id = ?", Integer.class,
                sagaId)).isZero();
    }

    /** A saga's stored state as Jackson writes it. */
    public static class TestSaga {
        public String step;

        public TestSaga() {
        }

        TestSaga(String step) {
            this.step = step;
        }
    }
}
