package dev.omrest.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM alternative, chosen by context as on the command line ({@code -c runtime=jvm -c architecture=arm64 ...}:
 * every value a string), plus the optional settings, the pipeline service among them (its bot JWT secret by ARN, with
 * egress addresses; PipelineServiceStackTest covers the rest of it on the native runtime).
 */
class JvmStackTest {
    static final String ROLE = "arn:aws:iam::444455556666:role/api-owners";
    static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:ops-alarms";
    static final String OPENMETADATA_URL = "https://metadata.example.org:8443/api";
    static final String BOT_JWT_SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:om/bot-jwt-Xy12Zw";

    @TempDir
    static Path dir;
    static ConnectorStack stack;
    static Template template;

    @BeforeAll
    static void synth() {
        stack = Fixtures.stack(Fixtures.app(dir, Map.<String, Object>ofEntries(
                Map.entry(DeploySettings.RUNTIME, "jvm"),
                Map.entry(DeploySettings.ARCHITECTURE, "arm64"),
                Map.entry(DeploySettings.FUNCTION_ZIP, Fixtures.jvmZip(dir).toString()),
                Map.entry(DeploySettings.SERVICES_FILE, Fixtures.resource("test-services.json").toString()),
                Map.entry(DeploySettings.LOG_RETENTION_DAYS, "7"),
                Map.entry(DeploySettings.TEST_CONNECTION_READS_SECRETS, "true"),
                Map.entry(DeploySettings.TEST_CONNECTION_FILE_DIRECTORY, "/var/task/specs"),
                Map.entry(DeploySettings.TEST_CONNECTION_S3_ENDPOINTS, "https://minio.example:9000, http://s3.internal.example"),
                Map.entry(DeploySettings.TEST_CONNECTION_INVOKERS, "444455556666, " + ROLE),
                Map.entry(DeploySettings.INGEST_MEMORY, "3008"),
                Map.entry(DeploySettings.ALARM_TOPIC_ARN, TOPIC),
                Map.entry(DeploySettings.OPENMETADATA_URL, OPENMETADATA_URL),
                Map.entry(DeploySettings.BOT_JWT_SECRET, BOT_JWT_SECRET),
                Map.entry(DeploySettings.EGRESS_IP, "203.0.113.7, 2001:db8::7"),
                Map.entry(DeploySettings.UNCHANGED_CHECK, "changeEvents"),
                Map.entry(DeploySettings.UNCHANGED_CHECK_MAX_AGE_HOURS, "12"))));
        template = Template.fromStack(stack);
    }

    static String logicalId(IConstruct construct) {
        return Fixtures.logicalId(stack, construct);
    }

    static Map<String, Object> ref(IConstruct construct) {
        return Fixtures.ref(stack, construct);
    }

    @Test
    void managedJava21WithTheFunqyHandlerAndSnapStart() {
        template.resourceCountIs("AWS::Lambda::Function", 4);
        for (Sizing sizing : Sizing.values()) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Runtime", "java21",
                    "Handler", "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest",
                    "Architectures", List.of("arm64"),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "MemorySize", sizing == Sizing.INGEST ? 3008 : sizing.memoryMb(DeploySettings.Mode.JVM),
                    "Timeout", sizing.timeoutSeconds(),
                    "Environment", Match.objectEquals(Map.of("Variables", Match.objectEquals(environment(sizing))))));
        }
    }

    /**
     * The function URL's function may resolve exactly the references the schedules name (as IAM lets it read them),
     * read files under the directory given and use the S3 endpoints listed; the plain test connection, invoked through
     * IAM, needs no such list. Without these context values none is set (NativeStackTest's exact environments).
     */
    static Map<String, Object> environment(Sizing sizing) {
        return switch (sizing) {
            case INGEST -> Map.of("QUARKUS_FUNQY_EXPORT", sizing.export(), "OMREST_RUN_DEADLINE", "PT540S",
                    "OMREST_RUN_UNCHANGED_CHECK", "changeEvents", "OMREST_RUN_UNCHANGED_CHECK_MAX_AGE", "PT12H",
                    "OMREST_PIPELINE_SERVICE_OPENMETADATA_URL", OPENMETADATA_URL,
                    "OMREST_PIPELINE_SERVICE_BOT_JWT_SECRET", BOT_JWT_SECRET);
            case TEST_CONNECTION -> Map.of("QUARKUS_FUNQY_EXPORT", sizing.export(), "OMREST_TEST_CONNECTION_DEADLINE", "PT90S");
            case TEST_CONNECTION_HTTP -> Map.of("QUARKUS_FUNQY_EXPORT", sizing.export(), "OMREST_TEST_CONNECTION_DEADLINE", "PT90S",
                    "OMREST_HTTP_SECRET_REFERENCES", "secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:om/bot-AbCdEf,"
                            + "secretsmanager:openmetadata/ingestion-bot-jwt,ssm:/specs/petstore-token",
                    "OMREST_HTTP_FILE_DIRECTORY", "/var/task/specs",
                    "OMREST_HTTP_S3_ENDPOINTS", "https://minio.example:9000,http://s3.internal.example");
            // none of the OMREST_HTTP_* allowances, testConnectionReadsSecrets or not
            case PIPELINE_SERVICE -> Map.of("QUARKUS_FUNQY_EXPORT", sizing.export(),
                    "OMREST_PIPELINE_SERVICE_OPENMETADATA_URL", OPENMETADATA_URL,
                    "OMREST_PIPELINE_SERVICE_BOT_JWT_SECRET", BOT_JWT_SECRET,
                    "OMREST_PIPELINE_SERVICE_CREDENTIALS_SECRET", ref(stack.pipelineService().orElseThrow().credentials()),
                    "OMREST_PIPELINE_SERVICE_SCHEDULE_GROUP", ref(stack.pipelineService().orElseThrow().scheduleGroup()),
                    "OMREST_PIPELINE_SERVICE_SCHEDULER_ROLE_ARN", Map.of("Fn::GetAtt", List.of(
                            logicalId(stack.pipelineService().orElseThrow().schedulerRole()), "Arn")),
                    "OMREST_PIPELINE_SERVICE_INGEST_FUNCTION_ARN", ref(stack.alias(Sizing.INGEST)),
                    "OMREST_PIPELINE_SERVICE_INGEST_LOG_GROUP", ref(stack.logGroup(Sizing.INGEST)),
                    "OMREST_PIPELINE_SERVICE_SELF_FUNCTION", stack.pipelineServiceFunctionName() + ":live",
                    "OMREST_PIPELINE_SERVICE_EGRESS_IP", "203.0.113.7,2001:db8::7");
        };
    }

    @Test
    void snapStartNeedsPublishedVersionsSoEveryTriggerUsesTheAlias() {
        template.resourceCountIs("AWS::Lambda::Version", 4);
        for (Sizing sizing : Sizing.values()) {
            Capture version = new Capture();
            template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                    "FunctionName", ref(stack.function(sizing)), "Name", "live",
                    "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));
            template.hasResourceProperties("AWS::Lambda::Version", Map.of("FunctionName", ref(stack.function(sizing))));
            assertTrue(version.asString().contains("CurrentVersion"), version.asString());
        }
        Annotations.fromStack(stack).hasNoWarning("*", Match.stringLikeRegexp(".*SnapStart.*"));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of("Arn", ref(stack.alias(Sizing.INGEST))))))));
        template.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "AWS_IAM", "Qualifier", "live"));
        template.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "NONE", "Qualifier", "live"));
    }

    @Test
    void theNamedInvokersGetBothFunctionUrlPermissionsAndTheAccountRootDoesNot() {
        Map<String, Object> alias = ref(stack.alias(Sizing.TEST_CONNECTION_HTTP));
        for (String principal : List.of("444455556666", ROLE)) {
            template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "Action", "lambda:InvokeFunctionUrl", "FunctionUrlAuthType", "AWS_IAM", "FunctionName", alias, "Principal", principal));
            template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "Action", "lambda:InvokeFunction", "InvokedViaFunctionUrl", true, "FunctionName", alias, "Principal", principal));
        }
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of("Principal", Fixtures.ACCOUNT), 0);
    }

    @Test
    void optInLetsTestConnectionReadTheNamedSecrets() {
        for (Sizing sizing : List.of(Sizing.TEST_CONNECTION, Sizing.TEST_CONNECTION_HTTP)) {
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(ref(stack.function(sizing).getRole())),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                            Match.objectLike(Map.of("Sid", "ReadNamedSecrets", "Action", "secretsmanager:GetSecretValue")),
                            Match.objectLike(Map.of("Sid", "ReadNamedParameters", "Action", "ssm:GetParameter"))))))));
        }
    }

    /**
     * A secret given by ARN is granted as given and as a partial ARN; the pipeline service gets none of the secrets,
     * parameters or objects the schedules name, even with testConnectionReadsSecrets.
     */
    @Test
    void theBotJwtSecretByArnAndNothingOfTheSchedulesForThePipelineService() {
        List<String> botJwt = List.of(BOT_JWT_SECRET, BOT_JWT_SECRET + "-??????");
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(ref(stack.function(Sizing.INGEST).getRole())),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectEquals(Map.of(
                        "Sid", "ReadBotJwt", "Effect", "Allow", "Action", "secretsmanager:GetSecretValue", "Resource", botJwt))))))));
        Capture statements = new Capture();
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(ref(stack.function(Sizing.PIPELINE_SERVICE).getRole())),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", statements)));
        String text = statements.asArray().toString();
        assertTrue(text.contains("Sid=ReadCredentialsAndBotJwt") && text.contains(BOT_JWT_SECRET + "-??????"), text);
        for (String absent : List.of("ReadNamedSecrets", "ReadNamedParameters", "ReadNamedSpecObjects", "s3:", "ssm:")) {
            assertFalse(text.contains(absent), absent + " in " + text);
        }
    }

    /** The server asks the pipeline service for its egress address only when PIPELINE_SERVICE_IP_INFO_ENABLED is on. */
    @Test
    void egressAddressesTurnOnTheServersIpInfo() {
        Capture settings = new Capture();
        template.hasOutput("OpenMetadataServerSettings", Match.objectLike(Map.of("Value", Map.of("Fn::Join", List.of("", settings)))));
        String text = settings.asArray().toString();
        assertTrue(text.endsWith("SERVER_HOST_API_URL=" + OPENMETADATA_URL + " PIPELINE_SERVICE_IP_INFO_ENABLED=true]"), text);
    }

    @Test
    void retentionAndAlarmTopicFromContext() {
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
        template.allResourcesProperties("AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(TOPIC)));
    }
}
