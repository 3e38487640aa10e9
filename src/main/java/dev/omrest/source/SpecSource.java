package dev.omrest.source;

import dev.omrest.config.HttpAccess;
import dev.omrest.config.SpecLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Obtains the raw OpenAPI document from wherever the payload says it is. */
public final class SpecSource {
    private final FetchLimits limits;

    public SpecSource(FetchLimits limits) {
        this.limits = limits;
    }

    /** The credentials and TLS settings of a URL location; none for files and S3. */
    public static HttpAccess accessOf(SpecLocation location) {
        return location instanceof SpecLocation.Url url ? url.access() : HttpAccess.NONE;
    }

    public RawSpec fetch(SpecLocation location) {
        if (location instanceof SpecLocation.Url url) {
            return new HttpSpecFetcher(limits).fetch(url);
        }
        if (location instanceof SpecLocation.File file) {
            return readFile(file.path());
        }
        return new S3SpecFetcher(limits).fetch((SpecLocation.S3) location);
    }

    private RawSpec readFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new SpecFetchException("The OpenAPI schema file " + path + " does not exist or is not a regular file");
        }
        try {
            if (Files.size(path) > limits.maxBytes()) {
                throw new SpecFetchException("The OpenAPI schema file " + path + " is larger than " + FetchLimits.describe(limits.maxBytes()));
            }
            return new RawSpec(path.toString(), Files.readAllBytes(path), null, extension(path.getFileName().toString()));
        } catch (IOException e) {
            throw new SpecFetchException("Failed to read the OpenAPI schema file " + path + ": " + e.getMessage());
        }
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : name.substring(dot + 1).toLowerCase();
    }
}
