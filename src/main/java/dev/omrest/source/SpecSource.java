package dev.omrest.source;

import dev.omrest.config.HttpAccess;
import dev.omrest.config.LocalFiles;
import dev.omrest.config.SpecLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Obtains the raw OpenAPI document from wherever the payload says it is. One source serves one run's fetches: they
 * share its HTTP clients and OAuth2 tokens.
 */
public final class SpecSource {
    private final FetchLimits limits;
    private final HttpClients clients = new HttpClients();

    public SpecSource(FetchLimits limits) {
        this.limits = limits;
    }

    /** The credentials and TLS settings of a URL location; none for files and S3. */
    public static HttpAccess accessOf(SpecLocation location) {
        return location instanceof SpecLocation.Url url ? url.access() : HttpAccess.NONE;
    }

    public RawSpec fetch(SpecLocation location) {
        return fetch(location, limits);
    }

    /** A fetch with limits of its own (a referenced file gets what is left of the time and size budgets). */
    public RawSpec fetch(SpecLocation location, FetchLimits limits) {
        if (location instanceof SpecLocation.Url url) {
            return new HttpSpecFetcher(limits, clients).fetch(url);
        }
        if (location instanceof SpecLocation.File file) {
            return readFile(file.path(), limits);
        }
        return new S3SpecFetcher(limits).fetch((SpecLocation.S3) location);
    }

    private static RawSpec readFile(Path requested, FetchLimits limits) {
        Path path;
        try {
            path = limits.files().check(requested);
        } catch (LocalFiles.RefusedFileException e) {
            throw new SpecFetchException("Refusing to read " + requested + ": " + e.getMessage());
        }
        if (!Files.isRegularFile(path)) {
            throw new SpecFetchException("The OpenAPI schema file " + path + " does not exist or is not a regular file");
        }
        try {
            if (Files.size(path) > limits.maxBytes()) {
                throw new SpecFetchException("The OpenAPI schema file " + path + " is larger than " + FetchLimits.describe(limits.maxBytes()));
            }
            return new RawSpec(requested.toString(), Files.readAllBytes(path), null, extension(path.getFileName().toString()), false);
        } catch (IOException e) {
            throw new SpecFetchException("Failed to read the OpenAPI schema file " + path + ": " + e.getMessage());
        }
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : name.substring(dot + 1).toLowerCase();
    }
}
