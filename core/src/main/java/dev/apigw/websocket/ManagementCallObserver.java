package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.observation.DefaultManagementObservationConvention;
import dev.apigw.websocket.observation.ManagementCallContext;
import dev.apigw.websocket.observation.ManagementObservation;
import dev.apigw.websocket.observation.ManagementObservationConvention;

/**
 * Wraps one attempt of a management call in a
 * {@link ManagementObservation#MANAGEMENT_CALL} observation, recording its outcome from
 * the {@link WebSocketManagementException} the attempt fails with. The observation stops
 * when the attempt's future completes, which for a blocking call is before the attempt
 * returns. Without an observation registry an attempt costs nothing here: no context, no
 * new future.
 */
final class ManagementCallObserver {

	private final ObservationRegistry registry;

	private final @Nullable ManagementObservationConvention convention;

	ManagementCallObserver(ObservationRegistry registry, @Nullable ManagementObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Observe an attempt.
	 * @param <T> the result type
	 * @param connectionId the connection id
	 * @param operation the operation
	 * @param endpoint the management endpoint
	 * @param number the attempt number, from 1
	 * @param attempt starts the attempt, in the observation's scope; its future fails
	 * with a {@link WebSocketManagementException}
	 * @return a future completed like the attempt's, after the observation stopped
	 */
	<T> CompletableFuture<T> observe(String connectionId, ManagementOperation operation, ManagementEndpoint endpoint,
			int number, Supplier<CompletableFuture<T>> attempt) {
		if (this.registry.isNoop()) {
			return start(attempt);
		}
		ManagementCallContext context = new ManagementCallContext(connectionId, operation, endpoint, number);
		Observation observation = ManagementObservation.MANAGEMENT_CALL
			.observation(this.convention, DefaultManagementObservationConvention.INSTANCE, () -> context, this.registry)
			.start();
		CompletableFuture<T> future;
		try (Observation.Scope scope = observation.openScope()) {
			future = start(attempt);
		}
		if (future.isDone() && !future.isCompletedExceptionally()) {
			// a blocking attempt, or an instant answer: nobody has seen the outcome yet
			context.setOutcome(ManagementOutcome.SUCCESS);
			observation.stop();
			return future;
		}
		// a new future, so that the observation is stopped before anyone sees the outcome
		CompletableFuture<T> observed = new CompletableFuture<>();
		future.whenComplete((result, failure) -> {
			if (failure == null) {
				context.setOutcome(ManagementOutcome.SUCCESS);
				observation.stop();
				observed.complete(result);
			}
			else {
				context.setOutcome((failure instanceof WebSocketManagementException ex) ? ex.outcome()
						: ManagementOutcome.IO_ERROR);
				observation.error(failure);
				observation.stop();
				observed.completeExceptionally(failure);
			}
		});
		return observed;
	}

	private static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> attempt) {
		try {
			return attempt.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
