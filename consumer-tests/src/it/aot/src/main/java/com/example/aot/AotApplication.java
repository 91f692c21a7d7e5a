package com.example.aot;

import dev.apigw.websocket.ManagementEndpoint;

import org.springframework.aot.AotDetector;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class AotApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotApplication.class, args);
	}

	/**
	 * With {@code --expect-aot}, fails the start unless the context came from the code that
	 * spring-boot:process-aot generated; the build runs the packaged jar so.
	 */
	@Bean
	ApplicationRunner aotCheck(ManagementEndpoint endpoint) {
		return (args) -> {
			if (args.containsOption("expect-aot") && !AotDetector.useGeneratedArtifacts()) {
				throw new IllegalStateException("Expected the AOT-generated context: run with -Dspring.aot.enabled=true");
			}
			System.out.println("Management endpoint " + endpoint.uri() + " (AOT: " + AotDetector.useGeneratedArtifacts() + ")");
		};
	}

}
