package dev.apigw.websocket.autoconfigure.fleet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.apigw.websocket.registry.LoopbackServerProcess;

/**
 * A fleet of two instances sharing one DynamoDB table on a real {@code dynalite}.
 */
class DynamoDbFleetTests extends AbstractFleetTests {

	private static LoopbackServerProcess dynalite;

	@BeforeAll
	static void start() {
		dynalite = FleetStores.dynalite();
		startFleet("apigw.websocket.registry.type=dynamodb", "apigw.websocket.registry.dynamodb.create-table=true",
				"apigw.websocket.registry.dynamodb.table-name=fleet-connections",
				"apigw.websocket.registry.dynamodb.endpoint=http://127.0.0.1:" + dynalite.port(),
				"apigw.websocket.registry.dynamodb.region=eu-west-1", "spring.cloud.aws.credentials.access-key=fleet",
				"spring.cloud.aws.credentials.secret-key=fleet");
	}

	@AfterAll
	static void stopDynalite() throws InterruptedException {
		stopFleet();
		if (dynalite != null) {
			dynalite.close();
		}
	}

}
