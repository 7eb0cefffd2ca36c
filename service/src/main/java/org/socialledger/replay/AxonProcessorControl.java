package org.socialledger.replay;

import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/** The service's own read-model processors, paused only for the moment of the switch. */
@Component
class AxonProcessorControl implements ProcessorControl {

    private final EventProcessingConfiguration processing;

    AxonProcessorControl(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public void stop(List<String> processingGroups) {
        for (String group : processingGroups) {
            processing.eventProcessor(group, StreamingEventProcessor.class)
                    .ifPresent(processor -> processor.shutdownAsync().join());
        }
    }

    @Override
    public void start(List<String> processingGroups) {
        for (String group : processingGroups) {
            processing.eventProcessor(group, StreamingEventProcessor.class).ifPresent(StreamingEventProcessor::start);
        }
    }
}
