package dev.omrest.orchestrator;

/** Starts a function without waiting for it: {@code ingest} for a trigger, pipelineService itself for a test connection. */
public interface Runs {

    /** Queues {@code event} for {@code function}; returns once Lambda accepted it. */
    void start(String function, String event);
}
