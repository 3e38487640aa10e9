package dev.omrest.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** {@code cdk synth} / {@code cdk deploy} entry point (see cdk.json). */
public final class InfraApp {
    public static final String DEFAULT_STACK_NAME = "OpenMetadataRestConnector";

    private InfraApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Object name = app.getNode().tryGetContext("stackName");
        String stackName = name == null || String.valueOf(name).isBlank() ? DEFAULT_STACK_NAME : String.valueOf(name);
        new ConnectorStack(app, stackName, StackProps.builder()
                .description("OpenMetadata REST/OpenAPI connector on AWS Lambda (openmetadata-rest-lambda)")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build());
        app.synth();
    }
}
