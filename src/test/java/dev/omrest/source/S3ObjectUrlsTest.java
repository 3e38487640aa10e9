package dev.omrest.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.S3Urls;
import dev.omrest.config.Secret;
import dev.omrest.config.SpecLocation;
import dev.omrest.support.MotoServer;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * S3 URLs whose keys hold escaped characters: the object the function fetches is the one the URL names, percent-decoded.
 * The cases are shared with infra's {@code S3GrantTest}, which checks that the IAM grant names the same objects.
 */
class S3ObjectUrlsTest {
    static final JsonNode CASES = Specs.readJson(Specs.resource("s3-object-urls.json"));

    @Test
    void theBucketAndKeyAreTheDecodedOnesAndOtherUrlsAreRefused() {
        for (JsonNode object : CASES.path("objects")) {
            assertEquals(new S3Urls.BucketAndKey(object.path("bucket").asText(), object.path("key").asText()),
                    S3Urls.parse(object.path("url").asText()), object.path("url").asText());
        }
        for (JsonNode refused : CASES.path("refused")) {
            assertThrows(IllegalArgumentException.class, () -> S3Urls.parse(refused.asText()), refused.asText());
        }
    }

    @Test
    void theObjectFetchedIsTheOneTheUrlNames() {
        Optional<MotoServer> moto = MotoServer.start();
        Assumptions.assumeTrue(moto.isPresent(), "moto is not installed");
        try (MotoServer server = moto.get();
             S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(server.url()))
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                     .forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            for (JsonNode object : CASES.path("objects")) {
                String bucket = object.path("bucket").asText();
                String key = object.path("key").asText();
                try {
                    s3.createBucket(r -> r.bucket(bucket));
                } catch (BucketAlreadyOwnedByYouException alreadyThere) {
                    // several cases share a bucket
                }
                s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("{\"key\": \"" + key + "\"}"));
            }
            SpecSource source = new SpecSource(FetchLimits.DEFAULT);
            for (JsonNode object : CASES.path("objects")) {
                S3Urls.BucketAndKey named = S3Urls.parse(object.path("url").asText());
                RawSpec raw = source.fetch(new SpecLocation.S3(named, "us-east-1", "testing", Secret.of("testing"), null,
                        URI.create(server.url())));
                assertEquals("{\"key\": \"" + object.path("key").asText() + "\"}", new String(raw.body(), StandardCharsets.UTF_8),
                        object.path("url").asText());
            }
        }
    }
}
