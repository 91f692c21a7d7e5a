package dev.apigw.websocket.autoconfigure.inbound;

import org.springframework.test.context.TestPropertySource;

/**
 * The inbound endpoint in a Spring MVC application on Tomcat.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class ServletInboundEventsEndpointTests extends AbstractInboundEventsEndpointTests {

}
