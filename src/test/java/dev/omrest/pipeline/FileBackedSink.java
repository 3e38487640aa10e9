package dev.omrest.pipeline;

import dev.omrest.openmetadata.CurrentState;
import dev.omrest.plan.Plan;
import dev.omrest.write.Deleted;
import dev.omrest.write.FileSink;
import dev.omrest.write.Sink;
import dev.omrest.write.Written;

import java.nio.file.Path;

/** A file sink to build test sinks on: each stage does what the file sink does unless a test overrides it. */
abstract class FileBackedSink implements Sink {
    protected final FileSink file;

    FileBackedSink(Path path) {
        this.file = new FileSink(path);
    }

    @Override
    public CurrentState read(String serviceName) {
        return file.read(serviceName);
    }

    @Override
    public boolean keepsSeals() {
        return file.keepsSeals();
    }

    @Override
    public Written write(Plan plan, boolean overrideMetadata) {
        return file.write(plan, overrideMetadata);
    }

    @Override
    public Deleted delete(Plan plan) {
        return file.delete(plan);
    }

    @Override
    public String target() {
        return file.target();
    }

    @Override
    public String writeMode() {
        return file.writeMode();
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
    public void close() {
    }
}
