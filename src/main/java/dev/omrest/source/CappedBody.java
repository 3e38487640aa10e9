package dev.omrest.source;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * A response body read into memory up to a cap: past it the exchange is cancelled (the connection dropped) and the
 * body fails with the given exception. A cap of 0 reads nothing at all (redirects and errors, whose bodies are not used).
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final Supplier<RuntimeException> tooLarge;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out;
    private Flow.Subscription subscription;
    private long total;

    private CappedBody(long maxBytes, long declared, Supplier<RuntimeException> tooLarge) {
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
        // a declared length is a hint, not a promise: at most 1 MiB is set aside before the bytes arrive
        this.out = new ByteArrayOutputStream((int) Math.min(declared > 0 ? declared : 64 * 1024, Math.min(maxBytes, 1024 * 1024)));
    }

    /** A handler that reads the body of a 200 answer up to {@code maxBytes} and no other answer's body. */
    static HttpResponse.BodyHandler<byte[]> handler(long maxBytes, Supplier<RuntimeException> tooLarge) {
        return info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (info.statusCode() != 200) {
                return new CappedBody(0, 0, tooLarge);
            }
            if (declared > maxBytes) {
                return failing(tooLarge);
            }
            return new CappedBody(maxBytes, declared, tooLarge);
        };
    }

    private static HttpResponse.BodySubscriber<byte[]> failing(Supplier<RuntimeException> tooLarge) {
        CappedBody body = new CappedBody(0, 0, tooLarge);
        body.result.completeExceptionally(tooLarge.get());
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (maxBytes == 0 || result.isDone()) {
            subscription.cancel();
            result.complete(new byte[0]);
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
            if (total > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(tooLarge.get());
                return;
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.write(bytes, 0, bytes.length);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
