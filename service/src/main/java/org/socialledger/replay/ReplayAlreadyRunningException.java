package org.socialledger.replay;

/** A replay was asked for while one is still running. */
public class ReplayAlreadyRunningException extends RuntimeException {

    public ReplayAlreadyRunningException(ReplayProgress running) {
        super("a replay is already running: " + running.done() + " of " + running.total() + " events");
    }
}
