package dev.omrest.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default stack (native, x86_64) synthesized from test-services.json with the validator flag on. */
class NativeStackTest {
    @TempDir
    static Path dir;
    static ConnectorStack stack;
    static Template template;
    static List<ScheduledService> services;

    @BeforeAll
    static void synth() {
        stack = Fixtures.stack(Fixtures.app(dir, Map.of(
                DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString(),
                DeploySettings.SERVICES_FILE, Fixtures.resource("test-services.json").toString())));
        template = Template.fromStack(stack);
        services = ServicesConfig.load(Fixtures.resource("test-services.json"));
    }

    static String id(IConstruct construct) {
        return Fixtures.logicalId(stack, construct);
    }

    static Map<String, Object> ref(IConstruct construct) {
        return Fixtures.ref(stack, construct);
    }

    static Map<String, Object> arnOf(IConstruct construct) {
        return Fixtures.arnOf(stack, construct);
    }

    @Test
    void threeNativeFunctionsFromOneZipEachWithItsExport() {
        template.resourceCountIs("AWS::Lambda::Function", 3);
        assertEquals(List.of(Sizing.INGEST, Sizing.TEST_CONNECTION, Sizing.TEST_CONNECTION_HTTP), stack.sizings());
        Set<Object> codeKeys = new HashSet<>();
        for (Sizing sizing : stack.sizings()) {
            template.hasResource("AWS::Lambda::Function", Match.objectLike(Map.of("Properties", Match.objectEquals(Map.ofEntries(
                    Map.entry("Runtime", "provided.al2023"),
                    Map.entry("Handler", "not.used.in.provided.runtime"),
                    Map.entry("Architectures", List.of("x86_64")),
                    Map.entry("MemorySize", sizing.memoryMb(DeploySettings.Mode.NATIVE)),
                    Map.entry("Timeout", sizing.timeoutSeconds()),
                    Map.entry("Environment", Map.of("Variables", sizing == Sizing.INGEST
                            ? Map.of("QUARKUS_FUNQY_EXPORT", sizing.export(), "DISABLE_SIGNAL_HANDLERS", "true",
                                    "OMREST_RUN_DEADLINE", "PT540S")
                            // no OMREST_HTTP_* allowance by default: the function URL's callers get nothing of the deployment's
                            : Map.of("QUARKUS_FUNQY_EXPORT", sizing.export(), "DISABLE_SIGNAL_HANDLERS", "true",
                                    "OMREST_TEST_CONNECTION_DEADLINE", "PT90S"))),
                    Map.entry("Code", Match.objectLike(Map.of("S3Key", Match.stringLikeRegexp("[0-9a-f]{64}\\.zip")))),
                    Map.entry("Description", Match.anyValue()),
                    Map.entry("LoggingConfig", Map.of("LogGroup", ref(stack.logGroup(sizing)))),
                    Map.entry("Role", arnOf(stack.function(sizing).getRole())))))));
        }
        template.findResources("AWS::Lambda::Function").values()
                .forEach(f -> codeKeys.add(((Map<?, ?>) ((Map<?, ?>) f.get("Properties")).get("Code")).get("S3Key")));
        assertEquals(1, codeKeys.size(), "all three functions deploy the same function.zip");
        assertEquals(Map.of("ingest", 1024, "testConnection", 512, "testConnectionHttp", 512, "pipelineService", 512),
                Map.of("ingest", Sizing.INGEST.memoryMb(DeploySettings.Mode.NATIVE), "testConnection",
                        Sizing.TEST_CONNECTION.memoryMb(DeploySettings.Mode.NATIVE), "testConnectionHttp",
                        Sizing.TEST_CONNECTION_HTTP.memoryMb(DeploySettings.Mode.NATIVE), "pipelineService",
                        Sizing.PIPELINE_SERVICE.memoryMb(DeploySettings.Mode.NATIVE)), "the documented table (infra/README.md)");
    }

    @Test
    void eachFunctionIsReachedThroughItsLiveAlias() {
        template.resourceCountIs("AWS::Lambda::Alias", 3);
        for (Sizing sizing : stack.sizings()) {
            template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                    "FunctionName", ref(stack.function(sizing)), "Name", ConnectorStack.ALIAS));
        }
    }

    @Test
    void oneRulePerServiceWithThePayloadAsConstantInputRetriesAndTheDeadLetterQueue() throws Exception {
        template.resourceCountIs("AWS::Events::Rule", services.size());
        for (ScheduledService service : services) {
            Capture input = new Capture();
            template.hasResourceProperties("AWS::Events::Rule", Match.objectEquals(Map.of(
                    "Description", Match.anyValue(),
                    "ScheduleExpression", service.schedule(),
                    "State", service.enabled() ? "ENABLED" : "DISABLED",
                    "Targets", List.of(Match.objectEquals(Map.of(
                            "Id", Match.anyValue(),
                            "Arn", ref(stack.alias(Sizing.INGEST)),
                            "Input", input,
                            "RetryPolicy", Map.of(
                                    "MaximumRetryAttempts", service.retryAttempts(),
                                    "MaximumEventAgeInSeconds", service.maxEventAgeSeconds()),
                            "DeadLetterConfig", Map.of("Arn", arnOf(stack.deadLetterQueue()))))))));
            JsonNode sent = Fixtures.JSON.readTree(input.asString());
            assertEquals(service.payload(), sent, service.name() + ": the event is the payload, unchanged");
        }
        // EventBridge may invoke the alias, once per rule
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "events.amazonaws.com",
                "FunctionName", ref(stack.alias(Sizing.INGEST))), services.size());
    }

    @Test
    void oneEncryptedDeadLetterQueueForUndeliveredEventsAndCrashedRuns() {
        template.resourceCountIs("AWS::SQS::Queue", 1);
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 14 * 24 * 3600));
        Capture statements = new Capture();
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement", statements, "Version", "2012-10-17")));
        long fromRules = ((List<?>) statements.asArray()).stream().filter(s -> s.toString().contains("events.amazonaws.com")).count();
        assertEquals(services.size(), fromRules, "EventBridge may send to the queue, per rule (aws:SourceArn)");
        // Lambda's own async retries: once, then the failure record goes to the same queue
        template.resourceCountIs("AWS::Lambda::EventInvokeConfig", 1);
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", ref(stack.function(Sizing.INGEST)),
                "MaximumRetryAttempts", ConnectorStack.INGEST_ASYNC_RETRIES,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", arnOf(stack.deadLetterQueue())))));
    }

    @Test
    void testConnectionHttpHasAnIamAuthorisedFunctionUrlWithBothInvokePermissions() {
        template.resourceCountIs("AWS::Lambda::Url", 1);
        template.hasResourceProperties("AWS::Lambda::Url", Match.objectEquals(Map.of(
                "AuthType", "AWS_IAM",
                "Qualifier", ConnectorStack.ALIAS,
                "TargetFunctionArn", arnOf(stack.function(Sizing.TEST_CONNECTION_HTTP)))));
        Map<String, Object> alias = ref(stack.alias(Sizing.TEST_CONNECTION_HTTP));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectEquals(Map.of(
                "Action", "lambda:InvokeFunctionUrl", "FunctionUrlAuthType", "AWS_IAM",
                "FunctionName", alias, "Principal", Fixtures.ACCOUNT)));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectEquals(Map.of(
                "Action", "lambda:InvokeFunction", "InvokedViaFunctionUrl", true,
                "FunctionName", alias, "Principal", Fixtures.ACCOUNT)));
        template.hasOutput("TestConnectionUrl", Match.objectLike(Map.of(
                "Value", Map.of("Fn::GetAtt", List.of(id(stack.testConnectionUrl()), "FunctionUrl")))));
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", "lambda:InvokeFunctionUrl", "Resource", alias)),
                        Match.objectLike(Map.of("Action", "lambda:InvokeFunction", "Resource", alias)))))))));
    }

    @Test
    void ingestMayDoExactlyThisAndNoMore() {
        String partition = "AWS::Partition";
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(ref(stack.function(Sizing.INGEST).getRole())),
                "PolicyDocument", Match.objectEquals(Map.of("Version", "2012-10-17", "Statement", List.of(
                        Map.of("Effect", "Allow",
                                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                "Resource", arnOf(stack.logGroup(Sizing.INGEST))),
                        Map.of("Effect", "Allow",   // on-failure destination of the async invocation
                                "Action", List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                                "Resource", arnOf(stack.deadLetterQueue())),
                        Map.of("Sid", "ReadNamedSecrets", "Effect", "Allow",
                                "Action", "secretsmanager:GetSecretValue",
                                "Resource", List.of(
                                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:om/bot-AbCdEf",
                                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:om/bot-AbCdEf-??????",
                                        join("arn:", Map.of("Ref", partition),
                                                ":secretsmanager:eu-west-1:" + Fixtures.ACCOUNT + ":secret:openmetadata/ingestion-bot-jwt-??????"))),
                        Map.of("Sid", "ReadNamedParameters", "Effect", "Allow",
                                "Action", "ssm:GetParameter",
                                "Resource", join("arn:", Map.of("Ref", partition),
                                        ":ssm:eu-west-1:" + Fixtures.ACCOUNT + ":parameter/specs/petstore-token")),
                        Map.of("Sid", "ReadNamedSpecObjects", "Effect", "Allow",
                                "Action", "s3:GetObject",
                                "Resource", List.of(
                                        join("arn:", Map.of("Ref", partition), ":s3:::shared-specs/inventory/v2/openapi.json"),
                                        join("arn:", Map.of("Ref", partition), ":s3:::team-specs/orders/openapi.json"))))))));
    }

    @Test
    void testConnectionFunctionsReadTheSpecObjectsButNoSecretsByDefault() {
        for (Sizing sizing : List.of(Sizing.TEST_CONNECTION, Sizing.TEST_CONNECTION_HTTP)) {
            Capture statements = new Capture();
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(ref(stack.function(sizing).getRole())),
                    "PolicyDocument", Map.of("Statement", statements, "Version", "2012-10-17")));
            String text = statements.asArray().toString();
            assertTrue(text.contains("s3:GetObject"), text);
            assertFalse(text.contains("secretsmanager:"), sizing + " must not read secrets: " + text);
            assertFalse(text.contains("ssm:"), sizing + " must not read parameters: " + text);
        }
    }

    @Test
    void noIamStatementAllowsEverythingAndNoRoleUsesAManagedPolicy() {
        assertEquals(List.of(), Fixtures.wildcardGrants(template));
        template.allResourcesProperties("AWS::IAM::Role", Map.of("ManagedPolicyArns", Match.absent()));
    }

    @Test
    void logGroupsKeepLogsThirtyDaysByDefault() {
        template.resourceCountIs("AWS::Logs::LogGroup", 3);
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void alarmsOnFunctionErrorsDeadLetterMessagesAndFailedRuns() {
        template.resourceCountIs("AWS::CloudWatch::Alarm", 5);
        for (Sizing sizing : stack.sizings()) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/Lambda", "MetricName", "Errors", "Statistic", "Sum", "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold", "TreatMissingData", "notBreaching",
                    "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(stack.function(sizing))))));
        }
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(id(stack.deadLetterQueue()), "QueueName"))))));
        template.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                "LogGroupName", ref(stack.logGroup(Sizing.INGEST)),
                "FilterPattern", "\"ingest service=\" \"status=failed\""));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", ConnectorStack.METRIC_NAMESPACE, "MetricName", "FailedIngestRuns", "Threshold", 1));
        template.allResourcesProperties("AWS::CloudWatch::Alarm", Map.of("AlarmActions", Match.absent()));
    }

    /** Without openMetadataUrl and botJwtSecret the stack is what it was before the pipeline service existed. */
    @Test
    void withoutItsContextValuesThereIsNoPipelineService() {
        assertTrue(stack.pipelineService().isEmpty());
        for (String type : List.of("AWS::SecretsManager::Secret", "AWS::Scheduler::ScheduleGroup", "AWS::Scheduler::Schedule")) {
            template.resourceCountIs(type, 0);
        }
        template.resourceCountIs("AWS::IAM::Role", 3);   // one per function, no scheduler role
        template.resourceCountIs("AWS::Lambda::Url", 1);
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of("Principal", "*"), 0);
        for (String output : List.of("PipelineServiceUrl", "PipelineServiceCredentialsSecretArn", "PipelineServiceScheduleGroup",
                "OpenMetadataServerSettings", "PipelineServiceFunctionName", "PipelineServiceLogGroup")) {
            assertFalse(template.findOutputs(output).size() > 0, output);
        }
        String text = Fixtures.tree(template).toString();
        assertFalse(text.contains("OMREST_PIPELINE_SERVICE_"), text);
        assertFalse(text.contains("scheduler"), text);
    }

    @Test
    void warnsAboutAnEnvReferenceTheStackDoesNotSet() {
        Annotations.fromStack(stack).hasWarning("*", Match.stringLikeRegexp(".*inventory_v2 references env:OMREST_SECRET_OM_JWT.*"));
    }

    private static Map<String, Object> join(Object... parts) {
        return Map.of("Fn::Join", List.of("", List.of(parts)));
    }
}
