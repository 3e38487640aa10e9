package dev.omrest.orchestrator;

import dev.omrest.support.LambdaStandIn;
import dev.omrest.support.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AWS side of pipelineService against real protocol servers: moto (Scheduler, Logs) and a Lambda stand-in. */
class AwsPartsTest {
    static final String GROUP = "omrest-pipelines";
    static final String ROLE = "arn:aws:iam::123456789012:role/scheduler-invokes-ingest";
    static final String INGEST = "arn:aws:lambda:us-east-1:123456789012:function:ingest:live";
    static Optional<MotoServer> moto;
    static SchedulerClient scheduler;
    static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        if (moto.isEmpty()) {
            return;
        }
        scheduler = SchedulerClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(moto.get().url()))
                .credentialsProvider(testing()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        logs = CloudWatchLogsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(moto.get().url()))
                .credentialsProvider(testing()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        scheduler.createScheduleGroup(r -> r.name(GROUP));
    }

    @AfterAll
    static void stop() {
        moto.ifPresent(MotoServer::close);
    }

    static StaticCredentialsProvider testing() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    @Test
    void schedulesAreCreatedReplacedReadAndDeleted() {
        Assumptions.assumeTrue(moto.isPresent());
        Instant now = Instant.parse("2026-12-07T00:00:00Z");
        EventBridgeSchedules schedules = new EventBridgeSchedules(scheduler, GROUP, ROLE, INGEST,
                Clock.fixed(now, ZoneOffset.UTC));
        String input = "{\"ingestionPipelineFQN\":\"petstore.p1\",\"openMetadataServer\":\"https://om/api\",\"trigger\":\"schedule\"}";
        // the UI's start date (yesterday midnight) has passed: EventBridge would refuse it, so it is left out
        schedules.put(new PipelineSchedule("p1", "cron(0 3 * * ? *)", "Europe/Paris",
                Instant.parse("2026-12-06T00:00:00Z"), null, true, input));
        GetScheduleResponse stored = scheduler.getSchedule(r -> r.groupName(GROUP).name("p1"));
        assertEquals("cron(0 3 * * ? *)", stored.scheduleExpression());
        assertEquals("Europe/Paris", stored.scheduleExpressionTimezone());
        assertEquals(ScheduleState.ENABLED, stored.state());
        assertEquals(INGEST, stored.target().arn());
        assertEquals(ROLE, stored.target().roleArn());
        assertEquals(input, stored.target().input());
        assertEquals(2, stored.target().retryPolicy().maximumRetryAttempts());
        assertNull(stored.startDate());

        schedules.put(schedules.get("p1").orElseThrow().withEnabled(false));
        assertEquals(ScheduleState.DISABLED, scheduler.getSchedule(r -> r.groupName(GROUP).name("p1")).state());
        assertFalse(schedules.get("p1").orElseThrow().enabled());

        schedules.put(new PipelineSchedule("p1", PipelineSchedule.ON_DEMAND, "UTC", null, null, false, input));
        PipelineSchedule onDemand = schedules.get("p1").orElseThrow();
        assertTrue(onDemand.onDemand());
        // an on-demand pipeline's schedule never fires, whatever the toggle says
        assertFalse(onDemand.withEnabled(true).enabled());

        assertTrue(schedules.delete("p1"));
        assertFalse(schedules.delete("p1"));
        assertTrue(schedules.get("p1").isEmpty());
    }

    @Test
    void aRunsLinesAreFoundByItsIdAcrossStreams() {
        Assumptions.assumeTrue(moto.isPresent());
        logs.createLogGroup(r -> r.logGroupName("/aws/lambda/ingest"));
        logs.createLogStream(r -> r.logGroupName("/aws/lambda/ingest").logStreamName("a"));
        logs.createLogStream(r -> r.logGroupName("/aws/lambda/ingest").logStreamName("b"));
        long t = System.currentTimeMillis();
        String one = line("one", "petstore.p1", RUN_1);
        String two = line("two", "petstore.p1", RUN_1);
        logs.putLogEvents(r -> r.logGroupName("/aws/lambda/ingest").logStreamName("a").logEvents(
                InputLogEvent.builder().timestamp(t).message(one).build(),
                InputLogEvent.builder().timestamp(t + 1).message(line("other run", "petstore.p1", RUN_2)).build(),
                // the same run id under another pipeline (a status OpenMetadata's users wrote) is not this run's
                InputLogEvent.builder().timestamp(t + 2).message(line("not ours", "other.p9", RUN_1)).build(),
                InputLogEvent.builder().timestamp(t + 3).message("REPORT RequestId: x " + RUN_1).build()));
        logs.putLogEvents(r -> r.logGroupName("/aws/lambda/ingest").logStreamName("b").logEvents(
                InputLogEvent.builder().timestamp(t + 4).message(two).build(),
                InputLogEvent.builder().timestamp(t + 60_000).message(line("after the window", "petstore.p1", RUN_1)).build()));
        CloudWatchRunLogs runLogs = new CloudWatchRunLogs(logs, "/aws/lambda/ingest");
        Instant from = Instant.ofEpochMilli(t - 1000);
        Instant to = Instant.ofEpochMilli(t + 1000);
        assertEquals(List.of(one, two), runLogs.lines("petstore.p1", RUN_1, from, to, 1_000_000, Duration.ofSeconds(10)));
        assertEquals(List.of(one), runLogs.lines("petstore.p1", RUN_1, from, to, one.length() + 1, Duration.ofSeconds(10)));
    }

    static final String RUN_1 = "6f1c2b1e-0000-4000-8000-000000000001";
    static final String RUN_2 = "6f1c2b1e-0000-4000-8000-000000000002";

    static String line(String message, String pipeline, String runId) {
        return "{\"message\":\"" + message + "\",\"mdc\":{\"ingestionPipeline\":\"" + pipeline + "\",\"runId\":\"" + runId + "\"}}";
    }

    @Test
    void runsAreQueuedAsEventInvocations() throws Exception {
        try (LambdaStandIn lambda = new LambdaStandIn();
             LambdaClient client = LambdaClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(lambda.url()))
                     .credentialsProvider(testing()).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            new LambdaRuns(client).start(INGEST, "{\"ingestionPipelineFQN\":\"petstore.p1\"}");
            assertEquals(List.of(new LambdaStandIn.Invocation(INGEST, "Event", "{\"ingestionPipelineFQN\":\"petstore.p1\"}")),
                    lambda.invocations());
        }
    }
}
