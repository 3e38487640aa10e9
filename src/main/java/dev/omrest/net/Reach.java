package dev.omrest.net;

/**
 * Which addresses the function may connect to for a payload: never the Lambda Runtime API or the unspecified address,
 * and link-local and cloud metadata addresses only when the deployment allows them.
 *
 * @param allowLinkLocal lets URLs point at link-local and cloud metadata addresses
 * @param runtimeApi     the Lambda Runtime API ({@code host:port} from {@code AWS_LAMBDA_RUNTIME_API}); null outside Lambda
 */
public record Reach(boolean allowLinkLocal, String runtimeApi) {
    public static final Reach DEFAULT = new Reach(false, null);

    /** This process's reach: the Runtime API from the environment Lambda sets. */
    public static Reach inThisProcess(boolean allowLinkLocal) {
        return new Reach(allowLinkLocal, System.getenv("AWS_LAMBDA_RUNTIME_API"));
    }
}
