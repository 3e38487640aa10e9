package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omrest.config.Secret;
import dev.omrest.orchestrator.AutomationRun;
import dev.omrest.orchestrator.Automations;
import dev.omrest.orchestrator.CloudWatchRunLogs;
import dev.omrest.orchestrator.Credentials;
import dev.omrest.orchestrator.EventBridgeSchedules;
import dev.omrest.orchestrator.HttpCall;
import dev.omrest.orchestrator.LambdaRuns;
import dev.omrest.orchestrator.OrchestratorSettings;
import dev.omrest.orchestrator.PipelineServiceSurface;
import dev.omrest.orchestrator.Reply;
import dev.omrest.pipeline.TestConnectionPipeline;
import dev.omrest.openmetadata.OpenMetadataProbe;
import dev.omrest.report.RunLog;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pipelineService}: OpenMetadata's server drives this function as it drives Airflow (docs/pipeline-service.md).
 * Two kinds of event arrive: function URL requests from the server's client, and the function's own asynchronous
 * invocation that runs a test connection ({@code {"runAutomation": {"workflow": name}}}), which only IAM can send.
 */
public class PipelineServiceFunction {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(PipelineServiceFunction.class);
    private static volatile AwsClients clients;

    @Inject
    FunctionConfig config;

    @Inject
    Clock clock;

    /** Made once per environment: each holds a connection pool. */
    private record AwsClients(SchedulerClient scheduler, LambdaClient lambda, CloudWatchLogsClient logs) {
    }

    @Funq
    public HttpAnswer pipelineService(JsonNode event) {
        PipelineServiceWiring wiring = PipelineServiceWiring.of(config, clock);
        List<String> missing = wiring.missing(true);
        String workflow = Automations.workflowOf(event);
        if (workflow != null) {
            if (missing.isEmpty()) {
                runAutomation(wiring, workflow);
            }
            return HttpAnswer.json(200, "{}");
        }
        if (!missing.isEmpty()) {
            // the names go to the log, not to whoever calls the public URL
            LOG.errorf("pipelineService is not configured: set %s", String.join(", ", missing));
            return answer(Reply.message(503, "pipelineService is not configured"));
        }
        HttpCall call;
        try {
            call = FunctionUrlEvents.call(event);
        } catch (IllegalArgumentException e) {
            return answer(Reply.message(400, e.getMessage()));
        }
        try {
            return answer(surface(wiring).handle(call));
        } catch (RuntimeException e) {
            // the frames, not the messages: they may quote what an outside caller sent
            LOG.error("pipelineService failed unexpectedly", RunLog.redacted(e, false));
            return answer(Reply.message(500, "pipelineService failed unexpectedly: " + e.getClass().getSimpleName()));
        }
    }

    private PipelineServiceSurface surface(PipelineServiceWiring wiring) {
        FunctionConfig.PipelineService p = config.pipelineService();
        AwsClients aws = clients();
        OrchestratorSettings settings = new OrchestratorSettings(wiring.server(), p.ingestFunctionArn().orElseThrow(),
                p.selfFunction(), p.egressIp().orElse(null));
        return new PipelineServiceSurface(settings, wiring::credentials, () -> wiring.bot(wiring.botJwt()),
                () -> wiring.quickBot(wiring.botJwt()),
                new EventBridgeSchedules(aws.scheduler(), p.scheduleGroup().orElseThrow(), p.schedulerRoleArn().orElseThrow(),
                        p.ingestFunctionArn().orElseThrow(), clock),
                new LambdaRuns(aws.lambda()), new CloudWatchRunLogs(aws.logs(), p.ingestLogGroup().orElseThrow()), clock,
                p.maxBodyBytes());
    }

    private void runAutomation(PipelineServiceWiring wiring, String workflow) {
        Secret jwt = wiring.botJwt();
        // the connection was written by OpenMetadata's users: it gets what an HTTP caller gets, no secret or file
        TestConnectionPipeline tests = new TestConnectionPipeline(PayloadReaders.openMetadataUsers(config),
                PayloadReaders.callerLimits(config),
                (server, name) -> OpenMetadataProbe.check(server, name, PayloadReaders.reach(config)),
                config.testConnection().deadline());
        try {
            new AutomationRun(() -> wiring.bot(jwt), tests::run).run(workflow);
        } catch (RuntimeException e) {
            LOG.error("Test connection workflow " + workflow + " failed unexpectedly", RunLog.redacted(e, false));
        }
    }

    private static AwsClients clients() {
        AwsClients made = clients;
        if (made == null) {
            synchronized (PipelineServiceFunction.class) {
                if (clients == null) {
                    clients = new AwsClients(
                            SchedulerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                            LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                            CloudWatchLogsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
                }
                made = clients;
            }
        }
        return made;
    }

    /** Forgets what was cached between calls (tests change the deployment's secrets and endpoints). */
    static void forget() {
        PipelineServiceWiring.forgetSecrets();
        clients = null;
    }

    private static HttpAnswer answer(Reply reply) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(reply.headers());
        return new HttpAnswer(reply.status(), headers, reply.json(), false);
    }
}
