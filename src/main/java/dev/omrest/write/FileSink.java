package dev.omrest.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.map.DesiredState;
import dev.omrest.plan.CurrentState;
import dev.omrest.plan.Plan;
import dev.omrest.plan.PlanOptions;
import dev.omrest.plan.Planner;
import dev.omrest.plan.Seal;
import dev.omrest.plan.Write;
import dev.omrest.report.EntityCounts;
import dev.omrest.report.Notice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes every create request of a run into one JSON file, for local runs without OpenMetadata. */
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
    public SyncResult unchanged(Seal.Intact intact) {
        throw new IllegalStateException("A file holds no seal");
    }

    @Override
    public SyncResult sync(DesiredState desired, CurrentState current, SyncOptions options) {
        long start = System.nanoTime();
        Plan plan = Planner.plan(desired, CurrentState.empty(),
                new PlanOptions(options.plan().overrideMetadata(), false, false, 1, true));
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
        EntityCounts collections = new EntityCounts(plan.collections().size(), 0, 0, 0,
                desired.collectionFailures().size(), 0, desired.filteredCollections(), 0);
        EntityCounts endpoints = new EntityCounts(plan.endpoints().size(), 0, 0, 0,
                desired.endpointFailures().size(), 0, desired.filteredEndpoints(), 0);
        List<Notice> warnings = plan.heldBack() == null ? List.of() : List.of(new Notice(null, "Held back: " + plan.heldBack()));
        return new SyncResult(file.toString(), "file", plan.createService() != null, collections, endpoints, List.of(), warnings,
                plan.heldBack(),
                Map.of("write", (System.nanoTime() - start) / 1_000_000), 0, 0);
    }
}
