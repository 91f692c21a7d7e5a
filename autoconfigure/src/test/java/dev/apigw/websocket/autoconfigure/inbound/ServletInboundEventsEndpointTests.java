package dev.apigw.websocket.autoconfigure.inbound;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The inbound endpoint in a Spring MVC application on Tomcat.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "apigw.websocket.enabled=false",
				"apigw.websocket.inbound.secret=" + InboundTestApplication.SECRET, "server.address=127.0.0.1",
				"spring.main.web-application-type=servlet" })
@DirtiesContext
class ServletInboundEventsEndpointTests extends AbstractInboundEventsEndpointTests {

}
