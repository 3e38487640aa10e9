package dev.omrest.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the pipeline service (docs/pipeline-service.md) needs beside its function, which {@link ConnectorStack} builds
 * like the others: the Basic-auth credentials the server's stock Airflow client sends (generated), a function URL
 * without IAM auth (that client can only send Basic auth; the function checks it), the EventBridge Scheduler group of
 * the pipelines' schedules and the role those schedules assume, the grants, and the outputs to put into the server's
 * configuration. Every permission names its one resource: the pipeline service can manage schedules of its group
 * only, pass only the scheduler's role, and that role can only invoke {@code ingest}.
 */
public final class PipelineServiceResources {
    /** The user name in the generated credentials, the server's {@code AIRFLOW_USERNAME}. */
    public static final String USERNAME = "openmetadata";
    public static final String CLIENT_CLASS_NAME = "org.openmetadata.service.clients.pipeline.airflow.AirflowRESTClient";
    static final String SCHEDULER = "scheduler.amazonaws.com";
    static final String PREFIX = "OMREST_PIPELINE_SERVICE_";

    private final Secret credentials;
    private final CfnScheduleGroup scheduleGroup;
    private final Role schedulerRole;
    private final FunctionUrl url;
    private final String endpoint;

    PipelineServiceResources(ConnectorStack stack, PipelineServiceSettings settings) {
        Function function = stack.function(Sizing.PIPELINE_SERVICE);
        Alias ingest = stack.alias(Sizing.INGEST);
        LogGroup ingestLogs = stack.logGroup(Sizing.INGEST);
        List<String> botJwtArns = stack.secretArns(Set.of(settings.botJwtSecret()));

        this.credentials = Secret.Builder.create(stack, "PipelineServiceCredentials")
                .description("Basic-auth credentials OpenMetadata's server sends to the pipeline service (AIRFLOW_USERNAME, AIRFLOW_PASSWORD)")
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate("{\"username\":\"" + USERNAME + "\"}")
                        .generateStringKey("password")
                        // letters and digits only: the password travels through env files, YAML and shells, where ':'
                        // (Basic auth), quotes, '$', '#' and '\' all mean something
                        .excludePunctuation(true)
                        .includeSpace(false)
                        .passwordLength(40)
                        .build())
                .build();

        // named after the stack (48 characters at most, checked with the function's name), so one account can hold two
        this.scheduleGroup = CfnScheduleGroup.Builder.create(stack, "PipelineScheduleGroup")
                .name(stack.getStackName() + "-pipelines")
                .build();

        // what a schedule runs as: invoke ingest's alias, the target of services.json's rules too, and nothing else
        this.schedulerRole = Role.Builder.create(stack, "PipelineSchedulerRole")
                .assumedBy(new ServicePrincipal(SCHEDULER).withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()))))
                .description("EventBridge Scheduler: the pipeline service's schedules invoke ingest with it")
                .build();
        schedulerRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("InvokeIngest")
                .actions(List.of("lambda:InvokeFunction")).resources(List.of(ingest.getFunctionArn())).build());

        grantPipelineService(stack, (Role) function.getRole(), ingest, ingestLogs, botJwtArns);
        // ingest fetches the IngestionPipeline and its service with the bot JWT when a schedule names only the pipeline
        ((Role) stack.function(Sizing.INGEST).getRole()).addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReadBotJwt")
                .actions(List.of("secretsmanager:GetSecretValue")).resources(botJwtArns).build());

        environment(settings, ingest, ingestLogs, stack.pipelineServiceFunctionName()).forEach(function::addEnvironment);
        Function ingestFunction = stack.function(Sizing.INGEST);
        ingestFunction.addEnvironment(PREFIX + "OPENMETADATA_URL", settings.openMetadataUrl());
        ingestFunction.addEnvironment(PREFIX + "BOT_JWT_SECRET", settings.botJwtSecret());

        // the server's stock client sends Basic auth only, so no IAM auth here: the function checks the credentials
        this.url = stack.alias(Sizing.PIPELINE_SERVICE).addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE).build());
        // a function URL ends with '/', and the client appends "/api/v1/...": "//api" is another path to Lambda
        this.endpoint = Fn.join("", List.of("https://", Fn.select(2, Fn.split("/", url.getUrl()))));

        outputs(stack, settings);
        if (!settings.urlLooksLikeAnApiRoot()) {
            Annotations.of(stack).addWarningV2("omrest:openMetadataUrlPath", DeploySettings.OPENMETADATA_URL + " "
                    + settings.openMetadataUrl() + " does not end in /api: it must be the server's API root, as its SERVER_HOST_API_URL");
        }
    }

    private void grantPipelineService(ConnectorStack stack, Role role, Alias ingest, LogGroup ingestLogs, List<String> botJwtArns) {
        String schedules = stack.formatArn(ArnComponents.builder().service("scheduler").resource("schedule")
                .resourceName(scheduleGroup.getRef() + "/*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        // the name is fixed before the function exists (ConnectorStack.addFunction): no reference back to it
        String self = stack.formatArn(ArnComponents.builder().service("lambda").resource("function")
                .resourceName(stack.pipelineServiceFunctionName()).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        List<String> secrets = new ArrayList<>();
        secrets.add(credentials.getSecretArn());
        secrets.addAll(botJwtArns);
        List.of(
                PolicyStatement.Builder.create().sid("ManagePipelineSchedules")
                        .actions(List.of("scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:GetSchedule",
                                "scheduler:DeleteSchedule"))
                        .resources(List.of(schedules)).build(),
                PolicyStatement.Builder.create().sid("PassSchedulerRole")
                        .actions(List.of("iam:PassRole")).resources(List.of(schedulerRole.getRoleArn()))
                        .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", SCHEDULER))).build(),
                // trigger: an asynchronous run of ingest, as a schedule starts it
                PolicyStatement.Builder.create().sid("InvokeIngest")
                        .actions(List.of("lambda:InvokeFunction")).resources(List.of(ingest.getFunctionArn())).build(),
                // run_automation answers at once and runs the test connection in an asynchronous invocation of itself
                PolicyStatement.Builder.create().sid("InvokeItself")
                        .actions(List.of("lambda:InvokeFunction")).resources(List.of(self, self + ":*")).build(),
                // last_dag_logs
                PolicyStatement.Builder.create().sid("ReadIngestLogs")
                        .actions(List.of("logs:FilterLogEvents")).resources(List.of(ingestLogs.getLogGroupArn())).build(),
                PolicyStatement.Builder.create().sid("ReadCredentialsAndBotJwt")
                        .actions(List.of("secretsmanager:GetSecretValue")).resources(secrets).build()
        ).forEach(role::addToPrincipalPolicy);
    }

    /** The {@code OMREST_PIPELINE_SERVICE_*} settings of docs/pipeline-service.md, beside QUARKUS_FUNQY_EXPORT. */
    private Map<String, String> environment(PipelineServiceSettings settings, Alias ingest, LogGroup ingestLogs,
                                            String functionName) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(PREFIX + "OPENMETADATA_URL", settings.openMetadataUrl());
        environment.put(PREFIX + "BOT_JWT_SECRET", settings.botJwtSecret());
        environment.put(PREFIX + "CREDENTIALS_SECRET", credentials.getSecretArn());
        environment.put(PREFIX + "SCHEDULE_GROUP", scheduleGroup.getRef());
        environment.put(PREFIX + "SCHEDULER_ROLE_ARN", schedulerRole.getRoleArn());
        environment.put(PREFIX + "INGEST_FUNCTION_ARN", ingest.getFunctionArn());
        environment.put(PREFIX + "INGEST_LOG_GROUP", ingestLogs.getLogGroupName());
        // run_automation runs on the alias the URL serves (its SnapStart snapshot, its version), not on $LATEST
        environment.put(PREFIX + "SELF_FUNCTION", functionName + ":" + ConnectorStack.ALIAS);
        if (!settings.egressIps().isEmpty()) {
            environment.put(PREFIX + "EGRESS_IP", String.join(",", settings.egressIps()));
        }
        return environment;
    }

    /** The values to put into the server's configuration; the password stays in the secret, never in an output. */
    private void outputs(ConnectorStack stack, PipelineServiceSettings settings) {
        CfnOutput.Builder.create(stack, "PipelineServiceUrl").value(endpoint)
                .description("The server's PIPELINE_SERVICE_CLIENT_ENDPOINT: pipelineService's function URL without the trailing '/'").build();
        CfnOutput.Builder.create(stack, "PipelineServiceCredentialsSecretArn").value(credentials.getSecretArn())
                .description("The server's AIRFLOW_USERNAME and AIRFLOW_PASSWORD: read them with aws secretsmanager get-secret-value"
                        + " --secret-id <this ARN> --query SecretString --output text").build();
        CfnOutput.Builder.create(stack, "PipelineServiceScheduleGroup").value(scheduleGroup.getRef())
                .description("EventBridge Scheduler group of the schedules the pipeline service deploys").build();
        List<String> text = new ArrayList<>(List.of(
                "PIPELINE_SERVICE_CLIENT_ENDPOINT=", endpoint,
                " PIPELINE_SERVICE_CLIENT_CLASS_NAME=" + CLIENT_CLASS_NAME,
                " AIRFLOW_USERNAME=" + USERNAME,
                " AIRFLOW_PASSWORD=<password-in-PipelineServiceCredentialsSecretArn>",
                " SERVER_HOST_API_URL=" + settings.openMetadataUrl()));
        if (!settings.egressIps().isEmpty()) {
            text.add(" PIPELINE_SERVICE_IP_INFO_ENABLED=true");   // the server asks for the ip only when this is on
        }
        CfnOutput.Builder.create(stack, "OpenMetadataServerSettings").value(Fn.join("", text))
                .description("Environment of the OpenMetadata server (openmetadata.yaml's pipelineServiceClientConfiguration)").build();
    }

    public Secret credentials() {
        return credentials;
    }

    public CfnScheduleGroup scheduleGroup() {
        return scheduleGroup;
    }

    public Role schedulerRole() {
        return schedulerRole;
    }

    public FunctionUrl url() {
        return url;
    }
}
