package org.socialledger.replay;

/**
 * Called once the new generation has caught up and just before the switch starts. The service has
 * none; a test registers one to hold the replay there while it checks that tills and queries go on.
 */
@FunctionalInterface
public interface ReplayGate {

    void beforeSwitch(ReplayProgress progress) throws InterruptedException;
}
