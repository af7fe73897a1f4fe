package io.autoconn.connectors;

import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body that must have arrived by a {@link Deadline}: past it, the body is cancelled (which
 * closes the connection) and the exchange fails with {@link HttpTimeoutException}. The request's own
 * timeout ends at the response headers; this bounds the rest, so that a target that answers its headers
 * and then trickles or stalls its body cannot hold a check beyond its time.
 */
final class DeadlineBody<T> implements BodySubscriber<T> {
    private final BodySubscriber<T> body;
    private final Deadline deadline;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    DeadlineBody(BodySubscriber<T> body, Deadline deadline) {
        this.body = body;
        this.deadline = deadline;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        Deadline.Alarm alarm = deadline.closeWhenPassed(this::expire);
        body.getBody().whenComplete((value, failure) -> {
            alarm.close();
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        });
        body.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        body.onNext(buffers);
    }

    @Override
    public void onError(Throwable failure) {
        body.onError(failure);
    }

    @Override
    public void onComplete() {
        body.onComplete();
    }

    @Override
    public CompletionStage<T> getBody() {
        return result;
    }

    private void expire() {
        if (result.completeExceptionally(new HttpTimeoutException("The response body did not arrive in time"))) {
            subscription.cancel();
        }
    }
}
