package dev.omrest.write;

import dev.omrest.map.DesiredState;

/** Brings a target in line with the desired state. */
public interface Sink {

    SyncResult sync(DesiredState desired, SyncOptions options);

    /** Where this run's start and end are recorded, for {@code workflowConfig.ingestionPipelineFQN}. */
    default RunStatus runStatus(String ingestionPipelineFqn) {
        return RunStatus.NONE;
    }
}
