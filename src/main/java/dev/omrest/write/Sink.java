package dev.omrest.write;

import dev.omrest.map.DesiredState;
import dev.omrest.plan.CurrentState;
import dev.omrest.plan.Seal;

/** Brings a target in line with the desired state. One sink serves one run, and is closed after it. */
public interface Sink extends AutoCloseable {

    /** What the target holds for the service, read before the spec is parsed (so a sealed, unchanged run can stop). */
    CurrentState read(String serviceName);

    SyncResult sync(DesiredState desired, CurrentState current, SyncOptions options);

    /** What a run did that found the catalogue sealed by the same inputs: nothing to write or delete. */
    SyncResult unchanged(Seal.Intact intact);

    /** Where this run's start and end are recorded, for {@code workflowConfig.ingestionPipelineFQN}. */
    default RunStatus runStatus(String ingestionPipelineFqn) {
        return RunStatus.NONE;
    }

    /** Releases what the run held (connections, the client). */
    @Override
    default void close() {
    }
}
