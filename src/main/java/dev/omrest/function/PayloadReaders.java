package dev.omrest.function;

import dev.omrest.config.PayloadReader;
import dev.omrest.config.SecretReferences;
import dev.omrest.secrets.AwsSecretStore;

/** In Lambda, secret references resolve from the environment, Secrets Manager and SSM (clients made per run, on first use). */
final class PayloadReaders {
    private PayloadReaders() {
    }

    static PayloadReader reader() {
        return new PayloadReader(new SecretReferences(System::getenv, new AwsSecretStore()));
    }
}
