package dev.omrest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.HttpAccess;
import dev.omrest.config.SpecLocation;
import dev.omrest.net.Origin;
import dev.omrest.source.FetchLimits;
import dev.omrest.source.RawSpec;
import dev.omrest.source.SpecFetchException;
import dev.omrest.source.SpecSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The other files a document references, read once each through the source stage's fetcher and with its limits
 * (timeouts, size, redirects, no link-local or cloud metadata addresses), plus limits of their own: at most
 * {@value #MAX_DOCUMENTS} files, the size cap shared by all of them, and {@link #TIME_BUDGET} for all reading. Files
 * are fetched without the connection's credentials. A document fetched from a URL may only reference http(s)
 * URLs; a local file may reference other local files and URLs.
 */
final class ExternalDocuments {
    static final int MAX_DOCUMENTS = 100;
    static final Duration TIME_BUDGET = Duration.ofSeconds(60);

    /** @param digest the MD5 of the document's bytes, or null when it could not be read */
    record Loaded(JsonNode tree, String failure, String digest) {
    }

    private final DocumentReader reader;
    private final SpecSource source;
    private final Map<URI, Loaded> cache = new HashMap<>();
    private final FetchLimits limits;
    private final HttpAccess rootAccess;
    private long bytesLeft;
    private long deadline;
    private int fetched;

    /**
     * @param rootAccess how the spec itself was fetched: its credentials go along only to documents on the
     *                   spec's own origin, its TLS settings to every document
     * @param source     what fetched the spec: its connections and OAuth2 token serve the referenced documents too
     */
    ExternalDocuments(FetchLimits limits, HttpAccess rootAccess, SpecSource source) {
        this.reader = new DocumentReader(limits.maxBytes());
        this.bytesLeft = limits.maxBytes();
        this.limits = limits;
        this.rootAccess = rootAccess;
        this.source = source;
    }

    Loaded load(URI document, URI root) {
        Loaded loaded = cache.get(document);
        if (loaded == null) {
            loaded = fetch(document, root);
            cache.put(document, loaded);
        }
        return loaded;
    }

    private Loaded fetch(URI document, URI root) {
        String scheme = document.getScheme() == null ? "" : document.getScheme().toLowerCase(Locale.ROOT);
        String rootScheme = root == null || root.getScheme() == null ? "" : root.getScheme().toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http") || scheme.equals("https");
        if (!http && !scheme.equals("file")) {
            return failed("only http(s) URLs and files are read, not " + (scheme.isEmpty() ? "this" : scheme + ":")
                    + " references" + (scheme.equals("s3") ? " (relative references of a spec read from S3 are not followed)" : ""));
        }
        if (scheme.equals("file") && !rootScheme.equals("file")) {
            return failed("a document that was not read from a file may not reference local files");
        }
        if (fetched >= MAX_DOCUMENTS) {
            return failed("more than " + MAX_DOCUMENTS + " referenced files");
        }
        long now = System.nanoTime();
        if (deadline == 0) {
            deadline = now + TIME_BUDGET.toNanos();
        }
        Duration left = Duration.ofNanos(deadline - now);
        if (left.toMillis() < 100) {
            return failed("the " + TIME_BUDGET.toSeconds() + " s for reading referenced files are used up");
        }
        if (bytesLeft <= 0) {
            return failed("the referenced files together exceed the size limit");
        }
        fetched++;
        FetchLimits limits = this.limits.within(left, bytesLeft);
        try {
            SpecLocation location = http ? new SpecLocation.Url(document, accessFor(document, root))
                    : new SpecLocation.File(Path.of(document));
            RawSpec raw = source.fetch(location, limits);
            bytesLeft -= raw.body().length;
            return new Loaded(reader.read(raw), null, HexFormat.of().formatHex(md5().digest(raw.body())));
        } catch (SpecFetchException | SpecParseException e) {
            return failed(e.getMessage());
        } catch (RuntimeException e) {
            return failed(e.getClass().getSimpleName());
        }
    }

    /** Every document read or tried, each as its URI and the MD5 of its bytes (or {@code failed}), in URI order. */
    List<String> digests() {
        List<String> all = new ArrayList<>();
        cache.forEach((uri, loaded) -> all.add(uri + " " + (loaded.digest() == null ? "failed" : loaded.digest())));
        Collections.sort(all);
        return List.copyOf(all);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    private HttpAccess accessFor(URI document, URI root) {
        return Origin.same(document, root) ? rootAccess : new HttpAccess(Map.of(), Map.of(), null, rootAccess.tls());
    }

    private static Loaded failed(String reason) {
        return new Loaded(null, reason, null);
    }
}
