/**
 * Local Amazon API Gateway WebSocket API emulator: WebSocket clients, the
 * {@code @connections} management API in the AWS wire format, route integrations, and
 * {@link WebSocketTestClient}, a recording client for tests.
 */
@NullMarked
package dev.apigw.websocket.emulator;

import org.jspecify.annotations.NullMarked;
