package dev.omrest.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.openmetadata.CurrentState;
import dev.omrest.plan.Plan;
import dev.omrest.plan.Write;
import dev.omrest.outcome.Notice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes every create request of a run into one JSON file, for local runs without OpenMetadata. The file holds what
 * one run gives: it is read as empty (so everything is created) and written whole.
 */
public final class FileSink implements Sink {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public FileSink(Path file) {
        this.file = file;
    }

    @Override
    public CurrentState read(String serviceName) {
        return CurrentState.empty();
    }

    @Override
    public boolean keepsSeals() {
        return false;
    }

    @Override
    public String target() {
        return file.toString();
    }

    @Override
    public String writeMode() {
        return "file";
    }

    @Override
    public int requests() {
        return 0;
    }

    @Override
    public int retries() {
        return 0;
    }

    @Override
    public Written write(Plan plan, boolean overrideMetadata) {
        ObjectNode out = json.createObjectNode();
        out.set("apiService", json.valueToTree(plan.createService()));
        out.set("apiCollections", json.valueToTree(plan.collections().stream().map(Write::request).toList()));
        out.set("apiEndpoints", json.valueToTree(plan.endpoints().stream().map(Write::request).toList()));
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            json.writeValue(file.toFile(), out);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the file sink " + file + ": " + e.getMessage(), e);
        }
        return new Written(plan.createService() != null, new Written.Count(plan.collections().size(), 0, 0, 0, 0),
                new Written.Count(plan.endpoints().size(), 0, 0, 0, 0), "file", List.of(), List.<Notice>of());
    }

    @Override
    public Deleted delete(Plan plan) {
        return Deleted.NOTHING;
    }
}
