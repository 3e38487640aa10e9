package dev.omrest.source;

import dev.omrest.config.HttpAccess;
import dev.omrest.config.LocalFiles;
import dev.omrest.config.Secret;
import dev.omrest.config.SpecLocation;
import dev.omrest.net.AddressGuard;
import dev.omrest.net.Reach;
import dev.omrest.parse.SpecParseException;
import dev.omrest.parse.SpecParser;
import dev.omrest.support.HostileServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a caller-chosen server or address can and cannot make a fetch do (issue 15). */
class HostileServersTest {
    /** One second for the whole fetch. */
    static final FetchLimits ONE_SECOND = new FetchLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 1024 * 1024, 5, false);
    private final Function<String, InetAddress[]> resolver = AddressGuard.resolver;

    @AfterEach
    void restoreResolver() {
        AddressGuard.resolver = resolver;
    }

    static String fail(FetchLimits limits, String url) {
        return fail(limits, url, HttpAccess.NONE);
    }

    static String fail(FetchLimits limits, String url, HttpAccess access) {
        return assertThrows(SpecFetchException.class,
                () -> new SpecSource(limits).fetch(new SpecLocation.Url(URI.create(url), access))).getMessage();
    }

    /** Fails within the limit and a little slack, whatever the server does. */
    static String failInTime(FetchLimits limits, String url, HttpAccess access) {
        long start = System.nanoTime();
        String message = fail(limits, url, access);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < limits.requestTimeout().toMillis() + 1500, "took " + millis + " ms: " + message);
        return message;
    }

    @Test
    void aBodyTrickledByteByByteEndsWithinTheLimit() throws IOException {
        try (HostileServer server = HostileServer.start(HostileServer.trickle(100))) {
            assertEquals("Failed to fetch the OpenAPI schema from " + server.url("/spec.json")
                            + ": timed out after 1 s (the whole fetch, redirects and body included)",
                    failInTime(ONE_SECOND, server.url("/spec.json"), HttpAccess.NONE));
        }
    }

    @Test
    void anS3EndpointThatTricklesEndsWithinTheLimit() throws IOException {
        try (HostileServer server = HostileServer.start(HostileServer.trickle(100))) {
            SpecLocation.S3 s3 = new SpecLocation.S3(new dev.omrest.config.S3Urls.BucketAndKey("specs", "spec.json"), "us-east-1",
                    "AKIAEXAMPLE", Secret.of("example-secret"), null, URI.create(server.url("")));
            long start = System.nanoTime();
            String message = assertThrows(SpecFetchException.class, () -> new SpecSource(ONE_SECOND).fetch(s3)).getMessage();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("Failed to download S3 object s3://specs/spec.json: timed out after 1 s (the whole download)", message);
            assertTrue(millis < 2500, "took " + millis + " ms");
        }
    }

    @Test
    void slowRedirectHopsShareOneLimit() throws IOException {
        AtomicInteger hops = new AtomicInteger();
        try (HostileServer server = HostileServer.start((head, out) -> {
            Thread.sleep(300);
            HostileServer.redirect("/hop" + hops.incrementAndGet()).answer(head, out);
        })) {
            assertTrue(failInTime(ONE_SECOND, server.url("/spec.json"), HttpAccess.NONE).endsWith(
                    ": timed out after 1 s (the whole fetch, redirects and body included)"));
            assertTrue(hops.get() <= 4, "hops: " + hops.get());
        }
    }

    @Test
    void anOAuth2TokenAnswerIsCappedAndItsTokenChecked() throws IOException {
        try (HostileServer endless = HostileServer.start(HostileServer.endless("application/json"));
             HostileServer newline = HostileServer.start(HostileServer.json("{\"access_token\": \"tok-secret\\nX: y\"}"));
             HostileServer trailing = HostileServer.start((head, out) -> {
                 if (head.startsWith("POST")) {
                     HostileServer.json("{\"access_token\": \"tok-trailing\\n\"}").answer(head, out);
                 } else {
                     HostileServer.json(head.contains("Authorization: Bearer tok-trailing\r\n") ? "{\"ok\": 1}" : "{}").answer(head, out);
                 }
             })) {
            FetchLimits limits = new FetchLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 1024, 5, false);
            assertEquals("Failed to get an access token from the OAuth2 token endpoint " + endless.url("/token")
                    + ": the answer is larger than 1 MiB", failInTime(limits, endless.url("/spec.json"), oauth2(endless)));
            String message = fail(limits, newline.url("/spec.json"), oauth2(newline));
            assertEquals("Failed to get an access token from the OAuth2 token endpoint " + newline.url("/token")
                    + ": the access_token holds a control character, so it cannot be sent in a header", message);
            assertEquals("{\"ok\": 1}", new String(new SpecSource(limits).fetch(new SpecLocation.Url(
                    URI.create(trailing.url("/spec.json")), oauth2(trailing))).body()));
        }
    }

    private static HttpAccess oauth2(HostileServer server) {
        return new HttpAccess(Map.of(), Map.of(), new HttpAccess.OAuth2(URI.create(server.url("/token")), "c",
                Secret.of("client-secret"), List.of()), HttpAccess.Tls.DEFAULT);
    }

    @Test
    void redirectsToWhatIsNotAnHttpUrlAreClearFailures() throws IOException {
        for (String location : List.of("gopher://127.0.0.1:70/_x", "http:///x", "http://127.0.0.1:99999/x", "http://127.0.0.1:0/x",
                "file:///etc/passwd", "http://u:p@127.0.0.1/x")) {
            try (HostileServer server = HostileServer.start(HostileServer.redirect(location))) {
                String message = fail(ONE_SECOND, server.url("/spec.json"));
                assertTrue(message.startsWith("Failed to fetch the OpenAPI schema from " + server.url("/spec.json")
                        + ": a redirect leads to "), location + ": " + message);
                assertTrue(message.endsWith(", which is not an http(s) URL with a host and a valid port"), message);
                assertFalse(message.contains("u:p"), message);
            }
        }
        try (HostileServer server = HostileServer.start(HostileServer.redirect("http://bad host/x"))) {
            assertEquals("Failed to fetch the OpenAPI schema from " + server.url("/spec.json")
                    + ": a redirect gave a Location that is not a URL", fail(ONE_SECOND, server.url("/spec.json")));
        }
    }

    @Test
    void metadataAddressesInEveryFormAndTheUnspecifiedAddressAreRefused() {
        Map<String, String> refused = Map.of(
                "http://[::169.254.169.254]/latest/meta-data/", "0:0:0:0:0:0:a9fe:a9fe is a link-local or cloud metadata address (169.254.169.254)",
                "http://[64:ff9b::a9fe:a9fe]/", "64:ff9b:0:0:0:0:a9fe:a9fe is a link-local or cloud metadata address (169.254.169.254)",
                "http://[64:ff9b:1::a9fe:a9fe]/", "64:ff9b:1:0:0:0:a9fe:a9fe is a link-local or cloud metadata address (169.254.169.254)",
                "http://[2002:a9fe:a9fe::1]/", "2002:a9fe:a9fe:0:0:0:0:1 is a link-local or cloud metadata address (169.254.169.254)",
                "http://[::ffff:169.254.169.254]/", "169.254.169.254 is a link-local or cloud metadata address",
                "http://[fd00:ec2::254]/", "fd00:ec2:0:0:0:0:0:254 is a link-local or cloud metadata address",
                "http://0.0.0.0:8080/", "0.0.0.0 is an unspecified address (it reaches this machine)",
                "http://0.1.2.3/", "0.1.2.3 is an unspecified address (it reaches this machine)",
                "http://[::]:8080/", "0:0:0:0:0:0:0:0 is an unspecified address (it reaches this machine)",
                "http://169.254.170.2/v2/credentials", "169.254.170.2 is a link-local or cloud metadata address");
        refused.forEach((url, why) -> {
            URI uri = URI.create(url);
            assertEquals("Refusing to fetch " + dev.omrest.config.Redact.url(uri) + ": " + why, fail(ONE_SECOND, url), url);
        });
    }

    @Test
    void theLambdaRuntimeApiIsNeverFetched() throws IOException {
        try (HostileServer runtime = HostileServer.start(HostileServer.json("{\"invocation\": \"someone else's event\"}"))) {
            FetchLimits inLambda = new FetchLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 5,
                    new Reach(false, "127.0.0.1:" + runtime.port()), LocalFiles.ANY);
            for (String host : List.of("127.0.0.1", "localhost", "127.0.0.2", "[::ffff:127.0.0.1]")) {
                String url = "http://" + host + ":" + runtime.port() + "/2018-06-01/runtime/invocation/next";
                assertTrue(fail(inLambda, url).endsWith(" is the Lambda Runtime API"), url);
            }
            assertEquals(List.of(), runtime.heads());
            // other loopback ports stay reachable (the priming server, a local stand-in)
            assertTrue(fail(inLambda, "http://127.0.0.1:1/x").startsWith("Failed to fetch"));
        }
    }

    @Test
    void plainHttpConnectsToTheAddressThatWasChecked() throws IOException {
        try (HostileServer checked = HostileServer.start(HostileServer.json("{\"from\": \"checked\"}"))) {
            AtomicInteger lookups = new AtomicInteger();
            // a rebinding DNS server: a harmless address for the check, the metadata address for any later lookup
            AddressGuard.resolver = host -> {
                try {
                    return new InetAddress[]{InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "169.254.169.254")};
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            };
            RawSpec raw = new SpecSource(ONE_SECOND).fetch(new SpecLocation.Url(
                    URI.create("http://rebinding.example:" + checked.port() + "/spec.json"), HttpAccess.NONE));
            assertEquals("{\"from\": \"checked\"}", new String(raw.body()));
            assertEquals(1, lookups.get());
            String head = checked.heads().get(0);
            assertTrue(head.startsWith("GET /spec.json HTTP/1.1\r\n"), head);
            assertTrue(head.contains("\r\nHost: rebinding.example:" + checked.port() + "\r\n"), head);
        }
    }

    @Test
    void localFilesOutsideTheAllowedDirectoryAreNotRead(@TempDir Path dir) throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("specs"));
        Path secret = Files.writeString(dir.resolve("secret.yaml"), "password: hunter2");
        Files.writeString(allowed.resolve("spec.yaml"), "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n"
                + "  /a:\n    $ref: '../secret.yaml'\n");
        FetchLimits under = new FetchLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 5, Reach.DEFAULT, LocalFiles.under(allowed));
        assertEquals("Refusing to read " + secret + ": only files under the directory the deployment allows may be read",
                assertThrows(SpecFetchException.class, () -> new SpecSource(under).fetch(new SpecLocation.File(secret))).getMessage());
        FetchLimits none = new FetchLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 5, Reach.DEFAULT, LocalFiles.NONE);
        assertEquals("Refusing to read " + secret + ": this function reads no local file (the deployment allows none)",
                assertThrows(SpecFetchException.class, () -> new SpecSource(none).fetch(new SpecLocation.File(secret))).getMessage());
        // a file the spec references is checked the same way
        SpecSource source = new SpecSource(under);
        RawSpec raw = source.fetch(new SpecLocation.File(allowed.resolve("spec.yaml")));
        dev.omrest.parse.ParsedSpec parsed = new SpecParser(under, HttpAccess.NONE, source).parse(raw);
        String warnings = String.join("\n", parsed.referenceWarnings()) + String.join("\n", parsed.pathWarnings());
        assertTrue(warnings.contains("only files under the directory the deployment allows may be read"), warnings);
        assertFalse(warnings.contains("hunter2"), warnings);
    }

    @Test
    void parseErrorsAboutALocalFileNeverQuoteIt(@TempDir Path dir) throws IOException {
        for (String name : List.of("creds.json", "creds.yaml", "creds")) {
            Path file = Files.writeString(dir.resolve(name), name.endsWith("json") ? "{\"aws_secret\": hunter2-secret}"
                    : "aws_secret: [hunter2-secret\n  other: {");
            RawSpec raw = new SpecSource(FetchLimits.DEFAULT).fetch(new SpecLocation.File(file));
            String message = assertThrows(SpecParseException.class, () -> new SpecParser(1024 * 1024).parse(raw)).getMessage();
            assertFalse(message.contains("hunter2") || message.contains("aws_secret"), message);
            assertTrue(message.contains("not well-formed at line "), message);
        }
    }
}
