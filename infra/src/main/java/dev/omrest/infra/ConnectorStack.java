package dev.omrest.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.logs.MetricFilterOptions;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One stack: the three Lambda functions backed by the same {@code function.zip} (the export picked by
 * {@code QUARKUS_FUNQY_EXPORT}), one EventBridge rule per scheduled service, a dead-letter queue, an IAM-authorised
 * function URL for test-connection, least-privilege roles, log groups with retention and alarms. With the pipeline
 * service's context values, a fourth function from the same zip and what it needs ({@link PipelineServiceResources}).
 * All inputs come from CDK context ({@link DeploySettings}) and the services file ({@link ServicesConfig}).
 */
public class ConnectorStack extends Stack {
    public static final String ALIAS = "live";
    public static final String METRIC_NAMESPACE = "OpenMetadataRestConnector";
    /** pipelineService's calls at once: the server's client makes one at a time, a test connection adds one more. */
    static final int PIPELINE_SERVICE_CONCURRENCY = 10;
    /** Refused calls in 5 minutes that raise the alarm: a server with a wrong password health-checks once in 5. */
    static final int FAILED_AUTH_ALARM = 10;
    public static final String JVM_HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    public static final String NATIVE_HANDLER = "not.used.in.provided.runtime";
    /** Lambda's own retries of an async (EventBridge) invocation that crashed or timed out. */
    public static final int INGEST_ASYNC_RETRIES = 1;
    /** Lambda's limit on a function name. */
    static final int MAX_FUNCTION_NAME = 64;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DeploySettings settings;
    private final List<Sizing> sizings;
    private final List<ScheduledService> services;
    private final Map<Sizing, Function> functions = new EnumMap<>(Sizing.class);
    private final Map<Sizing, Alias> aliases = new EnumMap<>(Sizing.class);
    private final Map<Sizing, LogGroup> logGroups = new EnumMap<>(Sizing.class);
    private final Queue deadLetterQueue;
    private final FunctionUrl testConnectionUrl;
    private final Optional<PipelineServiceResources> pipelineService;

    public ConnectorStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        this.settings = DeploySettings.from(getNode());
        // the pipeline service's function exists only when its context values are given
        this.sizings = Arrays.stream(Sizing.values())
                .filter(s -> s != Sizing.PIPELINE_SERVICE || settings.pipelineService().isPresent())
                .toList();
        if (settings.pipelineService().isPresent() && pipelineServiceFunctionName().length() > MAX_FUNCTION_NAME) {
            throw new ServicesConfig.InvalidConfigException("The pipeline service's function is named " + pipelineServiceFunctionName()
                    + ", longer than Lambda's " + MAX_FUNCTION_NAME + " characters: use a stackName of at most "
                    + (MAX_FUNCTION_NAME - 1 - Sizing.PIPELINE_SERVICE.export().length()) + " characters");
        }
        this.services = ServicesConfig.load(settings.servicesFile());
        FunctionZip.check(settings.functionZip(), settings.mode(), settings.architecture() == Architecture.ARM_64);
        Code code = Code.fromAsset(settings.functionZip().toString());

        this.deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();

        for (Sizing sizing : sizings) {
            addFunction(sizing, code);
        }
        grantNamedResources();
        // services.json's EventBridge rules stay as they are, beside the pipeline service's schedules: an alternative
        for (ScheduledService service : services) {
            addSchedule(service);
        }
        this.testConnectionUrl = addTestConnectionUrl();
        this.pipelineService = settings.pipelineService().map(p -> new PipelineServiceResources(this, p));
        addAlarms();
        warnAboutLocalReferences();

        CfnOutput.Builder.create(this, "TestConnectionUrl").value(testConnectionUrl.getUrl())
                .description("Function URL of testConnectionHttp (AWS_IAM: sign requests with SigV4, service 'lambda')").build();
        CfnOutput.Builder.create(this, "DeadLetterQueueUrl").value(deadLetterQueue.getQueueUrl())
                .description("Scheduled ingestions EventBridge could not deliver, and runs that crashed after retries").build();
        for (Sizing sizing : sizings) {
            String name = Character.toUpperCase(sizing.export().charAt(0)) + sizing.export().substring(1);
            CfnOutput.Builder.create(this, name + "FunctionName").value(functions.get(sizing).getFunctionName()).build();
            CfnOutput.Builder.create(this, name + "LogGroup").value(logGroups.get(sizing).getLogGroupName()).build();
        }
    }

    /** No new write after the timeout less a tenth (at least 30 s), so a run reports before Lambda stops it. */
    static String runDeadline(int timeoutSeconds) {
        return "PT" + (timeoutSeconds - Math.max(30, timeoutSeconds / 10)) + "S";
    }

    private void addFunction(Sizing sizing, Code code) {
        String id = Character.toUpperCase(sizing.export().charAt(0)) + sizing.export().substring(1);
        LogGroup logGroup = LogGroup.Builder.create(this, id + "Logs").retention(settings.logRetention()).build();
        // own role: only this log group, no AWSLambdaBasicExecutionRole (which allows logs:* on every group)
        Role role = Role.Builder.create(this, id + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("OpenMetadata REST connector, function " + sizing.export())
                .build();
        logGroup.grantWrite(role);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_FUNQY_EXPORT", sizing.export());
        if (sizing == Sizing.INGEST) {
            // Funqy does not hand the Lambda context to functions: the run learns its deadline from here
            environment.put("OMREST_RUN_DEADLINE", runDeadline(settings.timeoutSeconds().get(sizing)));
            settings.unchangedCheck().ifPresent(check -> environment.put("OMREST_RUN_UNCHANGED_CHECK", check));
            settings.unchangedCheckMaxAgeHours().ifPresent(hours ->
                    environment.put("OMREST_RUN_UNCHANGED_CHECK_MAX_AGE", "PT" + hours + "H"));
        }
        if (sizing == Sizing.TEST_CONNECTION || sizing == Sizing.TEST_CONNECTION_HTTP) {
            // a test connection answers within this, whatever the servers it checks do (the pipeline service's own
            // test connection keeps the function's 90 s default, inside its 180 s with time left to patch the Workflow)
            environment.put("OMREST_TEST_CONNECTION_DEADLINE", runDeadline(settings.timeoutSeconds().get(sizing)));
        }
        if (sizing == Sizing.TEST_CONNECTION_HTTP) {
            environment.putAll(callerAllowances());
        }
        boolean jvm = settings.mode() == DeploySettings.Mode.JVM;
        if (!jvm) {
            environment.put("DISABLE_SIGNAL_HANDLERS", "true");   // as Quarkus's own sam.native.yaml
        }
        Function.Builder builder = Function.Builder.create(this, id)
                .description("OpenMetadata REST connector: " + sizing.export() + " (" + (jvm ? "JVM" : "native") + ")")
                .code(code)
                .runtime(jvm ? Runtime.JAVA_21 : Runtime.PROVIDED_AL2023)
                .handler(jvm ? JVM_HANDLER : NATIVE_HANDLER)
                .architecture(settings.architecture())
                .memorySize(settings.memoryMb().get(sizing))
                .timeout(Duration.seconds(settings.timeoutSeconds().get(sizing)))
                .environment(environment)
                .role(role)
                .logGroup(logGroup);
        if (sizing == Sizing.PIPELINE_SERVICE) {
            // run_automation invokes the function itself: a name known before the function exists lets its own role's
            // policy name it without referring to the function, which depends on that policy (a circular dependency)
            builder.functionName(pipelineServiceFunctionName());
            // its URL is public (the server's client can only send Basic auth): a flood of calls, credentials or not,
            // must not take the account's concurrency from ingest and every other function
            builder.reservedConcurrentExecutions(PIPELINE_SERVICE_CONCURRENCY);
        }
        if (jvm) {
            // SnapStart restores an initialised JVM snapshot; it applies to published versions, hence the alias
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        Function function = builder.build();
        if (jvm) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "every trigger invokes the 'live' alias of the published current version");
        }

        Alias.Builder alias = Alias.Builder.create(this, id + "Alias").aliasName(ALIAS).version(function.getCurrentVersion());
        if (sizing == Sizing.INGEST) {
            alias.retryAttempts(INGEST_ASYNC_RETRIES)
                    .maxEventAge(Duration.hours(1))
                    .onFailure(new SqsDestination(deadLetterQueue));
        }
        functions.put(sizing, function);
        aliases.put(sizing, alias.build());
        logGroups.put(sizing, logGroup);
    }

    /**
     * Exactly the secrets, parameters and S3 objects the schedules name. Ingest gets all of them; the
     * test-connection functions get the S3 objects, and the secrets only when {@code testConnectionReadsSecrets}
     * is on (their callers choose the URL a token is sent to).
     */
    private void grantNamedResources() {
        Set<String> secrets = new TreeSet<>();
        Set<String> parameters = new TreeSet<>();
        Set<AccessNeeds.S3Object> objects = new TreeSet<>();
        for (ScheduledService service : services) {
            secrets.addAll(service.access().secrets());
            parameters.addAll(service.access().parameters());
            objects.addAll(service.access().s3Objects());
        }
        List<PolicyStatement> secretStatements = new ArrayList<>();
        if (!secrets.isEmpty()) {
            secretStatements.add(PolicyStatement.Builder.create().sid("ReadNamedSecrets")
                    .actions(List.of("secretsmanager:GetSecretValue")).resources(secretArns(secrets)).build());
        }
        if (!parameters.isEmpty()) {
            secretStatements.add(PolicyStatement.Builder.create().sid("ReadNamedParameters")
                    .actions(List.of("ssm:GetParameter")).resources(parameterArns(parameters)).build());
        }
        PolicyStatement s3 = objects.isEmpty() ? null : PolicyStatement.Builder.create().sid("ReadNamedSpecObjects")
                .actions(List.of("s3:GetObject"))
                .resources(objects.stream().map(o -> "arn:" + Aws.PARTITION + ":s3:::" + o.bucket() + "/" + o.key()).toList())
                .build();
        // never to the pipeline service: it reads no spec and no secret a schedule names
        for (Sizing sizing : List.of(Sizing.INGEST, Sizing.TEST_CONNECTION, Sizing.TEST_CONNECTION_HTTP)) {
            Role role = (Role) functions.get(sizing).getRole();
            if (sizing == Sizing.INGEST || settings.testConnectionReadsSecrets()) {
                secretStatements.forEach(role::addToPrincipalPolicy);
            }
            if (s3 != null) {
                role.addToPrincipalPolicy(s3);
            }
        }
    }

    /**
     * What callers of the function URL may make it use (README "Security"): nothing unless the deployment says so.
     * With {@code testConnectionReadsSecrets}, exactly the references the schedules name, as IAM grants them.
     */
    private Map<String, String> callerAllowances() {
        Map<String, String> allowances = new LinkedHashMap<>();
        if (settings.testConnectionReadsSecrets()) {
            Set<String> references = new TreeSet<>();
            for (ScheduledService service : services) {
                service.access().secrets().forEach(id -> references.add(AccessNeeds.SECRETS_MANAGER + id));
                service.access().parameters().forEach(name -> references.add(AccessNeeds.SSM + name));
            }
            if (!references.isEmpty()) {
                allowances.put("OMREST_HTTP_SECRET_REFERENCES", String.join(",", references));
            }
        }
        settings.testConnectionFileDirectory().ifPresent(dir -> allowances.put("OMREST_HTTP_FILE_DIRECTORY", dir));
        if (!settings.testConnectionS3Endpoints().isEmpty()) {
            allowances.put("OMREST_HTTP_S3_ENDPOINTS", String.join(",", settings.testConnectionS3Endpoints()));
        }
        return allowances;
    }

    /**
     * The ARNs IAM must name for secrets given by name or ARN: Secrets Manager appends 6 random characters to a name,
     * and an ARN may be given without them.
     */
    List<String> secretArns(Set<String> secrets) {
        List<String> arns = new ArrayList<>();
        for (String secret : secrets) {
            if (secret.startsWith("arn:")) {
                arns.add(secret);                 // complete ARN
                arns.add(secret + "-??????");     // partial ARN: Secrets Manager appends 6 random characters
            } else {
                arns.add(formatArn(ArnComponents.builder().service("secretsmanager").resource("secret")
                        .resourceName(secret + "-??????").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()));
            }
        }
        return arns;
    }

    private List<String> parameterArns(Set<String> parameters) {
        List<String> arns = new ArrayList<>();
        for (String parameter : parameters) {
            if (parameter.startsWith("arn:")) {
                arns.add(parameter);
            } else {
                String name = parameter.startsWith("/") ? parameter.substring(1) : parameter;
                arns.add(formatArn(ArnComponents.builder().service("ssm").resource("parameter")
                        .resourceName(name).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build()));
            }
        }
        return arns;
    }

    @SuppressWarnings("unchecked")
    private void addSchedule(ScheduledService service) {
        Map<String, Object> payload = MAPPER.convertValue(service.payload(), Map.class);
        Rule rule = Rule.Builder.create(this, "Schedule-" + service.name())
                .description("Ingest " + service.payload().path("source").path("serviceName").asText()
                        + " (" + service.name() + ") into OpenMetadata")
                .schedule(Schedule.expression(service.schedule()))
                .enabled(service.enabled())
                .build();
        rule.addTarget(new LambdaFunction(aliases.get(Sizing.INGEST), LambdaFunctionProps.builder()
                .event(RuleTargetInput.fromObject(payload))
                .retryAttempts(service.retryAttempts())
                .maxEventAge(Duration.seconds(service.maxEventAgeSeconds()))
                .deadLetterQueue(deadLetterQueue)
                .build()));
    }

    private FunctionUrl addTestConnectionUrl() {
        Alias http = aliases.get(Sizing.TEST_CONNECTION_HTTP);
        FunctionUrl url = http.addFunctionUrl(FunctionUrlOptions.builder().authType(FunctionUrlAuthType.AWS_IAM).build());
        List<IPrincipal> principals = new ArrayList<>();
        if (settings.testConnectionInvokers().isEmpty()) {
            principals.add(new AccountRootPrincipal());   // delegate to IAM policies in this account
        }
        for (String invoker : settings.testConnectionInvokers()) {
            principals.add(invoker.startsWith("arn:") ? new ArnPrincipal(invoker) : new AccountPrincipal(invoker));
        }
        // since Oct 2025 a function URL call needs lambda:InvokeFunctionUrl *and* lambda:InvokeFunction;
        // grantInvokeUrl adds both (the second conditioned on lambda:InvokedViaFunctionUrl)
        principals.forEach(http::grantInvokeUrl);
        ManagedPolicy callers = ManagedPolicy.Builder.create(this, "TestConnectionCallerPolicy")
                .description("Attach to a user or role to call the test-connection function URL")
                .statements(List.of(
                        PolicyStatement.Builder.create().sid("InvokeTestConnectionUrl")
                                .actions(List.of("lambda:InvokeFunctionUrl")).resources(List.of(http.getFunctionArn()))
                                .conditions(Map.of("StringEquals", Map.of("lambda:FunctionUrlAuthType", "AWS_IAM"))).build(),
                        PolicyStatement.Builder.create().sid("InvokeTestConnectionFunction")
                                .actions(List.of("lambda:InvokeFunction")).resources(List.of(http.getFunctionArn())).build()))
                .build();
        CfnOutput.Builder.create(this, "TestConnectionCallerPolicyArn").value(callers.getManagedPolicyArn()).build();
        return url;
    }

    private void addAlarms() {
        SnsAction action = settings.alarmTopicArn()
                .map(arn -> new SnsAction(Topic.fromTopicArn(this, "AlarmTopic", arn)))
                .orElse(null);
        MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
        for (Sizing sizing : sizings) {
            String id = Character.toUpperCase(sizing.export().charAt(0)) + sizing.export().substring(1);
            alarm(id + "Errors", functions.get(sizing).metricErrors(fiveMinutes),
                    sizing.export() + " failed (crash, timeout or out of memory)", action);
        }
        alarm("DeadLetterQueueMessages", deadLetterQueue.metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()),
                "Scheduled ingestions were not delivered or crashed after retries: see the dead-letter queue", action);

        // a run that fails cleanly returns status=failed (no Lambda error); its summary line is counted here
        MetricFilter failedRuns = logGroups.get(Sizing.INGEST).addMetricFilter("FailedRuns", MetricFilterOptions.builder()
                .filterPattern(FilterPattern.allTerms("ingest service=", "status=failed"))
                .metricNamespace(METRIC_NAMESPACE)
                .metricName("FailedIngestRuns")
                .metricValue("1")
                .defaultValue(0)
                .build());
        alarm("FailedIngestRuns", failedRuns.metric(fiveMinutes),
                "An ingest run reported status=failed (nothing written): see the ingest log group", action);

        if (logGroups.containsKey(Sizing.PIPELINE_SERVICE)) {
            // every refused Basic-auth call logs mdc.event=failedAuth; the server's own health check comes every 5 min
            MetricFilter failedAuth = logGroups.get(Sizing.PIPELINE_SERVICE).addMetricFilter("FailedAuth",
                    MetricFilterOptions.builder()
                            .filterPattern(FilterPattern.stringValue("$.mdc.event", "=", "failedAuth"))
                            .metricNamespace(METRIC_NAMESPACE)
                            .metricName("PipelineServiceFailedAuth")
                            .metricValue("1")
                            .defaultValue(0)
                            .build());
            alarm("PipelineServiceFailedAuth", failedAuth.metric(fiveMinutes), FAILED_AUTH_ALARM,
                    "The pipeline service's public URL refused " + FAILED_AUTH_ALARM + " or more calls in 5 minutes: "
                            + "a wrong AIRFLOW_PASSWORD on the server, or someone guessing", action);
        }
    }

    private void alarm(String id, IMetric metric, String description, SnsAction action) {
        alarm(id, metric, 1, description, action);
    }

    private void alarm(String id, IMetric metric, int threshold, String description, SnsAction action) {
        Alarm alarm = Alarm.Builder.create(this, id + "Alarm")
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        if (action != null) {
            alarm.addAlarmAction(action);
        }
    }

    private void warnAboutLocalReferences() {
        for (ScheduledService service : services) {
            for (String file : service.access().files()) {
                Annotations.of(this).addWarningV2("omrest:localSpecFile",
                        "Schedule " + service.name() + " reads the spec from the file " + file
                                + ", which exists in the Lambda only if it is packaged in function.zip; use a URL or S3");
            }
            for (String variable : service.access().envVars()) {
                Annotations.of(this).addWarningV2("omrest:envReference",
                        "Schedule " + service.name() + " references env:" + variable
                                + ", which this stack does not set on the functions");
            }
        }
    }

    /** {@code <stackName>-pipelineService}: fixed, so the function's own policy can name it (see addFunction). */
    String pipelineServiceFunctionName() {
        return getStackName() + "-" + Sizing.PIPELINE_SERVICE.export();
    }

    public DeploySettings settings() {
        return settings;
    }

    /** The functions this stack deploys, in {@link Sizing} order. */
    public List<Sizing> sizings() {
        return sizings;
    }

    public Optional<PipelineServiceResources> pipelineService() {
        return pipelineService;
    }

    public Function function(Sizing sizing) {
        return functions.get(sizing);
    }

    public Alias alias(Sizing sizing) {
        return aliases.get(sizing);
    }

    public LogGroup logGroup(Sizing sizing) {
        return logGroups.get(sizing);
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    public FunctionUrl testConnectionUrl() {
        return testConnectionUrl;
    }

    public List<ScheduledService> services() {
        return services;
    }
}
