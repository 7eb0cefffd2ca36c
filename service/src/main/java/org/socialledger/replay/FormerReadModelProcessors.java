package org.socialledger.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialledger.projection.ReadModels;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the progress of the processors the read models had until 2026-12, one each ({@code journal},
 * {@code payment-view}), to the one they share now ({@link ReadModels}), before any processor starts.
 *
 * <p>Nothing may be skipped and nothing is lost by doing twice: the shared processor starts from the
 * lower bound of all the former tokens (an event either of them had not handled yet is handled), and
 * the handlers write functions of one event, so the events the other one had handled already are
 * written again in order and the rows end as they were. The former groups' dead letters move to the
 * shared group, each payment's letters in the order of its events (an event parked by both once).
 * One transaction does it all, so a crash leaves either the former processors or the shared one.
 *
 * <p>An instance of the previous version still running holds claims on the former tokens: the merge
 * waits for them (a killed instance's claims time out) and refuses to start the service if they stay
 * held, because that instance would go on writing the tables behind the shared processor's back.
 * Instances of this version starting together take turns (an advisory lock); the second finds the
 * shared group's tokens and leaves them.
 */
public class FormerReadModelProcessors implements InitializingBean {

    static final List<String> FORMER_GROUPS = List.of("journal", "payment-view");
    /** Serialises the merge between instances starting at once (any fixed number, unique to this use). */
    private static final long LOCK_KEY = 0x5265_6164_4d6f_6465L;
    private static final Logger log = LoggerFactory.getLogger(FormerReadModelProcessors.class);

    private final TokenStore tokens;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration waitForClaims;

    /**
     * @param waitForClaims how long to wait for another instance's claims on the former tokens to be
     *                      released or to time out (Axon's claim timeout is 10 s)
     */
    public FormerReadModelProcessors(TokenStore tokens, JdbcTemplate jdbc, TransactionTemplate transactions,
                                     Clock clock, Duration waitForClaims) {
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.waitForClaims = waitForClaims;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        Instant giveUp = clock.instant().plus(waitForClaims);
        while (true) {
            try {
                transactions.executeWithoutResult(status -> mergeOnce());
                return;
            } catch (UnableToClaimTokenException e) {
                if (clock.instant().isAfter(giveUp)) {
                    throw new IllegalStateException("the former read-model processors " + FORMER_GROUPS
                            + " are still claimed by another instance after " + waitForClaims.toSeconds()
                            + " s: stop every instance of the previous version, then start this one", e);
                }
                log.info("waiting for another instance's claims on the former read-model tokens: {}", e.getMessage());
                Thread.sleep(1_000);
            }
        }
    }

    private void mergeOnce() {
        jdbc.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        if (tokens.fetchSegments(ReadModels.PROCESSING_GROUP).length > 0) {
            return; // merged before, or started afresh on this version
        }
        int segmentCount = 0;
        boolean everyGroupRan = true;
        TrackingToken from = null;
        boolean first = true;
        for (String group : FORMER_GROUPS) {
            int[] segments = tokens.fetchSegments(group);
            segmentCount = Math.max(segmentCount, segments.length);
            everyGroupRan &= segments.length > 0;
            for (int segment : segments) {
                TrackingToken token = tokens.fetchToken(group, segment);
                from = first ? token : lowerBound(from, token);
                first = false;
            }
        }
        if (segmentCount == 0) {
            return; // a database that never had the former processors
        }
        if (!everyGroupRan) {
            from = null; // one read model was never built here: the shared processor starts at the first event
        }
        tokens.initializeTokenSegments(ReadModels.PROCESSING_GROUP, segmentCount, from);
        int letters = moveDeadLetters();
        for (String group : FORMER_GROUPS) {
            for (int segment : tokens.fetchSegments(group)) {
                tokens.deleteToken(group, segment);
            }
        }
        log.info("the read models' processors {} are now one, {}: {} segments from {}, {} dead letters moved",
                FORMER_GROUPS, ReadModels.PROCESSING_GROUP, segmentCount, from, letters);
    }

    /** Null (no event handled yet) is lower than any token. */
    private static TrackingToken lowerBound(TrackingToken one, TrackingToken other) {
        return one == null || other == null ? null : one.lowerBound(other);
    }

    /**
     * Moves the former groups' letters to the shared group: an event parked by both keeps one letter
     * (the journal's), and each payment's letters are renumbered in the order of its events.
     */
    private int moveDeadLetters() {
        jdbc.update("""
                DELETE FROM dead_letter_entry twin
                WHERE twin.processing_group = ?
                  AND EXISTS (SELECT 1 FROM dead_letter_entry kept
                              WHERE kept.processing_group = ? AND kept.event_identifier = twin.event_identifier)
                """, FORMER_GROUPS.get(1), FORMER_GROUPS.get(0));
        return jdbc.update("""
                UPDATE dead_letter_entry letter
                SET processing_group = ?, sequence_index = ordered.place
                FROM (SELECT dead_letter_id,
                             row_number() OVER (PARTITION BY sequence_identifier
                                                ORDER BY sequence_number NULLS LAST, enqueued_at, sequence_index) AS place
                      FROM dead_letter_entry
                      WHERE processing_group IN (?, ?)) ordered
                WHERE letter.dead_letter_id = ordered.dead_letter_id
                """, ReadModels.PROCESSING_GROUP, FORMER_GROUPS.get(0), FORMER_GROUPS.get(1));
    }
}
