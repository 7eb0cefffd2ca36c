package org.socialledger.eventstore;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's JDBC saga store on the same tables (V1: {@code saga_entry}, {@code association_value_entry}),
 * with one statement where Axon's issues two or three.
 *
 * <p>For every event the saga manager asks which sagas an association value belongs to, then loads
 * each saga, then its associations: three statements, about ten of a payment's sixty. Here finding
 * the sagas reads them whole, with their associations, in one join; the entries wait in the unit
 * of work until the manager loads them, so the load costs nothing. Loading by id (a deadline) is
 * one statement too; creating a saga with its associations, and deleting both, one each. Updating
 * is Axon's own (one statement unless the associations change).
 *
 * <p>An entry read ahead is only used by the unit of work that read it, within its transaction,
 * exactly as the separate load would have been; Axon keeps a loaded saga for the rest of the batch,
 * so a second event of the batch never sees an older entry.
 *
 * <p>In a processor's batch, the first lookup reads the sagas of every payment with an event in the
 * batch, in one statement, and the batch's later lookups are answered from it: one statement per
 * batch where there was one per event. Equivalent, because nothing in the batch writes the saga
 * tables before it commits (Axon stores the sagas it created, changed or ended when the batch
 * commits, and until then answers from the ones it holds), and the saga processor's segment is
 * claimed by one instance at a time. A lookup that the read ahead did not cover (another key, a
 * value that is not a payment of the batch) reads the table as before.
 *
 * <p>For a payment's first event nothing is read: the manager asks for sagas associated with the
 * payment's id before starting one, and there can be none. In this service a saga is associated only
 * with the id of the payment whose events it handles, and a saga processor handles a payment's first
 * event before any other of its events (a failed batch rolls back whatever it started). One
 * statement less per payment, one that always came back empty.
 */
final class OneStatementSagaStore implements SagaStore<Object> {

    private static final String READ_AHEAD = "ledger.sagasReadAhead";
    private static final String BATCH_LOOKUPS = "ledger.sagaLookupsOfTheBatch";
    private static final String SAGAS = """
            SELECT s.saga_id, s.saga_type, s.revision, s.serialized_saga, v.keys, v.vals
            FROM %s
            CROSS JOIN LATERAL (
                SELECT array_agg(x.association_key ORDER BY x.id) AS keys,
                       array_agg(x.association_value ORDER BY x.id) AS vals
                FROM association_value_entry x WHERE x.saga_id = s.saga_id AND x.saga_type = ?) v
            WHERE %s""";
    private static final String FIND = SAGAS.formatted(
            "association_value_entry a JOIN saga_entry s ON s.saga_id = a.saga_id",
            "a.saga_type = ? AND a.association_key = ? AND a.association_value = ?");
    /**
     * Looked up value by value: the lateral subquery, kept apart by {@code OFFSET 0}, is planned
     * as an index lookup each. Without the fence, on a table that churns (every payment inserts and
     * deletes its saga) and whose statistics say it is small, the planner read it whole and
     * hash-joined the values, slower than the lookups it replaced.
     */
    private static final String FIND_MANY = SAGAS.formatted("""
            unnest(?::varchar[]) AS w(value)
            CROSS JOIN LATERAL (SELECT a.saga_id FROM association_value_entry a
                WHERE a.saga_type = ? AND a.association_key = ? AND a.association_value = w.value OFFSET 0) a
            JOIN saga_entry s ON s.saga_id = a.saga_id""", "TRUE").replace(
            "SELECT s.saga_id,", "SELECT w.value AS found_by, s.saga_id,");
    private static final String LOAD = SAGAS.formatted("saga_entry s", "s.saga_id = ?");
    private static final String INSERT = """
            WITH saga AS (
                INSERT INTO saga_entry (saga_id, revision, saga_type, serialized_saga) VALUES (?, ?, ?, ?))
            INSERT INTO association_value_entry (association_key, association_value, saga_type, saga_id)
            SELECT k, v, ?, ? FROM unnest(?::varchar[], ?::varchar[]) AS t(k, v)""";
    private static final String DELETE = """
            WITH associations AS (DELETE FROM association_value_entry WHERE saga_id = ?)
            DELETE FROM saga_entry WHERE saga_id = ?""";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final JdbcSagaStore axon;

    OneStatementSagaStore(JdbcTemplate jdbc, Serializer serializer, JdbcSagaStore axon) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.axon = axon;
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        if (handlingFirstEventOf(associationValue)) {
            return Set.of();
        }
        String type = typeName(sagaType);
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch) {
            return findInBatch(batch, type, associationValue);
        }
        Map<String, Entry<Object>> found = new LinkedHashMap<>();
        jdbc.query(FIND, rs -> {
            found.put(rs.getString("saga_id"), entry(rs));
        }, type, type, associationValue.getKey(), associationValue.getValue());
        if (CurrentUnitOfWork.isStarted() && !found.isEmpty()) {
            readAhead(CurrentUnitOfWork.get().root()).putAll(found);
        }
        return found.keySet();
    }

    /**
     * The sagas found by {@code associationValue}, read together with those of every other payment
     * in the batch the first time the batch asks for this key.
     */
    private Set<String> findInBatch(BatchingUnitOfWork<?> batch, String type, AssociationValue associationValue) {
        Map<AssociationValue, Set<String>> answers = batch.getOrComputeResource(BATCH_LOOKUPS, key -> new HashMap<>());
        Set<String> known = answers.get(associationValue);
        if (known != null) {
            return known;
        }
        Set<String> values = new LinkedHashSet<>();
        values.add(associationValue.getValue());
        for (Message<?> message : batch.getMessages()) {
            if (message instanceof DomainEventMessage<?> event && event.getSequenceNumber() > 0
                    && !answers.containsKey(new AssociationValue(associationValue.getKey(), event.getAggregateIdentifier()))) {
                values.add(event.getAggregateIdentifier());
            }
        }
        Map<String, Entry<Object>> found = new HashMap<>();
        for (String value : values) {
            answers.put(new AssociationValue(associationValue.getKey(), value), new LinkedHashSet<>());
        }
        jdbc.query(connection -> {
            PreparedStatement find = connection.prepareStatement(FIND_MANY);
            find.setArray(1, connection.createArrayOf("varchar", values.toArray()));
            find.setString(2, type);
            find.setString(3, associationValue.getKey());
            find.setString(4, type);
            return find;
        }, (ResultSet rs) -> {
            String sagaId = rs.getString("saga_id");
            answers.get(new AssociationValue(associationValue.getKey(), rs.getString("found_by"))).add(sagaId);
            found.put(sagaId, entry(rs));
        });
        readAhead(batch).putAll(found);
        return answers.get(associationValue);
    }

    private static Map<String, Entry<?>> readAhead(UnitOfWork<?> root) {
        return root.getOrComputeResource(READ_AHEAD, key -> new HashMap<String, Entry<?>>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, Entry<?>> readAhead = CurrentUnitOfWork.get().root().getResource(READ_AHEAD);
            Entry<?> entry = readAhead == null ? null : readAhead.remove(sagaIdentifier);
            if (entry != null) {
                return (Entry<S>) entry;
            }
        }
        List<Entry<Object>> loaded = jdbc.query(LOAD, (rs, row) -> entry(rs), typeName(sagaType), sagaIdentifier);
        return loaded.isEmpty() ? null : (Entry<S>) loaded.get(0);
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           Set<AssociationValue> associationValues) {
        SerializedObject<byte[]> serialized = serializer.serialize(saga, byte[].class);
        String[] keys = associationValues.stream().map(AssociationValue::getKey).toArray(String[]::new);
        String[] values = associationValues.stream().map(AssociationValue::getValue).toArray(String[]::new);
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(INSERT);
            insert.setString(1, sagaIdentifier);
            insert.setString(2, serialized.getType().getRevision());
            insert.setString(3, serialized.getType().getName());
            insert.setBytes(4, serialized.getData());
            insert.setString(5, typeName(sagaType));
            insert.setString(6, sagaIdentifier);
            insert.setArray(7, connection.createArrayOf("varchar", keys));
            insert.setArray(8, connection.createArrayOf("varchar", values));
            return insert;
        });
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga, AssociationValues associationValues) {
        axon.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        jdbc.update(DELETE, sagaIdentifier, sagaIdentifier);
    }

    private Entry<Object> entry(ResultSet rs) throws SQLException {
        Object saga = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("serialized_saga"), byte[].class,
                rs.getString("saga_type"), rs.getString("revision")));
        Set<AssociationValue> associations = new LinkedHashSet<>();
        Array keys = rs.getArray("keys");
        Array values = rs.getArray("vals");
        if (keys != null && values != null) {
            String[] k = (String[]) keys.getArray();
            String[] v = (String[]) values.getArray();
            for (int i = 0; i < k.length; i++) {
                associations.add(new AssociationValue(k[i], v[i]));
            }
        }
        return new Entry<>() {
            @Override
            public Set<AssociationValue> associationValues() {
                return associations;
            }

            @Override
            public Object saga() {
                return saga;
            }
        };
    }

    private static boolean handlingFirstEventOf(AssociationValue associationValue) {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage() instanceof DomainEventMessage<?> event
                && event.getSequenceNumber() == 0
                && associationValue.getValue().equals(event.getAggregateIdentifier());
    }

    private String typeName(Class<?> sagaType) {
        return serializer.typeForClass(sagaType).getName();
    }
}
