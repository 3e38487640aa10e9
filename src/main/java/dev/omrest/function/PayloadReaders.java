package dev.omrest.function;

import dev.omrest.config.LocalFiles;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.PayloadTrust;
import dev.omrest.config.SecretReferences;
import dev.omrest.net.Reach;
import dev.omrest.secrets.AwsSecretStore;
import dev.omrest.source.FetchLimits;

import java.util.List;
import java.util.Set;

/**
 * What each kind of function trusts its payload with. Functions the deployment triggers (a schedule, an operator's
 * invocation through IAM) resolve the deployment's secret references and read its files; functions any caller reaches
 * over HTTP resolve and read only what the deployment lists ({@code omrest.http.*}), nothing by default. Neither
 * reads the runtime's own variables or fetches from the Lambda Runtime API.
 */
final class PayloadReaders {
    private PayloadReaders() {
    }

    static PayloadReader deployment(FunctionConfig config) {
        return reader(PayloadTrust.deployment(config.secrets().envPrefix()));
    }

    static PayloadReader caller(FunctionConfig config) {
        return reader(callerTrust(config));
    }

    /** A connection OpenMetadata's users wrote: a caller's trust, and no role lent for S3. */
    static PayloadReader openMetadataUsers(FunctionConfig config) {
        return reader(callerTrust(config).withoutRoleForS3());
    }

    static FetchLimits deploymentLimits(FunctionConfig config) {
        return FetchLimits.of(reach(config), LocalFiles.ANY);
    }

    static FetchLimits callerLimits(FunctionConfig config) {
        return FetchLimits.of(reach(config), callerTrust(config).files());
    }

    /** The addresses every function may connect to (spec URLs, token URLs, S3 endpoints and OpenMetadata alike). */
    static Reach reach(FunctionConfig config) {
        return Reach.inThisProcess(config.fetch().allowLinkLocal());
    }

    private static PayloadTrust callerTrust(FunctionConfig config) {
        return PayloadTrust.caller(config.secrets().envPrefix(), config.http().secretReferences().orElse(List.of()),
                config.http().fileDirectory().orElse(null), config.http().s3Endpoints().orElse(Set.of()));
    }

    /** References resolve from the environment, Secrets Manager and SSM (clients made per run, on first use). */
    private static PayloadReader reader(PayloadTrust trust) {
        return new PayloadReader(new SecretReferences(System::getenv, new AwsSecretStore(), trust));
    }
}
