package dev.omrest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.SecretReferences;
import dev.omrest.config.SinkTarget;
import dev.omrest.pipeline.IngestPipeline;
import dev.omrest.report.IngestReport;
import dev.omrest.source.FetchLimits;
import dev.omrest.write.FileSink;
import dev.omrest.write.WriteSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs one ingestion on this machine with the file sink: {@code LocalIngest <config.json|config.yaml>}.
 * Prints the report; exits 1 when the run failed. Writing to an OpenMetadata server goes through the
 * function (dev mode or Lambda), where the REST client lives.
 */
public final class LocalIngest {
    private LocalIngest() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LocalIngest <workflow config, JSON or YAML>");
            System.exit(2);
        }
        Path config = Path.of(args[0]);
        ObjectMapper reader = config.toString().matches(".*\\.ya?ml$") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode payload = reader.readTree(config.toFile());
        IngestPipeline pipeline = new IngestPipeline(new PayloadReader(SecretReferences.environmentOnly()), FetchLimits.DEFAULT, (target, budget) -> {
            if (target instanceof SinkTarget.File file) {
                return new FileSink(file.path());
            }
            throw new IllegalArgumentException("LocalIngest writes to the file sink only (sink.type: file); "
                    + "use the function (./mvnw quarkus:dev) to write to OpenMetadata");
        }, WriteSettings.DEFAULT.runDeadline(), Clock.systemUTC());
        IngestReport report = pipeline.run(payload);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        if (IngestReport.FAILED.equals(report.status())) {
            System.exit(1);
        }
    }
}
