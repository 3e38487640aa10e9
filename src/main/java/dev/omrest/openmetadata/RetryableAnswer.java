package dev.omrest.write;

/** An answer worth asking again (429, 502, 503, 504, or no answer at all); carries the server's Retry-After. */
final class RetryableAnswer extends RuntimeException {
    private final transient ServerCalls.Answer answer;
    private final long retryAfterMillis;

    RetryableAnswer(ServerCalls.Answer answer, long retryAfterMillis) {
        super(answer.problem(), null, false, false);
        this.answer = answer;
        this.retryAfterMillis = retryAfterMillis;
    }

    ServerCalls.Answer answer() {
        return answer;
    }

    long retryAfterMillis() {
        return retryAfterMillis;
    }
}
