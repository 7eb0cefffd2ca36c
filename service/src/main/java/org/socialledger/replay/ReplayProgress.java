package org.socialledger.replay;

import java.time.Instant;

/**
 * Where a replay stands.
 *
 * @param state            IDLE (none since start-up), BUILDING, SWITCHING, DONE or FAILED
 * @param done             events fed to the new generation so far
 * @param total            events to feed: what the store held when counted, plus what arrived since
 * @param eventsPerSecond  average since the start
 * @param etaSeconds       remaining at that pace; null when unknown
 * @param position         the global index the new generation has reached
 * @param error            why it failed; null otherwise
 */
public record ReplayProgress(State state, long done, long total, long eventsPerSecond, Long etaSeconds, long position,
                             Instant startedAt, Instant finishedAt, String error) {

    public enum State { IDLE, BUILDING, SWITCHING, DONE, FAILED }

    static ReplayProgress idle() {
        return new ReplayProgress(State.IDLE, 0, 0, 0, null, -1, null, null, null);
    }

    public boolean running() {
        return state == State.BUILDING || state == State.SWITCHING;
    }
}
