package dev.omrest.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM alternative, chosen by context as on the command line ({@code -c runtime=jvm -c architecture=arm64 ...}:
 * every value a string), plus the optional settings.
 */
class JvmStackTest {
    static final String ROLE = "arn:aws:iam::444455556666:role/api-owners";
    static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:ops-alarms";

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
                Map.entry(DeploySettings.ALARM_TOPIC_ARN, TOPIC))));
        template = Template.fromStack(stack);
    }

    static Map<String, Object> ref(IConstruct construct) {
        return Map.of("Ref", stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild()));
    }

    @Test
    void managedJava21WithTheFunqyHandlerAndSnapStart() {
        template.resourceCountIs("AWS::Lambda::Function", 3);
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
    static Map<String, String> environment(Sizing sizing) {
        return switch (sizing) {
            case INGEST -> Map.of("QUARKUS_FUNQY_EXPORT", sizing.export(), "OMREST_RUN_DEADLINE", "PT540S");
            case TEST_CONNECTION -> Map.of("QUARKUS_FUNQY_EXPORT", sizing.export(), "OMREST_TEST_CONNECTION_DEADLINE", "PT90S");
            case TEST_CONNECTION_HTTP -> Map.of("QUARKUS_FUNQY_EXPORT", sizing.export(), "OMREST_TEST_CONNECTION_DEADLINE", "PT90S",
                    "OMREST_HTTP_SECRET_REFERENCES", "secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:om/bot-AbCdEf,"
                            + "secretsmanager:openmetadata/ingestion-bot-jwt,ssm:/specs/petstore-token",
                    "OMREST_HTTP_FILE_DIRECTORY", "/var/task/specs",
                    "OMREST_HTTP_S3_ENDPOINTS", "https://minio.example:9000,http://s3.internal.example");
        };
    }

    @Test
    void snapStartNeedsPublishedVersionsSoEveryTriggerUsesTheAlias() {
        template.resourceCountIs("AWS::Lambda::Version", 3);
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

    @Test
    void retentionAndAlarmTopicFromContext() {
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
        template.allResourcesProperties("AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(TOPIC)));
    }
}
