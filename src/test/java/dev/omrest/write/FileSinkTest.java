package dev.omrest.write;

import dev.omrest.map.DesiredState;
import dev.omrest.plan.CurrentState;
import dev.omrest.plan.PlanOptions;
import dev.omrest.report.Notice;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The file sink says why a run wrote nothing, as the OpenMetadata sink does (issue 16, item 6). */
class FileSinkTest {

    @Test
    void aSpecWithoutOperationsWritesNothingAndSaysWhy(@TempDir Path dir) throws Exception {
        DesiredState empty = Specs.map("""
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}""", Specs.context("svc", null, null));
        Path file = dir.resolve("out.json");
        SyncResult result = new FileSink(file).sync(empty, CurrentState.empty(),
                new SyncOptions(PlanOptions.defaults(), Instant.now().plusSeconds(60), null));
        assertEquals(List.of(new Notice(null, "Held back: the spec has no operations, so nothing was written")), result.warnings());
        assertFalse(result.serviceCreated());
        assertEquals(Specs.readJson("{\"apiService\": null, \"apiCollections\": [], \"apiEndpoints\": []}"),
                Specs.readJson(Files.readString(file)));
    }
}
