package dev.omrest.orchestrator;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Asynchronous invocations (Lambda queues the event and answers 202 at once). */
public final class LambdaRuns implements Runs {
    private final LambdaClient lambda;

    public LambdaRuns(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public void start(String function, String event) {
        InvokeResponse response = lambda.invoke(r -> r.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(event)));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Lambda did not queue the run of " + function + ": status "
                    + response.statusCode());
        }
    }
}
