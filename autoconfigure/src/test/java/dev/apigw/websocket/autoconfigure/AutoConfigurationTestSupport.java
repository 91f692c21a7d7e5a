package dev.apigw.websocket.autoconfigure;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The context runner shared by the auto-configuration tests: Spring Cloud AWS with static
 * region and credentials (so no test reads the machine's AWS configuration) and
 * {@link WebSocketAutoConfiguration}.
 */
final class AutoConfigurationTestSupport {

	private AutoConfigurationTestSupport() {
	}

	static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
					"spring.cloud.aws.credentials.access-key=AKIDEXAMPLE",
					"spring.cloud.aws.credentials.secret-key=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
			.withConfiguration(AutoConfigurations.of(CredentialsProviderAutoConfiguration.class,
					RegionProviderAutoConfiguration.class, AwsAutoConfiguration.class,
					WebSocketAutoConfiguration.class));
	}

}
