/**
 * Local Amazon API Gateway WebSocket API emulator: WebSocket clients, the {@code @connections}
 * management API in the AWS wire format, and route integrations.
 */
@NullMarked
package dev.apigw.websocket.emulator;

import org.jspecify.annotations.NullMarked;
