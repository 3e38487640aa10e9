package dev.omrest.infra;

import dev.omrest.infra.ServicesConfig.InvalidConfigException;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the stack takes from CDK context ({@code cdk.json} or {@code cdk deploy -c key=value}). Values from
 * the command line arrive as strings, values from {@code cdk.json} as JSON types; both are accepted. A wrong
 * value fails synthesis with a message naming the key.
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>runtime</td><td>native</td><td>{@code native} (provided.al2023) or {@code jvm} (java21 + SnapStart)</td></tr>
 *   <tr><td>architecture</td><td>x86_64</td><td>{@code x86_64} or {@code arm64}; must match the native binary</td></tr>
 *   <tr><td>functionZip</td><td>../target/function.zip</td><td>the Quarkus-built zip, relative to infra/</td></tr>
 *   <tr><td>servicesFile</td><td>services.json</td><td>the schedules, relative to infra/</td></tr>
 *   <tr><td>logRetentionDays</td><td>30</td><td>a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, ...)</td></tr>
 *   <tr><td>ingestMemoryMb, ingestTimeoutSeconds, testConnectionMemoryMb, testConnectionTimeoutSeconds</td><td>{@link Sizing}</td><td>overrides</td></tr>
 *   <tr><td>testConnectionInvokers</td><td>this account</td><td>comma list of account ids or IAM ARNs allowed to call the function URL</td></tr>
 *   <tr><td>testConnectionReadsSecrets</td><td>false</td><td>let the test-connection functions read the secrets/parameters the schedules name
 *   (IAM, and {@code OMREST_HTTP_SECRET_REFERENCES} on the function URL's function)</td></tr>
 *   <tr><td>testConnectionFileDirectory</td><td>none</td><td>the directory whose files the function URL's callers may name</td></tr>
 *   <tr><td>testConnectionS3Endpoints</td><td>none</td><td>comma list of custom S3 endpoints the function URL's callers may name</td></tr>
 *   <tr><td>alarmTopicArn</td><td>none</td><td>SNS topic that receives the alarms</td></tr>
 *   <tr><td>openMetadataUrl, botJwtSecret</td><td>none</td><td>both given: deploy the pipeline service
 *   ({@link PipelineServiceSettings}) for the OpenMetadata server at this https API URL, with the bot JWT in this secret</td></tr>
 *   <tr><td>egressIp</td><td>none</td><td>comma list of addresses the pipeline service reports as the ingestion's egress</td></tr>
 *   <tr><td>unchangedCheck</td><td>listing</td><td>{@code listing} or {@code changeEvents}: how ingest runs whose payload does
 *   not say (pipelines made in OpenMetadata's UI) check a seal ({@code OMREST_RUN_UNCHANGED_CHECK})</td></tr>
 *   <tr><td>unchangedCheckMaxAgeHours</td><td>24</td><td>1 to 144: with change events, how long a seal is vouched for by
 *   events alone ({@code OMREST_RUN_UNCHANGED_CHECK_MAX_AGE})</td></tr>
 * </table>
 */
public record DeploySettings(
        Mode mode,
        Architecture architecture,
        Path functionZip,
        Path servicesFile,
        RetentionDays logRetention,
        Map<Sizing, Integer> memoryMb,
        Map<Sizing, Integer> timeoutSeconds,
        List<String> testConnectionInvokers,
        boolean testConnectionReadsSecrets,
        Optional<String> testConnectionFileDirectory,
        List<String> testConnectionS3Endpoints,
        Optional<String> alarmTopicArn,
        Optional<PipelineServiceSettings> pipelineService,
        Optional<String> unchangedCheck,
        Optional<Integer> unchangedCheckMaxAgeHours) {

    public static final String RUNTIME = "runtime";
    public static final String ARCHITECTURE = "architecture";
    public static final String FUNCTION_ZIP = "functionZip";
    public static final String SERVICES_FILE = "servicesFile";
    public static final String LOG_RETENTION_DAYS = "logRetentionDays";
    public static final String INGEST_MEMORY = "ingestMemoryMb";
    public static final String INGEST_TIMEOUT = "ingestTimeoutSeconds";
    public static final String TEST_CONNECTION_MEMORY = "testConnectionMemoryMb";
    public static final String TEST_CONNECTION_TIMEOUT = "testConnectionTimeoutSeconds";
    public static final String TEST_CONNECTION_INVOKERS = "testConnectionInvokers";
    public static final String TEST_CONNECTION_READS_SECRETS = "testConnectionReadsSecrets";
    public static final String TEST_CONNECTION_FILE_DIRECTORY = "testConnectionFileDirectory";
    public static final String TEST_CONNECTION_S3_ENDPOINTS = "testConnectionS3Endpoints";
    public static final String ALARM_TOPIC_ARN = "alarmTopicArn";
    public static final String OPENMETADATA_URL = "openMetadataUrl";
    public static final String BOT_JWT_SECRET = "botJwtSecret";
    public static final String EGRESS_IP = "egressIp";
    public static final String UNCHANGED_CHECK = "unchangedCheck";
    public static final String UNCHANGED_CHECK_MAX_AGE_HOURS = "unchangedCheckMaxAgeHours";

    public static final String DEFAULT_FUNCTION_ZIP = "../target/function.zip";
    public static final String DEFAULT_SERVICES_FILE = "services.json";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-zA-Z-]*:[a-z0-9-]+:[a-z0-9-]*:\\d{12}:.+");

    /** How the function runs. */
    public enum Mode {
        /** GraalVM/Mandrel binary named {@code bootstrap} on the {@code provided.al2023} OS-only runtime. */
        NATIVE,
        /** The JVM build on the managed {@code java21} runtime, with SnapStart on published versions. */
        JVM
    }

    private static final Map<Integer, RetentionDays> RETENTION = new LinkedHashMap<>();

    static {
        int[] days = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};
        RetentionDays[] values = {RetentionDays.ONE_DAY, RetentionDays.THREE_DAYS, RetentionDays.FIVE_DAYS, RetentionDays.ONE_WEEK,
                RetentionDays.TWO_WEEKS, RetentionDays.ONE_MONTH, RetentionDays.TWO_MONTHS, RetentionDays.THREE_MONTHS,
                RetentionDays.FOUR_MONTHS, RetentionDays.FIVE_MONTHS, RetentionDays.SIX_MONTHS, RetentionDays.ONE_YEAR,
                RetentionDays.THIRTEEN_MONTHS, RetentionDays.EIGHTEEN_MONTHS, RetentionDays.TWO_YEARS, RetentionDays.THREE_YEARS,
                RetentionDays.FIVE_YEARS, RetentionDays.SIX_YEARS, RetentionDays.SEVEN_YEARS, RetentionDays.EIGHT_YEARS,
                RetentionDays.NINE_YEARS, RetentionDays.TEN_YEARS};
        for (int i = 0; i < days.length; i++) {
            RETENTION.put(days[i], values[i]);
        }
    }

    public static DeploySettings from(Node node) {
        List<String> problems = new ArrayList<>();
        Mode mode = switch (string(node, RUNTIME, "native").toLowerCase(Locale.ROOT)) {
            case "native" -> Mode.NATIVE;
            case "jvm" -> Mode.JVM;
            default -> {
                problems.add(RUNTIME + " must be 'native' or 'jvm'");
                yield Mode.NATIVE;
            }
        };
        Architecture architecture = switch (string(node, ARCHITECTURE, "x86_64").toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> Architecture.X86_64;
            case "arm64", "aarch64" -> Architecture.ARM_64;
            default -> {
                problems.add(ARCHITECTURE + " must be 'x86_64' or 'arm64'");
                yield Architecture.X86_64;
            }
        };
        Path zip = Path.of(string(node, FUNCTION_ZIP, DEFAULT_FUNCTION_ZIP));
        Path services = Path.of(string(node, SERVICES_FILE, DEFAULT_SERVICES_FILE));

        RetentionDays retention = RetentionDays.ONE_MONTH;
        Integer days = integer(node, LOG_RETENTION_DAYS, problems);
        if (days != null) {
            retention = RETENTION.get(days);
            if (retention == null) {
                problems.add(LOG_RETENTION_DAYS + " must be one of " + RETENTION.keySet());
                retention = RetentionDays.ONE_MONTH;
            }
        }

        Map<Sizing, Integer> memory = new EnumMap<>(Sizing.class);
        Map<Sizing, Integer> timeout = new EnumMap<>(Sizing.class);
        for (Sizing s : Sizing.values()) {
            memory.put(s, s.memoryMb(mode));
            timeout.put(s, s.timeoutSeconds());
        }
        // out-of-range numbers are left to Lambda's own checks at synth (validateAgainstDefaultRules)
        Integer ingestMemory = integer(node, INGEST_MEMORY, problems);
        Integer ingestTimeout = integer(node, INGEST_TIMEOUT, problems);
        Integer testMemory = integer(node, TEST_CONNECTION_MEMORY, problems);
        Integer testTimeout = integer(node, TEST_CONNECTION_TIMEOUT, problems);
        if (ingestMemory != null) memory.put(Sizing.INGEST, ingestMemory);
        if (ingestTimeout != null) timeout.put(Sizing.INGEST, ingestTimeout);
        for (Sizing s : List.of(Sizing.TEST_CONNECTION, Sizing.TEST_CONNECTION_HTTP)) {
            if (testMemory != null) memory.put(s, testMemory);
            if (testTimeout != null) timeout.put(s, testTimeout);
        }

        List<String> invokers = list(node, TEST_CONNECTION_INVOKERS);
        for (String invoker : invokers) {
            if (!ACCOUNT.matcher(invoker).matches() && !ARN.matcher(invoker).matches()) {
                problems.add(TEST_CONNECTION_INVOKERS + ": '" + invoker + "' is neither a 12-digit account id nor an IAM ARN");
            }
        }
        boolean readsSecrets = bool(node, TEST_CONNECTION_READS_SECRETS, problems);
        String fileDirectory = string(node, TEST_CONNECTION_FILE_DIRECTORY, "");
        if (!fileDirectory.isEmpty() && !fileDirectory.startsWith("/")) {
            problems.add(TEST_CONNECTION_FILE_DIRECTORY + " must be an absolute path in the function's file system, such as /var/task/specs");
        }
        List<String> s3Endpoints = list(node, TEST_CONNECTION_S3_ENDPOINTS);
        for (String endpoint : s3Endpoints) {
            if (!endpoint.startsWith("https://") && !endpoint.startsWith("http://") || endpoint.contains(",")) {
                problems.add(TEST_CONNECTION_S3_ENDPOINTS + ": '" + endpoint + "' is not an http(s) URL");
            }
        }
        String topic = string(node, ALARM_TOPIC_ARN, "");
        if (!topic.isEmpty() && !topic.startsWith("arn:")) {
            problems.add(ALARM_TOPIC_ARN + " must be an SNS topic ARN");
        }
        Optional<PipelineServiceSettings> pipelineService = PipelineServiceSettings.of(
                string(node, OPENMETADATA_URL, ""), string(node, BOT_JWT_SECRET, ""), list(node, EGRESS_IP), problems);
        String unchangedCheck = string(node, UNCHANGED_CHECK, "");
        if (!unchangedCheck.isEmpty() && !unchangedCheck.equals("listing") && !unchangedCheck.equals("changeEvents")) {
            problems.add(UNCHANGED_CHECK + " must be 'listing' or 'changeEvents'");
        }
        Integer maxAgeHours = integer(node, UNCHANGED_CHECK_MAX_AGE_HOURS, problems);
        if (maxAgeHours != null && (maxAgeHours < 1 || maxAgeHours > 144)) {
            problems.add(UNCHANGED_CHECK_MAX_AGE_HOURS + " must be from 1 to 144 (change events are kept 7 days)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException("Invalid context value(s):\n  - " + String.join("\n  - ", problems));
        }
        return new DeploySettings(mode, architecture, zip, services, retention, Map.copyOf(memory), Map.copyOf(timeout),
                List.copyOf(invokers), readsSecrets, fileDirectory.isEmpty() ? Optional.empty() : Optional.of(fileDirectory),
                List.copyOf(s3Endpoints), topic.isEmpty() ? Optional.empty() : Optional.of(topic), pipelineService,
                unchangedCheck.isEmpty() ? Optional.empty() : Optional.of(unchangedCheck), Optional.ofNullable(maxAgeHours));
    }

    /** A comma-separated string from the command line, or a JSON list from cdk.json. */
    private static List<String> list(Node node, String key) {
        List<String> values = new ArrayList<>();
        Object raw = node.tryGetContext(key);
        if (raw instanceof List<?> list) {
            list.forEach(o -> values.add(String.valueOf(o).strip()));
        } else if (raw != null) {
            Arrays.stream(String.valueOf(raw).split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(values::add);
        }
        return values;
    }

    private static String string(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value).strip();
    }

    private static Integer integer(Node node, String key, List<String> problems) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        try {
            return Integer.valueOf(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number");
            return null;
        }
    }

    private static boolean bool(Node node, String key, List<String> problems) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            problems.add(key + " must be true or false");
        }
        return text.equals("true");
    }
}
