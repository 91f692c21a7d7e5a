package com.example.sqs;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import com.example.checks.ConsumerChecks;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class SqsConsumerTests extends ConsumerChecks {

	@Autowired
	SqsTemplate sqsTemplate;

	@Test
	void sqsSharesTheSdkVersionOfTheManagementApi() throws IOException {
		Map<String, Set<String>> artifacts = awsSdkArtifacts();
		assertThat(artifacts.get("sqs")).isNotEmpty().isEqualTo(artifacts.get("apigatewaymanagementapi"));
		assertThat(this.sqsTemplate).isNotNull();
	}

}
