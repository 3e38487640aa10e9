package dev.omrest.function;

import io.quarkus.test.common.ArtifactLauncher;
import io.quarkus.test.common.JarArtifactLauncher;
import io.quarkus.test.common.ListeningAddress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Runs the packaged JVM function for a {@code @QuarkusIntegrationTest} the way Lambda's Java runtime runs it:
 * {@code target/function.zip} unpacked as the task root, AWS's runtime interface client polling the Runtime API and
 * calling {@code FunqyStreamHandler::handleRequest} (the handler the stack deploys).
 *
 * <p>Why not Quarkus' own jar launcher: it runs {@code java -jar runner.jar}, and a JVM-mode Lambda artifact never
 * polls the Runtime API by itself (Quarkus starts its poll loop only in a native build; on Lambda the Java runtime
 * calls the handler). The function would start and then never see an event. Quarkus picks a {@link JarArtifactLauncher}
 * through {@code META-INF/services}, which is how this one replaces the default for the jar artifact; the native
 * executable keeps Quarkus' launcher, since it polls by itself.
 *
 * <p>The Runtime API is Quarkus' Lambda mock event server, the dev service that the {@code @QuarkusTest}s also use:
 * its address comes in as {@code quarkus-internal.aws-lambda.test-api}, and the function reaches it through a
 * {@link RuntimeApiRelay} named by {@code AWS_LAMBDA_RUNTIME_API}, as Lambda sets it. The runtime interface client's
 * jars are copied by the build into {@code omrest.it.lambda-runtime} (see pom.xml), so they never join the tests' own
 * class path.
 */
public final class LambdaRuntimeJarLauncher implements JarArtifactLauncher {
    /** The handler the stack deploys (infra's ConnectorStack.JVM_HANDLER). */
    static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    private static final String TEST_API = "quarkus-internal.aws-lambda.test-api";
    /** Quarkus logs this once the application has started, which under the handler happens before the first poll. */
    private static final String STARTED = "Installed features";

    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private JarInitContext context;
    private Process process;
    private RuntimeApiRelay relay;

    @Override
    public void init(JarInitContext context) {
        this.context = context;
    }

    @Override
    public void includeAsSysProps(Map<String, String> properties) {
        systemProperties.putAll(properties);
    }

    @Override
    public Optional<ListeningAddress> start() throws IOException {
        Path target = context.jarPath().toAbsolutePath().getParent();
        Path taskRoot = unpack(target.resolve("function.zip"), target.resolve("lambda-it/task"));
        Path runtimeJars = Path.of(System.getProperty("omrest.it.lambda-runtime",
                target.resolve("lambda-runtime").toString()));
        String runtimeApi = systemProperties.get(TEST_API);
        if (runtimeApi == null) {
            throw new IllegalStateException(TEST_API + " is not set: the Lambda mock event server did not start");
        }

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(context.argLine());
        // what a deployment sets through configuration (the test profile's overrides, e.g. quarkus.funqy.export);
        // the mock server's internal settings stay out: on Lambda the function knows the Runtime API only by its variable
        systemProperties.forEach((name, value) -> {
            if (!name.startsWith("quarkus-internal.") && !name.startsWith("quarkus.lambda.mock-event-server.")) {
                command.add("-D" + name + "=" + value);
            }
        });
        command.addAll(List.of("-cp", taskRoot + ":" + taskRoot + "/lib/*:" + runtimeJars + "/*",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER));

        Path log = target.resolve("quarkus.log");
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the test JVM's environment (the stand-in secrets of pom.xml) plus what Lambda sets for a function
        Map<String, String> env = builder.environment();
        env.putAll(context.env());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "omrest-it");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_REGION", "us-east-1");
        env.put("DISABLE_SIGNAL_HANDLERS", "true");
        relay = new RuntimeApiRelay(runtimeApi);
        env.put("AWS_LAMBDA_RUNTIME_API", relay.address());
        System.out.println("Executing \"" + String.join(" ", command) + "\" with AWS_LAMBDA_RUNTIME_API="
                + relay.address() + " (relayed to " + runtimeApi + ")");
        process = builder.start();
        awaitStart(log);
        return Optional.empty(); // it listens on nothing: RestAssured talks to the mock event server (MockEventServerUrl)
    }

    private void awaitStart(Path log) throws IOException {
        long deadline = System.nanoTime() + context.waitTime().toNanos();
        while (System.nanoTime() < deadline) {
            // decoded leniently: the last line may still be half written
            String output = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
            if (output.contains(STARTED)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the function exited with " + process.exitValue() + " before it started:\n"
                        + output);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the function started", e);
            }
        }
        close();
        throw new IllegalStateException("the function did not start within " + context.waitTime() + "; see " + log);
    }

    /** Unpacks the zip Lambda would get, again only when the build made a newer one. */
    private static Path unpack(Path zip, Path taskRoot) throws IOException {
        if (!Files.exists(zip)) {
            throw new IllegalStateException(zip + " not found: the JVM build packages the function there");
        }
        Path stamp = taskRoot.resolveSibling("task.stamp");
        if (Files.exists(stamp) && Files.getLastModifiedTime(stamp).compareTo(Files.getLastModifiedTime(zip)) >= 0) {
            return taskRoot;
        }
        if (Files.exists(taskRoot)) {
            try (Stream<Path> files = Files.walk(taskRoot)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.delete(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(taskRoot);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path to = taskRoot.resolve(entry.getName()).normalize();
                if (!to.startsWith(taskRoot)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(stamp, zip.toString());
        return taskRoot;
    }

    @Override
    public ArtifactLauncher.LaunchResult runToCompletion(String[] args) {
        throw new UnsupportedOperationException("a Lambda function is invoked through the Runtime API, not run to completion");
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }
}
