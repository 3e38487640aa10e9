package dev.omrest.orchestrator;

import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The pipelines' schedules in one EventBridge Scheduler group, each targeting {@code ingest} through the scheduler's
 * role (which may invoke nothing else).
 */
public final class EventBridgeSchedules implements Schedules {
    private final SchedulerClient scheduler;
    private final String group;
    private final String roleArn;
    private final String ingestArn;
    private final Clock clock;

    public EventBridgeSchedules(SchedulerClient scheduler, String group, String roleArn, String ingestArn, Clock clock) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.group = group;
        this.roleArn = roleArn;
        this.ingestArn = ingestArn;
    }

    @Override
    public void put(PipelineSchedule schedule) {
        Target target = Target.builder().arn(ingestArn).roleArn(roleArn).input(schedule.input())
                // a run that could not be started is started again for an hour; a later one comes with the next tick
                .retryPolicy(r -> r.maximumRetryAttempts(2).maximumEventAgeInSeconds(3600)).build();
        Instant start = notPast(schedule.startDate());
        // a schedule whose end has passed has nothing left to run (and EventBridge refuses a past end date)
        boolean ended = schedule.endDate() != null && !schedule.endDate().isAfter(clock.instant());
        Instant end = ended ? null : schedule.endDate();
        ScheduleState state = schedule.enabled() && !ended ? ScheduleState.ENABLED : ScheduleState.DISABLED;
        String description = schedule.onDemand() ? "OpenMetadata ingestion pipeline, on demand only"
                : "OpenMetadata ingestion pipeline";
        try {
            scheduler.createSchedule(r -> r.groupName(group).name(schedule.name()).description(description)
                    .scheduleExpression(schedule.expression()).scheduleExpressionTimezone(schedule.timezone())
                    .startDate(start).endDate(end).state(state)
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(target));
        } catch (ValidationException e) {
            throw refused(e);
        } catch (ConflictException exists) {
            update(schedule, description, start, end, state, target);
        }
    }

    private void update(PipelineSchedule schedule, String description, Instant start, Instant end, ScheduleState state,
                        Target target) {
        try {
            scheduler.updateSchedule(r -> r.groupName(group).name(schedule.name()).description(description)
                    .scheduleExpression(schedule.expression()).scheduleExpressionTimezone(schedule.timezone())
                    .startDate(start).endDate(end).state(state)
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(target));
        } catch (ValidationException e) {
            throw refused(e);
        }
    }

    /** What EventBridge refused in the schedule (a timezone it does not know, an expression it will not take). */
    private static BadRequest refused(ValidationException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return BadRequest.of("EventBridge Scheduler refused the pipeline's schedule: " + message);
    }

    @Override
    public Optional<PipelineSchedule> get(String name) {
        GetScheduleResponse found;
        try {
            found = scheduler.getSchedule(r -> r.groupName(group).name(name));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(new PipelineSchedule(found.name(), found.scheduleExpression(),
                found.scheduleExpressionTimezone(), found.startDate(), found.endDate(),
                found.state() == ScheduleState.ENABLED, found.target().input()));
    }

    @Override
    public boolean delete(String name) {
        try {
            scheduler.deleteSchedule(r -> r.groupName(group).name(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /**
     * EventBridge refuses a start date more than 5 minutes old, and the UI sends yesterday's midnight: one that has
     * passed says nothing a schedule needs.
     */
    private Instant notPast(Instant start) {
        return start == null || !start.isAfter(clock.instant()) ? null : start;
    }
}
