package org.socialledger.replay;

import java.util.List;

/** Pauses the live read-model processors around the switch; in the command line there are none. */
public interface ProcessorControl {

    ProcessorControl NONE = new ProcessorControl() {
        @Override
        public void stop(List<String> processingGroups) {
        }

        @Override
        public void start(List<String> processingGroups) {
        }
    };

    /** Returns once their work in flight is committed and their token claims are released. */
    void stop(List<String> processingGroups);

    void start(List<String> processingGroups);
}
