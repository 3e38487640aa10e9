package dev.omrest.orchestrator;

import java.util.Optional;

/** Where deployed pipelines are kept: EventBridge Scheduler on Lambda, a map in tests. */
public interface Schedules {

    /** Creates the schedule or replaces it whole. */
    void put(PipelineSchedule schedule);

    Optional<PipelineSchedule> get(String name);

    /** @return false when there is no such schedule */
    boolean delete(String name);
}
