package dev.apigw.websocket.sample;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the chat sample.
 *
 * @param webSocketUrl WebSocket URL of the API Gateway stage that browsers connect to,
 * for example 'wss://abc123.execute-api.eu-west-1.amazonaws.com/prod'. Not needed with
 * the embedded emulator.
 */
@ConfigurationProperties("chat")
record ChatProperties(@Nullable URI webSocketUrl) {

}
