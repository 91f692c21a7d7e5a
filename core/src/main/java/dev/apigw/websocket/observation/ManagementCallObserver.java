package dev.apigw.websocket.observation;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.ManagementOutcome;
import dev.apigw.websocket.WebSocketManagementException;

import org.springframework.util.Assert;

/**
 * Wraps one attempt of a management call in a {@link ManagementObservation#MANAGEMENT_CALL}
 * observation, recording its outcome from the {@link WebSocketManagementException} the
 * attempt fails with.
 *
 * @author apigw-websocket
 */
public final class ManagementCallObserver {

	private final ObservationRegistry registry;

	private final @Nullable ManagementObservationConvention convention;

	/**
	 * Create an observer.
	 * @param registry the observation registry
	 * @param convention a custom convention, or {@code null} for the default one
	 */
	public ManagementCallObserver(ObservationRegistry registry, @Nullable ManagementObservationConvention convention) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Observe a blocking attempt.
	 * @param <T> the result type
	 * @param context the context of the attempt
	 * @param call the attempt, failing with a {@link WebSocketManagementException}
	 * @return the result of the attempt
	 */
	public <T> T observe(ManagementCallContext context, Supplier<T> call) {
		Observation observation = start(context);
		try (Observation.Scope scope = observation.openScope()) {
			T result = call.get();
			context.setOutcome(ManagementOutcome.SUCCESS);
			return result;
		}
		catch (RuntimeException ex) {
			failed(observation, context, ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Observe a non-blocking attempt; the observation stops when the future completes.
	 * @param <T> the result type
	 * @param context the context of the attempt
	 * @param call starts the attempt; its future fails with a
	 * {@link WebSocketManagementException}
	 * @return a future completed like the attempt's, after the observation stopped
	 */
	public <T> CompletableFuture<T> observeAsync(ManagementCallContext context, Supplier<CompletableFuture<T>> call) {
		Observation observation = start(context);
		CompletableFuture<T> future;
		try (Observation.Scope scope = observation.openScope()) {
			future = call.get();
		}
		catch (RuntimeException ex) {
			future = CompletableFuture.failedFuture(ex);
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
				failed(observation, context, failure);
				observation.stop();
				observed.completeExceptionally(failure);
			}
		});
		return observed;
	}

	private Observation start(ManagementCallContext context) {
		return ManagementObservation.MANAGEMENT_CALL
			.observation(this.convention, DefaultManagementObservationConvention.INSTANCE, () -> context,
					this.registry)
			.start();
	}

	private static void failed(Observation observation, ManagementCallContext context, Throwable failure) {
		context.setOutcome((failure instanceof WebSocketManagementException ex) ? ex.outcome()
				: ManagementOutcome.IO_ERROR);
		observation.error(failure);
	}

}
