package dev.omrest.write;

import dev.omrest.openmetadata.CatalogueOutline;
import dev.omrest.openmetadata.ChangeEvent;
import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.ExistingEntity;
import dev.omrest.openmetadata.RunStatus;
import dev.omrest.plan.Plan;

import java.util.List;

/**
 * Where a run's entities go: an OpenMetadata server, or a file for local runs. The pipeline reads it, plans against
 * what it read, writes the plan, then marks stale entities deleted. One sink serves one run, is opened with that run's
 * {@link dev.omrest.budget.RunBudget} (every call comes out of it), and is closed after it.
 */
public interface Sink extends AutoCloseable {

    /** What the target holds for the service, read before the spec is parsed (so a sealed, unchanged run can stop). */
    CurrentState read(String serviceName);

    /**
     * The cheap read of the service (its collections and endpoint counts, not its endpoints), for checking a seal by
     * change events; only a target that keeps seals has it.
     */
    default CatalogueOutline outline(String serviceName) {
        throw new UnsupportedOperationException("this target keeps no seals");
    }

    /** The target's change events of API collections and endpoints since this time (epoch millis, inclusive). */
    default List<ChangeEvent> changeEventsSince(long millis) {
        throw new UnsupportedOperationException("this target records no change events");
    }

    /** Puts a seal stamped anew on its collection, changing nothing else: null when done, else what went wrong. */
    default String restamp(ExistingEntity collection, String seal) {
        throw new UnsupportedOperationException("this target keeps no seals");
    }

    /** Whether the target keeps the seal a run leaves on it (a file does not: every run writes it whole). */
    boolean keepsSeals();

    /**
     * The plan's service (only when absent), every collection, then every endpoint (collections are all answered
     * before the first endpoint goes); nothing new starts once the budget is spent.
     */
    Written write(Plan plan, boolean overrideMetadata);

    /** Marks the plan's stale collections and endpoints deleted. */
    Deleted delete(Plan plan);

    /** Where the entities go, for the report: the server and its version, or the file. */
    String target();

    /** {@code bulk}, {@code per-entity} or {@code file}, as the target was read (the write may fall back). */
    String writeMode();

    /** Calls sent so far, retries included, and retries. */
    int requests();

    int retries();

    /** Where this run's start and end are recorded, for {@code ingestionPipelineFQN} under {@code pipelineRunId}. */
    default RunStatus runStatus(String ingestionPipelineFqn, String pipelineRunId) {
        return RunStatus.NONE;
    }

    /** Releases what the run held (connections, the client). */
    @Override
    default void close() {
    }
}
