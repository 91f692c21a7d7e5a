package dev.apigw.websocket;

import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts SDK calls in flight and remembers the largest count seen.
 */
final class InFlightCounter implements ExecutionInterceptor {

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger max = new AtomicInteger();

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		int now = this.inFlight.incrementAndGet();
		this.max.accumulateAndGet(now, Math::max);
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		this.inFlight.decrementAndGet();
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
		this.inFlight.decrementAndGet();
	}

	int max() {
		return this.max.get();
	}

	void reset() {
		this.max.set(this.inFlight.get());
	}

}
