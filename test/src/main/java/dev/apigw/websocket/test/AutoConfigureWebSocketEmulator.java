package dev.apigw.websocket.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.PropertyMapping;

/**
 * Annotation for a {@code @SpringBootTest} that starts the API Gateway WebSocket emulator
 * in-process (on 127.0.0.1, a free port) and points the auto-configured
 * {@code WebSocketConnectionTemplate} at it, with the emulator's region and dummy
 * credentials: the test needs no {@code apigw.websocket.endpoint}, no AWS credentials and
 * no region, and an endpoint configured for production is not used. The emulator is a
 * bean of type {@code WebSocketApiEmulator}; connect clients with
 * {@link dev.apigw.websocket.emulator.WebSocketTestClient#connect(dev.apigw.websocket.emulator.WebSocketApiEmulator)}.
 * <p>
 * In a web application it also gives the inbound endpoint a random secret, which the
 * emulator sends with every integration request: the endpoint refuses to start without
 * one, and a test should not have to invent it.
 * <p>
 * With {@link #lambdaFunction()} the emulator's {@code $connect}, {@code $disconnect} and
 * {@code $default} routes invoke that function bean with API Gateway's Lambda event
 * instead, as a function deployed on AWS Lambda is invoked.
 * <p>
 * Sets {@code apigw.websocket.emulator.enabled}, {@code apigw.websocket.inbound.secret}
 * and the {@code apigw.websocket.emulator.lambda.*} properties, so that it also applies
 * to AOT-processed tests.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@PropertyMapping("apigw.websocket")
public @interface AutoConfigureWebSocketEmulator {

	/**
	 * Whether to start the emulator and point the template at it.
	 * @return whether the emulator is enabled
	 */
	@PropertyMapping("emulator.enabled")
	boolean enabled() default true;

	/**
	 * Shared secret of the inbound endpoint, sent by the emulator with every integration
	 * request; a new random value for each application context by default.
	 * @return the inbound secret
	 */
	@PropertyMapping("inbound.secret")
	String inboundSecret() default "${random.uuid}";

	/**
	 * Name of a {@code java.util.function.Function} bean (for example a Spring Cloud
	 * Function) that the emulator's routes invoke as a Lambda proxy integration; none by
	 * default.
	 * @return the function bean's name
	 */
	@PropertyMapping(value = "emulator.lambda.function", skip = PropertyMapping.Skip.ON_DEFAULT_VALUE)
	String lambdaFunction() default "";

	/**
	 * Whether the function's answer to a message on {@code $default} is sent back to the
	 * client (two-way communication).
	 * @return whether the route has a route response
	 */
	@PropertyMapping("emulator.lambda.route-response")
	boolean lambdaRouteResponse() default false;

}
