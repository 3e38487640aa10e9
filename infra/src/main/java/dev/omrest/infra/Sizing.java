package dev.omrest.infra;

/**
 * Memory and timeout per function and runtime mode. Where the numbers come from (details in infra/README.md):
 * <ul>
 *   <li>parse cost (swagger-parser on the JVM): GitHub's 13 MB spec
 *       parses in 1.4 s cold, retains ~45 MB, peaks at 370–470 MB RSS for the whole JVM; the fully
 *       dereferenced 73 MB variant needs -Xmx1g and peaks at 1.19 GB RSS;</li>
 *   <li>native footprint: 33–47 MB RSS, ~0.4 s cold
 *       invocation for a realistic Quarkus native function (vs 3.3–4.6 s on the JVM without SnapStart);</li>
 *   <li>time limits of the function itself (README "Limits"): spec fetch ≤ 60 s, each OpenMetadata call
 *       ≤ 120 s; Lambda gives 1 vCPU at 1769 MB, proportionally less below.</li>
 * </ul>
 * The benchmark (docs/benchmark.md) has since run GitHub's spec within a 128 MB heap and Microsoft Graph beta within
 * 512 MB, inside these sizes; the ingest and test-connection values can be overridden with a context value (see
 * {@link DeploySettings}).
 */
public enum Sizing {
    /**
     * Scheduled, nobody waits: 600 s covers the 60 s fetch, a parse, and a few OpenMetadata calls running into
     * their 120 s limit. Native 1024 MB holds GitHub-sized specs with room; JVM 2048 MB holds the 73 MB
     * dereferenced spec (1.19 GB peak RSS) and gets more than one vCPU for JIT and GC.
     */
    INGEST("ingest", 1024, 2048, 600),
    /** Fetch (≤ 60 s) + parse + one version call (10 s connect): 120 s; specs up to GitHub size. */
    TEST_CONNECTION("testConnection", 512, 1024, 120),
    /** Same work as {@link #TEST_CONNECTION}, reached through the function URL. */
    TEST_CONNECTION_HTTP("testConnectionHttp", 512, 1024, 120),
    /**
     * OpenMetadata's server drives it as if it were Airflow; deployed only with the pipeline service's context values.
     * Most calls are a few OpenMetadata or AWS calls, but run_automation's asynchronous self-invocation runs a test
     * connection (up to 90 s: fetch + parse + version call) and then patches the Workflow: 180 s. Specs as large as
     * the test connection's, so its sizes.
     */
    PIPELINE_SERVICE("pipelineService", 512, 1024, 180);

    private final String export;
    private final int nativeMemoryMb;
    private final int jvmMemoryMb;
    private final int timeoutSeconds;

    Sizing(String export, int nativeMemoryMb, int jvmMemoryMb, int timeoutSeconds) {
        this.export = export;
        this.nativeMemoryMb = nativeMemoryMb;
        this.jvmMemoryMb = jvmMemoryMb;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The Funqy function name, the value of {@code QUARKUS_FUNQY_EXPORT}. */
    public String export() {
        return export;
    }

    public int memoryMb(DeploySettings.Mode mode) {
        return mode == DeploySettings.Mode.JVM ? jvmMemoryMb : nativeMemoryMb;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }
}
