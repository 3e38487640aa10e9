package dev.omrest.function;

import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.SpecServer;
import dev.omrest.support.LambdaStandIn;
import dev.omrest.support.MotoServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stack gives pipelineService, on loopback: moto for Secrets Manager (the Basic-auth credentials, the bot's
 * JWT), EventBridge Scheduler and CloudWatch Logs; a Lambda stand-in for the asynchronous invocations; an OpenMetadata
 * emulator in the profile's mode as the one server; a spec server. Started before Quarkus, so the function's settings
 * can name them.
 */
public final class PipelineServiceDeployment implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "bot-jwt-for-the-journey";
    static final String USER = "openmetadata";
    static final String PASSWORD = "Pa55w0rdFromTheStack";
    static final String CREDENTIALS_SECRET = "omrest/pipeline-service-credentials";
    static final String BOT_SECRET = "omrest/ingestion-bot-jwt";
    static final String GROUP = "omrest-pipelines";
    static final String ROLE = "arn:aws:iam::123456789012:role/omrest-scheduler";
    static final String INGEST = "arn:aws:lambda:us-east-1:123456789012:function:omrest-ingest:live";
    static final String SELF = "omrest-pipelineService";
    static final String LOG_GROUP = "/aws/lambda/omrest-ingest";

    /** The servers of the running test class (one class at a time runs in Quarkus). */
    static volatile Servers current;

    record Servers(MotoServer moto, LambdaStandIn lambda, OpenMetadataEmulator om, SpecServer specs) {
        SchedulerClient scheduler() {
            return SchedulerClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(moto.url()))
                    .credentialsProvider(testing()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }

        CloudWatchLogsClient logs() {
            return CloudWatchLogsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(moto.url()))
                    .credentialsProvider(testing()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
    }

    private OpenMetadataEmulator.Mode mode;

    /**
     * Profiles per server mode. The export is the profile's, as the other functions' profiles have it: set by a test
     * resource, a packaged function's later launches (integration tests without a profile) kept it.
     */
    public static class V16 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "pipelineService");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PipelineServiceDeployment.class, Map.of("mode", "V1_6")));
        }
    }

    public static class V20 extends V16 {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PipelineServiceDeployment.class, Map.of("mode", "V2_0")));
        }
    }

    @Override
    public void init(Map<String, String> args) {
        mode = OpenMetadataEmulator.Mode.valueOf(args.get("mode"));
    }

    @Override
    public Map<String, String> start() {
        Optional<MotoServer> moto = MotoServer.start();
        Map<String, String> config = new HashMap<>();
        config.put("omrest.run.kill-check", "PT0.2S");
        if (moto.isEmpty()) {
            return config;     // the tests assume moto and are skipped
        }
        LambdaStandIn lambda;
        try {
            lambda = new LambdaStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // system properties of this JVM for @QuarkusTest; as configuration they reach a packaged function as -D too
        Map<String, String> aws = Map.of("aws.region", "us-east-1", "aws.accessKeyId", "testing",
                "aws.secretAccessKey", "testing", "aws.endpointUrl", moto.get().url(), "aws.endpointUrlLambda", lambda.url());
        aws.forEach(System::setProperty);
        config.putAll(aws);
        OpenMetadataEmulator om = OpenMetadataEmulator.start(mode, TOKEN);
        current = new Servers(moto.get(), lambda, om, SpecServer.start());
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(moto.get().url())).credentialsProvider(testing())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             SchedulerClient scheduler = current.scheduler();
             CloudWatchLogsClient logs = current.logs()) {
            secrets.createSecret(r -> r.name(CREDENTIALS_SECRET)
                    .secretString("{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}"));
            secrets.createSecret(r -> r.name(BOT_SECRET).secretString(TOKEN + "\n"));
            scheduler.createScheduleGroup(r -> r.name(GROUP));
            logs.createLogGroup(r -> r.logGroupName(LOG_GROUP));
        }
        config.put("omrest.pipeline-service.openmetadata-url", om.apiUrl());
        config.put("omrest.pipeline-service.bot-jwt-secret", BOT_SECRET);
        config.put("omrest.pipeline-service.credentials-secret", CREDENTIALS_SECRET);
        config.put("omrest.pipeline-service.schedule-group", GROUP);
        config.put("omrest.pipeline-service.scheduler-role-arn", ROLE);
        config.put("omrest.pipeline-service.ingest-function-arn", INGEST);
        config.put("omrest.pipeline-service.ingest-log-group", LOG_GROUP);
        config.put("omrest.pipeline-service.self-function", SELF);
        return config;
    }

    @Override
    public void stop() {
        Servers servers = current;
        current = null;
        if (servers != null) {
            servers.lambda().close();
            servers.om().close();
            servers.specs().close();
            servers.moto().close();
        }
        for (String property : List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrl",
                "aws.endpointUrlLambda")) {
            System.clearProperty(property);
        }
        PipelineServiceFunction.forget();
    }

    static StaticCredentialsProvider testing() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
}
