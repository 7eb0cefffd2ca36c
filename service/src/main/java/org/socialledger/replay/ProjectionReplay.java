package org.socialledger.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialledger.projection.ProjectionBatch;
import org.socialledger.projection.ReadModels;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds a new generation of the read models and switches to it, while tills and queries go on.
 *
 * <ol>
 * <li>The projection tables are created empty in the shadow schema {@code <schema>_rebuild} from the
 *     same migration that created the live ones (secondary indexes only at the end: loading is faster
 *     without them).</li>
 * <li>Every stored event is read in order from the event store ({@link StoredEvents}: plain JDBC,
 *     with Axon's gap-aware token that says exactly which events were seen; the payloads
 *     deserialized on a few threads, {@link PayloadDecoders}, in order) and fed to the
 *     projections ({@link ProjectionBatch}: payments that start in a chunk are folded in memory and
 *     copied, the others go through the handlers); each chunk is shared by payment between two
 *     connections that write side by side ({@link Writers}) while the next chunk is read. Passes
 *     repeat until the shadow is only a little behind the head.</li>
 * <li>The live read models' processor is paused, the shadow catches up to the head,
 *     and one transaction moves the live tables to {@code <schema>_previous}, the shadow tables in
 *     their place, clears the group's dead letters (their events are in the new tables now) and
 *     sets every segment's token to the token the rebuild reached. The processors resume from there:
 *     an event the rebuild saw is not applied again, one it did not see (later, or in a gap of the
 *     token) is applied by the processors.</li>
 * </ol>
 *
 * Only the two read models are involved: the saga and the till replies (which act on the world) are
 * neither paused nor replayed. Within one service instance; with several, stop the others first.
 */
public class ProjectionReplay implements DisposableBean {

    public static final List<String> PROCESSING_GROUPS = List.of(ReadModels.PROCESSING_GROUP);
    static final List<String> TABLES = List.of("soc_processing_operations", "payment_view");
    static final String TABLES_DDL = "db/migration/V6__projections.sql";
    /**
     * Events per transaction: most payments start and end within one chunk (their rows are then
     * folded in memory and copied once). Measured: 20,000 kept two chunks alive long enough to be
     * promoted, and the collector's pauses (10 s per million events) cost more than the boundaries.
     */
    static final int CHUNK = 10_000;
    /** Fewer new events than this are caught up with the processors paused (a fraction of a second). */
    private static final long SWITCH_WHEN_BEHIND = 5_000;
    /** Connections writing the shadow side by side (the database does most of the work). */
    private static final int WRITERS = 2;

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplay.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StoredEvents events;
    private final TokenStore tokens;
    private final ProcessorControl processors;
    private final ReplayGate gate;
    private final Clock clock;
    private final int decoderThreads;
    private final AtomicReference<ReplayProgress> progress = new AtomicReference<>(ReplayProgress.idle());
    private volatile boolean closing;
    private volatile Thread worker;

    ProjectionReplay(DataSource dataSource, TransactionTemplate transactions, StoredEvents events,
                     TokenStore tokens, ProcessorControl processors, ReplayGate gate, Clock clock,
                     int decoderThreads) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = transactions;
        this.events = events;
        this.tokens = tokens;
        this.processors = processors;
        this.gate = gate;
        this.clock = clock;
        this.decoderThreads = decoderThreads;
    }

    public ReplayProgress progress() {
        return progress.get();
    }

    /** Starts a replay in the background; its progress is {@link #progress()}. */
    public synchronized ReplayProgress start() {
        begin();
        Thread thread = new Thread(this::runToEnd, "projection-replay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
        return progress.get();
    }

    /** Runs a replay in the calling thread to its end (the command line's way). */
    public synchronized ReplayProgress run() {
        begin();
        runToEnd();
        return progress.get();
    }

    private void begin() {
        ReplayProgress now = progress.get();
        if (now.running()) {
            throw new ReplayAlreadyRunningException(now);
        }
        progress.set(new ReplayProgress(ReplayProgress.State.BUILDING, 0, 0, 0, null, -1, clock.instant(), null, null));
    }

    private void runToEnd() {
        try {
            replay();
        } catch (Exception e) {
            log.error("projection replay failed; the live read models are unchanged", e);
            ReplayProgress now = progress.get();
            progress.set(new ReplayProgress(ReplayProgress.State.FAILED, now.done(), now.total(), now.eventsPerSecond(),
                    null, now.position(), now.startedAt(), clock.instant(), String.valueOf(e.getMessage())));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void replay() throws SQLException, InterruptedException {
        String live = jdbc.queryForObject("SELECT current_schema()", String.class);
        String shadow = live + "_rebuild";
        String previous = live + "_previous";
        Feed feed = new Feed();
        try (Writers writers = new Writers(); PayloadDecoders decoders = new PayloadDecoders(decoderThreads)) {
            JdbcTemplate shadowJdbc = writers.first();
            List<String> indexes = createTables(shadowJdbc, shadow);
            // Logged tables from the start (measured: UNLOGGED while loading, then SET LOGGED, took
            // as long and more of the database's CPU, and its rewrite ran alone at the end).
            writers.useShadow(shadow);
            do {
                feed.pass(writers, decoders);
            } while (feed.behind() > SWITCH_WHEN_BEHIND);
            long loaded = clock.millis();
            writers.createIndexes(indexes);
            log.info("projection replay: {} events loaded in {} ms, secondary indexes {} ms", feed.done,
                    loaded - progress.get().startedAt().toEpochMilli(), clock.millis() - loaded);
            gate.beforeSwitch(progress.get());
            feed.publish(ReplayProgress.State.SWITCHING);
            processors.stop(PROCESSING_GROUPS);
            try {
                feed.pass(writers, decoders);
                TrackingToken reached = feed.position;
                transactions.executeWithoutResult(status -> switchGenerations(live, shadow, previous, reached));
            } finally {
                processors.start(PROCESSING_GROUPS);
            }
        }
        jdbc.execute("DROP SCHEMA IF EXISTS " + quoted(shadow) + " CASCADE");
        ReplayProgress now = feed.publish(ReplayProgress.State.DONE);
        progress.set(new ReplayProgress(now.state(), now.done(), now.done(), now.eventsPerSecond(), 0L, now.position(),
                now.startedAt(), clock.instant(), null));
        log.info("projection replay done: {} events at {} events/s", now.done(), now.eventsPerSecond());
    }

    /**
     * The connections that write the shadow, each with its own transaction and its share of the
     * payments (by hash, as a processor's segments share them): different payments touch different
     * rows, so they write side by side without waiting for each other. A chunk counts as fed once
     * every writer committed its share.
     */
    private final class Writers implements AutoCloseable {
        private final List<Connection> connections = new ArrayList<>();
        private final List<String> searchPaths = new ArrayList<>();
        private final List<ProjectionBatch> batches = new ArrayList<>();
        private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS, runnable -> {
            Thread thread = new Thread(runnable, "projection-replay-writer");
            thread.setDaemon(true);
            return thread;
        });

        Writers() throws SQLException {
            try {
                for (int i = 0; i < WRITERS; i++) {
                    Connection connection = dataSource.getConnection();
                    connections.add(connection);
                    searchPaths.add(jdbc(connection).queryForObject("SHOW search_path", String.class));
                    connection.setAutoCommit(false);
                    batches.add(ProjectionBatch.allReadModels(jdbc(connection)));
                }
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }

        JdbcTemplate first() {
            return jdbc(connections.get(0));
        }

        /** Only the shadow: an unqualified name in the handlers' SQL must never reach a live table. */
        void useShadow(String shadow) throws SQLException {
            for (Connection connection : connections) {
                jdbc(connection).execute("SET search_path TO " + quoted(shadow));
                // The shadow is not the record until the switch: a crash starts the next replay afresh.
                jdbc(connection).execute("SET synchronous_commit TO off");
                // The secondary indexes are sorted in memory (the default 64 MB spills to disk).
                jdbc(connection).execute("SET maintenance_work_mem TO '256MB'");
                connection.commit();
            }
        }

        /** Builds {@code indexes} shared between the connections, each committing its share. */
        void createIndexes(List<String> indexes) throws SQLException {
            List<Future<?>> built = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                built.add(threads.submit(() -> {
                    for (int index = writer; index < indexes.size(); index += WRITERS) {
                        jdbc(connections.get(writer)).execute(indexes.get(index));
                    }
                    connections.get(writer).commit();
                    return null;
                }));
            }
            new Written(built, 0, null).await();
        }

        /** Starts writing {@code chunk}'s shares; {@link Written#await()} waits until all are committed. */
        Written submit(List<TrackedEventMessage<?>> chunk) {
            List<List<TrackedEventMessage<?>>> shares = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                shares.add(new ArrayList<>());
            }
            for (TrackedEventMessage<?> event : chunk) {
                shares.get(Math.floorMod(ProjectionBatch.sequenceKey(event).hashCode(), WRITERS)).add(event);
            }
            List<Future<?>> written = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                written.add(threads.submit(() -> {
                    batches.get(writer).apply(shares.get(writer));
                    connections.get(writer).commit();
                    return null;
                }));
            }
            return new Written(written, chunk.size(), chunk.get(chunk.size() - 1).trackingToken());
        }

        @Override
        public void close() throws SQLException {
            threads.shutdownNow();
            SQLException failure = null;
            for (int i = 0; i < connections.size(); i++) {
                Connection connection = connections.get(i);
                try (connection) {
                    connection.rollback();
                    jdbc(connection).queryForObject("SELECT set_config('search_path', ?, false)", String.class,
                            searchPaths.get(i));
                    jdbc(connection).execute("RESET synchronous_commit");
                    jdbc(connection).execute("RESET maintenance_work_mem");
                    connection.commit();
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** A chunk being written: its writers' shares, its size and the token of its last event. */
    private record Written(List<Future<?>> shares, int events, TrackingToken position) {

        void await() throws SQLException {
            for (Future<?> share : shares) {
                try {
                    share.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing the shadow", e);
                } catch (ExecutionException e) {
                    // A share that committed stays in the shadow; the replay fails and the next one starts afresh.
                    if (e.getCause() instanceof SQLException sql) {
                        throw sql;
                    }
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }

    /** Empty projection tables in {@code shadow}; returns the secondary indexes, to create once loaded. */
    private static List<String> createTables(JdbcTemplate shadowJdbc, String shadow) {
        shadowJdbc.execute("DROP SCHEMA IF EXISTS " + quoted(shadow) + " CASCADE");
        shadowJdbc.execute("CREATE SCHEMA " + quoted(shadow));
        // Only the shadow: an unqualified name in the handlers' SQL must never reach a live table.
        shadowJdbc.execute("SET search_path TO " + quoted(shadow));
        List<String> deferred = new ArrayList<>();
        for (String statement : statements(ddl())) {
            // Unique indexes stay: the journal's handlers rely on them (ON CONFLICT, one row per payment).
            if (statement.strip().toUpperCase(Locale.ROOT).startsWith("CREATE INDEX")) {
                deferred.add(statement);
            } else {
                shadowJdbc.execute(statement);
            }
        }
        return deferred;
    }

    private void switchGenerations(String live, String shadow, String previous, TrackingToken reached) {
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + quoted(previous));
        for (String table : TABLES) {
            jdbc.execute("DROP TABLE IF EXISTS " + quoted(previous) + "." + table);
            jdbc.execute("ALTER TABLE " + quoted(live) + "." + table + " SET SCHEMA " + quoted(previous));
            jdbc.execute("ALTER TABLE " + quoted(shadow) + "." + table + " SET SCHEMA " + quoted(live));
        }
        for (String group : PROCESSING_GROUPS) {
            jdbc.update("DELETE FROM " + quoted(live) + ".dead_letter_entry WHERE processing_group = ?", group);
            int[] segments = tokens.fetchSegments(group);
            if (segments.length == 0) {
                // The processor never ran here: one segment, which it splits as configured.
                tokens.initializeTokenSegments(group, 1, reached);
            }
            for (int segment : segments) {
                // Claim first: storeToken refreshes the entry's time before it checks the claim, so
                // it never takes over the stale claim of an instance that died (kill -9); fetchToken does,
                // once that claim has timed out, and still refuses a live instance's.
                tokens.fetchToken(group, segment);
                tokens.storeToken(reached, group, segment);
                tokens.releaseClaim(group, segment);
            }
        }
    }

    /** The migration's statements: whole-line comments dropped, split at each ';' outside a string. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        boolean inString = false;
        for (String line : script.lines().filter(line -> !line.strip().startsWith("--")).toList()) {
            for (char c : line.toCharArray()) {
                if (c == '\'') {
                    inString = !inString; // a doubled quote flips twice: still inside
                }
                if (c == ';' && !inString) {
                    statements.add(statement.toString().strip());
                    statement.setLength(0);
                } else {
                    statement.append(c);
                }
            }
            statement.append('\n');
        }
        if (!statement.toString().isBlank()) {
            statements.add(statement.toString().strip());
        }
        return statements;
    }

    private static String ddl() {
        try {
            return new String(new ClassPathResource(TABLES_DDL).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the projections' migration " + TABLES_DDL + " is not on the class path", e);
        }
    }

    private static JdbcTemplate jdbc(Connection connection) {
        return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    }

    /** Schema names come from current_schema(), not from a request; quoted all the same. */
    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Stops a replay in progress with the application: its shadow is left behind and dropped by the next one. */
    @Override
    public void destroy() throws InterruptedException {
        closing = true;
        Thread running = worker;
        if (running != null) {
            running.join(30_000);
        }
    }

    /** Reading the store in order and feeding the shadow; counts for the progress. */
    private final class Feed {
        private TrackingToken position;
        private long done;
        private long total;

        /**
         * Feeds every event after the position. While the writers write one chunk, the next is read
         * and deserialized (the reader and the writers overlap); a chunk is handed over only once
         * the one before is committed, as a payment's later events need the rows of its earlier ones.
         */
        void pass(Writers writers, PayloadDecoders decoders) throws SQLException {
            total = Math.max(total, done + behind());
            publish(progress.get().state());
            Written inFlight = null;
            TrackingToken read = position;
            List<TrackedEventMessage<?>> chunk = events.after(read, CHUNK, decoders);
            while (!chunk.isEmpty()) {
                inFlight = handOver(writers, inFlight, chunk);
                read = chunk.get(chunk.size() - 1).trackingToken();
                chunk = events.after(read, CHUNK, decoders);
            }
            committed(inFlight);
        }

        private Written handOver(Writers writers, Written inFlight, List<TrackedEventMessage<?>> chunk)
                throws SQLException {
            committed(inFlight);
            if (closing) {
                throw new IllegalStateException("the service is stopping");
            }
            return writers.submit(chunk);
        }

        private void committed(Written chunk) throws SQLException {
            if (chunk == null) {
                return;
            }
            chunk.await();
            position = chunk.position();
            done += chunk.events();
            total = Math.max(total, done);
            publish(progress.get().state());
        }

        /** Stored events after the position: what is left to feed. */
        long behind() {
            long index = position == null ? -1 : position.position().orElse(-1);
            Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index > ?", Long.class,
                    index);
            return count == null ? 0 : count;
        }

        ReplayProgress publish(ReplayProgress.State state) {
            ReplayProgress before = progress.get();
            Instant started = before.startedAt();
            long elapsed = Math.max(1, clock.millis() - started.toEpochMilli());
            long perSecond = done * 1_000 / elapsed;
            Long eta = perSecond == 0 ? null : (total - done) / perSecond;
            ReplayProgress now = new ReplayProgress(state, done, total, perSecond, eta,
                    position == null ? -1 : position.position().orElse(-1), started, null, null);
            progress.set(now);
            return now;
        }
    }
}
