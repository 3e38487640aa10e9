package dev.omrest.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default stack (native, x86_64, test-services.json) with the pipeline service on: the bot JWT secret given by
 * name, no egress address. JvmStackTest covers the JVM runtime, a secret ARN and egress addresses.
 */
class PipelineServiceStackTest {
    static final String OPENMETADATA_URL = "https://openmetadata.example.com/api";
    static final String BOT_JWT_SECRET = "openmetadata/ingestion-bot-jwt";
    static final String PARTITION = "AWS::Partition";

    @TempDir
    static Path dir;
    static ConnectorStack stack;
    static PipelineServiceResources pipeline;
    static Template template;

    @BeforeAll
    static void synth() {
        stack = Fixtures.stack(Fixtures.app(dir, Map.of(
                DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString(),
                DeploySettings.SERVICES_FILE, Fixtures.resource("test-services.json").toString(),
                DeploySettings.OPENMETADATA_URL, OPENMETADATA_URL,
                DeploySettings.BOT_JWT_SECRET, BOT_JWT_SECRET)));
        pipeline = stack.pipelineService().orElseThrow();
        template = Template.fromStack(stack);
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

    static Map<String, Object> join(Object... parts) {
        return Map.of("Fn::Join", List.of("", List.of(parts)));
    }

    /** arn:${Partition}:<rest>, as formatArn writes an ARN in a stack whose account and region are known. */
    static Map<String, Object> arn(String rest) {
        return join("arn:", Map.of("Ref", PARTITION), rest);
    }

    static Map<String, Object> statement(String sid, Object action, Object resource) {
        return Map.of("Sid", sid, "Effect", "Allow", "Action", action, "Resource", resource);
    }

    /** The policy attached to {@code role}, which must be exactly {@code statements}. */
    static void policyIs(IConstruct role, List<Map<String, Object>> statements) {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(ref(role)),
                "PolicyDocument", Match.objectEquals(Map.of("Version", "2012-10-17", "Statement", statements))));
    }

    @Test
    void aFourthFunctionFromTheSameZipWithItsExportSizeAndFixedName() {
        template.resourceCountIs("AWS::Lambda::Function", 4);
        assertEquals(List.of(Sizing.values()), stack.sizings());
        template.hasResource("AWS::Lambda::Function", Match.objectLike(Map.of("Properties", Match.objectEquals(Map.ofEntries(
                Map.entry("FunctionName", "OmRestTest-pipelineService"),
                Map.entry("Runtime", "provided.al2023"),
                Map.entry("Handler", "not.used.in.provided.runtime"),
                Map.entry("Architectures", List.of("x86_64")),
                Map.entry("MemorySize", 512),
                Map.entry("Timeout", 180),
                Map.entry("ReservedConcurrentExecutions", 10),
                Map.entry("Environment", Map.of("Variables", Map.ofEntries(
                        Map.entry("QUARKUS_FUNQY_EXPORT", "pipelineService"),
                        Map.entry("DISABLE_SIGNAL_HANDLERS", "true"),
                        Map.entry("OMREST_PIPELINE_SERVICE_OPENMETADATA_URL", OPENMETADATA_URL),
                        Map.entry("OMREST_PIPELINE_SERVICE_BOT_JWT_SECRET", BOT_JWT_SECRET),
                        Map.entry("OMREST_PIPELINE_SERVICE_CREDENTIALS_SECRET", ref(pipeline.credentials())),
                        Map.entry("OMREST_PIPELINE_SERVICE_SCHEDULE_GROUP", ref(pipeline.scheduleGroup())),
                        Map.entry("OMREST_PIPELINE_SERVICE_SCHEDULER_ROLE_ARN", arnOf(pipeline.schedulerRole())),
                        Map.entry("OMREST_PIPELINE_SERVICE_INGEST_FUNCTION_ARN", ref(stack.alias(Sizing.INGEST))),
                        Map.entry("OMREST_PIPELINE_SERVICE_INGEST_LOG_GROUP", ref(stack.logGroup(Sizing.INGEST))),
                        Map.entry("OMREST_PIPELINE_SERVICE_SELF_FUNCTION", "OmRestTest-pipelineService:live")))),
                Map.entry("Code", Match.objectLike(Map.of("S3Key", Match.stringLikeRegexp("[0-9a-f]{64}\\.zip")))),
                Map.entry("Description", "OpenMetadata REST connector: pipelineService (native)"),
                Map.entry("LoggingConfig", Map.of("LogGroup", ref(stack.logGroup(Sizing.PIPELINE_SERVICE)))),
                Map.entry("Role", arnOf(stack.function(Sizing.PIPELINE_SERVICE).getRole())))))));
        assertEquals(1, template.findResources("AWS::Lambda::Function").values().stream()
                .map(f -> ((Map<?, ?>) ((Map<?, ?>) f.get("Properties")).get("Code")).get("S3Key")).distinct().count());
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "FunctionName", ref(stack.function(Sizing.PIPELINE_SERVICE)), "Name", ConnectorStack.ALIAS));
        template.resourceCountIs("AWS::Logs::LogGroup", 4);
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Errors",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(stack.function(Sizing.PIPELINE_SERVICE))))));
        template.resourceCountIs("AWS::CloudWatch::Alarm", 7);
    }

    /** The public URL's refusals are counted from the JSON log and alarm when they look like guessing. */
    @Test
    void refusedCredentialsAreCountedAndAlarmed() {
        template.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                "LogGroupName", ref(stack.logGroup(Sizing.PIPELINE_SERVICE)),
                "FilterPattern", "{ $.mdc.event = \"failedAuth\" }",
                "MetricTransformations", List.of(Map.of("MetricNamespace", ConnectorStack.METRIC_NAMESPACE,
                        "MetricName", "PipelineServiceFailedAuth", "MetricValue", "1", "DefaultValue", 0))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", ConnectorStack.METRIC_NAMESPACE, "MetricName", "PipelineServiceFailedAuth", "Threshold", 10,
                "Period", 300, "Statistic", "Sum", "ComparisonOperator", "GreaterThanOrEqualToThreshold"));
    }

    @Test
    void ingestAlsoLearnsTheServerAndTheBotJwtSecretAndTheTestConnectionsNothing() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Match.objectEquals(Map.of("Variables", Map.of(
                        "QUARKUS_FUNQY_EXPORT", "ingest", "DISABLE_SIGNAL_HANDLERS", "true", "OMREST_RUN_DEADLINE", "PT540S",
                        "OMREST_PIPELINE_SERVICE_OPENMETADATA_URL", OPENMETADATA_URL,
                        "OMREST_PIPELINE_SERVICE_BOT_JWT_SECRET", BOT_JWT_SECRET)))));
        for (Sizing sizing : List.of(Sizing.TEST_CONNECTION, Sizing.TEST_CONNECTION_HTTP)) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Environment", Match.objectEquals(Map.of("Variables", Map.of(
                            "QUARKUS_FUNQY_EXPORT", sizing.export(), "DISABLE_SIGNAL_HANDLERS", "true",
                            "OMREST_TEST_CONNECTION_DEADLINE", "PT90S")))));
        }
    }

    /** The server's stock client can only send Basic auth: no IAM auth, the function checks the credentials. */
    @Test
    void aFunctionUrlWithoutIamAuthOnTheLiveAlias() {
        template.resourceCountIs("AWS::Lambda::Url", 2);
        template.hasResourceProperties("AWS::Lambda::Url", Match.objectEquals(Map.of(
                "AuthType", "NONE",
                "Qualifier", ConnectorStack.ALIAS,
                "TargetFunctionArn", arnOf(stack.function(Sizing.PIPELINE_SERVICE)))));
        Map<String, Object> alias = ref(stack.alias(Sizing.PIPELINE_SERVICE));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectEquals(Map.of(
                "Action", "lambda:InvokeFunctionUrl", "FunctionUrlAuthType", "NONE", "FunctionName", alias, "Principal", "*")));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectEquals(Map.of(
                "Action", "lambda:InvokeFunction", "InvokedViaFunctionUrl", true, "FunctionName", alias, "Principal", "*")));
        // anyone may call the URL, but only through it: no other permission for everyone
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of("Principal", "*"), 2);
        template.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "AWS_IAM", "TargetFunctionArn",
                arnOf(stack.function(Sizing.TEST_CONNECTION_HTTP))));
    }

    @Test
    void basicAuthCredentialsAreGeneratedLettersAndDigitsOnly() {
        template.resourceCountIs("AWS::SecretsManager::Secret", 1);
        template.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectEquals(Map.of(
                "Description", Match.anyValue(),
                "GenerateSecretString", Map.of(
                        "SecretStringTemplate", "{\"username\":\"openmetadata\"}",
                        "GenerateStringKey", "password",
                        "ExcludePunctuation", true,
                        "IncludeSpace", false,
                        "PasswordLength", 40))));
    }

    @Test
    void aScheduleGroupNamedAfterTheStack() {
        template.resourceCountIs("AWS::Scheduler::ScheduleGroup", 1);
        template.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Match.objectEquals(Map.of("Name", "OmRestTest-pipelines")));
        template.resourceCountIs("AWS::Scheduler::Schedule", 0);   // the function creates them
    }

    @Test
    void theSchedulersRoleIsAssumedByTheSchedulerOfThisAccountAndMayOnlyInvokeIngest() {
        template.hasResourceProperties("AWS::IAM::Role", Match.objectEquals(Map.of(
                "Description", Match.anyValue(),
                "AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "scheduler.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Fixtures.ACCOUNT))))))));
        policyIs(pipeline.schedulerRole(), List.of(
                statement("InvokeIngest", "lambda:InvokeFunction", ref(stack.alias(Sizing.INGEST)))));
        template.resourceCountIs("AWS::IAM::Role", 5);
    }

    @Test
    void thePipelineServiceMayDoExactlyThisAndNoMore() {
        String self = ":lambda:" + Fixtures.REGION + ":" + Fixtures.ACCOUNT + ":function:OmRestTest-pipelineService";
        policyIs(stack.function(Sizing.PIPELINE_SERVICE).getRole(), List.of(
                Map.of("Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        "Resource", arnOf(stack.logGroup(Sizing.PIPELINE_SERVICE))),
                statement("ManagePipelineSchedules",
                        List.of("scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:GetSchedule", "scheduler:DeleteSchedule"),
                        join("arn:", Map.of("Ref", PARTITION), ":scheduler:" + Fixtures.REGION + ":" + Fixtures.ACCOUNT + ":schedule/",
                                ref(pipeline.scheduleGroup()), "/*")),
                Map.of("Sid", "PassSchedulerRole", "Effect", "Allow",
                        "Action", "iam:PassRole",
                        "Resource", arnOf(pipeline.schedulerRole()),
                        "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com"))),
                statement("InvokeIngest", "lambda:InvokeFunction", ref(stack.alias(Sizing.INGEST))),
                statement("InvokeItself", "lambda:InvokeFunction", List.of(arn(self), arn(self + ":*"))),
                statement("ReadIngestLogs", "logs:FilterLogEvents", arnOf(stack.logGroup(Sizing.INGEST))),
                statement("ReadCredentialsAndBotJwt", "secretsmanager:GetSecretValue", List.of(
                        ref(pipeline.credentials()),
                        arn(":secretsmanager:" + Fixtures.REGION + ":" + Fixtures.ACCOUNT + ":secret:" + BOT_JWT_SECRET + "-??????")))));
    }

    @Test
    void ingestMayAlsoReadTheBotJwtAndNothingElseNew() {
        Map<String, Object> partition = Map.of("Ref", PARTITION);
        policyIs(stack.function(Sizing.INGEST).getRole(), List.of(
                Map.of("Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        "Resource", arnOf(stack.logGroup(Sizing.INGEST))),
                Map.of("Effect", "Allow",
                        "Action", List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                        "Resource", arnOf(stack.deadLetterQueue())),
                statement("ReadNamedSecrets", "secretsmanager:GetSecretValue", List.of(
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:om/bot-AbCdEf",
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:om/bot-AbCdEf-??????",
                        arn(":secretsmanager:eu-west-1:" + Fixtures.ACCOUNT + ":secret:openmetadata/ingestion-bot-jwt-??????"))),
                statement("ReadNamedParameters", "ssm:GetParameter",
                        join("arn:", partition, ":ssm:eu-west-1:" + Fixtures.ACCOUNT + ":parameter/specs/petstore-token")),
                statement("ReadNamedSpecObjects", "s3:GetObject", List.of(
                        join("arn:", partition, ":s3:::shared-specs/inventory/v2/openapi.json"),
                        join("arn:", partition, ":s3:::team-specs/orders/openapi.json"))),
                statement("ReadBotJwt", "secretsmanager:GetSecretValue",
                        arn(":secretsmanager:" + Fixtures.REGION + ":" + Fixtures.ACCOUNT + ":secret:" + BOT_JWT_SECRET + "-??????"))));
    }

    /**
     * The function depends on its role's policy, so that policy names the function by its fixed name, never by a
     * reference: a reference would be a dependency cycle, which Template.fromStack (synth above) refuses, as shown here.
     */
    @Test
    void noCircularDependencyAndNoWildcardGrant() {
        String policy = Fixtures.JSON.valueToTree(template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                "Roles", List.of(ref(stack.function(Sizing.PIPELINE_SERVICE).getRole())))))).toString();
        for (IConstruct own : List.of(stack.function(Sizing.PIPELINE_SERVICE), stack.alias(Sizing.PIPELINE_SERVICE), pipeline.url())) {
            assertFalse(policy.contains("\"" + id(own) + "\""), id(own) + " in " + policy);
        }
        Map<String, Object> statement = Map.of("Resource", Map.of("Fn::GetAtt", List.of("Fn", "Arn")));
        RuntimeException cycle = assertThrows(RuntimeException.class, () -> Template.fromJSON(Map.of("Resources", Map.of(
                "Fn", Map.of("Type", "AWS::Lambda::Function", "DependsOn", List.of("Policy")),
                "Policy", Map.of("Type", "AWS::IAM::Policy", "Properties", Map.of("PolicyDocument", Map.of("Statement", List.of(statement))))))));
        assertTrue(cycle.getMessage().contains("these resources have a dependency cycle"), cycle.getMessage());

        assertEquals(List.of(), Fixtures.wildcardGrants(template));
        template.allResourcesProperties("AWS::IAM::Role", Map.of("ManagedPolicyArns", Match.absent()));
    }

    @Test
    void theOutputsAreWhatTheServersConfigurationTakes() {
        Map<String, Object> host = Map.of("Fn::Select", List.of(2, Map.of("Fn::Split", List.of("/",
                Map.of("Fn::GetAtt", List.of(id(pipeline.url()), "FunctionUrl"))))));
        template.hasOutput("PipelineServiceUrl", Match.objectLike(Map.of("Value", join("https://", host))));
        template.hasOutput("PipelineServiceCredentialsSecretArn", Match.objectLike(Map.of(
                "Value", ref(pipeline.credentials()),
                "Description", Match.stringLikeRegexp(".*aws secretsmanager get-secret-value --secret-id .*"))));
        template.hasOutput("PipelineServiceScheduleGroup", Match.objectLike(Map.of("Value", ref(pipeline.scheduleGroup()))));
        template.hasOutput("OpenMetadataServerSettings", Match.objectLike(Map.of("Value", join(
                "PIPELINE_SERVICE_CLIENT_ENDPOINT=https://", host,
                " PIPELINE_SERVICE_CLIENT_CLASS_NAME=org.openmetadata.service.clients.pipeline.airflow.AirflowRESTClient"
                        + " AIRFLOW_USERNAME=openmetadata AIRFLOW_PASSWORD=<password-in-PipelineServiceCredentialsSecretArn>"
                        + " SERVER_HOST_API_URL=" + OPENMETADATA_URL))));
        template.hasOutput("PipelineServiceFunctionName", Match.objectLike(Map.of("Value", ref(stack.function(Sizing.PIPELINE_SERVICE)))));
        template.hasOutput("PipelineServiceLogGroup", Match.objectLike(Map.of("Value", ref(stack.logGroup(Sizing.PIPELINE_SERVICE)))));
        // never the password itself: no dynamic reference to the secret anywhere
        assertFalse(Fixtures.tree(template).toString().contains("resolve:secretsmanager"));
    }

    /** services.json's EventBridge rules stay, beside the scheduler's schedules, and both invoke the same alias. */
    @Test
    void theServicesFileRulesStayAsAnAlternative() {
        List<ScheduledService> services = ServicesConfig.load(Fixtures.resource("test-services.json"));
        template.resourceCountIs("AWS::Events::Rule", services.size());
        template.allResourcesProperties("AWS::Events::Rule", Map.of(
                "Targets", List.of(Match.objectLike(Map.of("Arn", ref(stack.alias(Sizing.INGEST)))))));
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "events.amazonaws.com",
                "FunctionName", ref(stack.alias(Sizing.INGEST))), services.size());
        template.hasOutput("TestConnectionUrl", Match.anyValue());
        template.resourceCountIs("AWS::SQS::Queue", 1);
        Annotations.fromStack(stack).hasNoWarning("*", Match.stringLikeRegexp(".*openMetadataUrl.*"));
    }
}
