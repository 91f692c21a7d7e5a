package dev.apigw.websocket.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;

import dev.apigw.websocket.SendRateLimiter;
import dev.apigw.websocket.observation.ManagementObservationConvention;
import dev.apigw.websocket.payload.PayloadConverter;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.ConnectionRegistry;

/**
 * The application's beans a template uses, looked up when a template is built: by the
 * template bean, and by the templates a Lambda function builds per API.
 */
record TemplateBeans(ObjectProvider<ConnectionLifecycle> connectionLifecycle,
		ObjectProvider<ConnectionRegistry> connectionRegistry, ObjectProvider<ObservationRegistry> observationRegistry,
		ObjectProvider<ManagementObservationConvention> observationConvention,
		ObjectProvider<PayloadConverter> payloadConverter, ObjectProvider<MeterRegistry> meterRegistry,
		ObjectProvider<SendRateLimiter> rateLimiter,
		ObjectProvider<WebSocketConnectionTemplateCustomizer> customizers) {

}
