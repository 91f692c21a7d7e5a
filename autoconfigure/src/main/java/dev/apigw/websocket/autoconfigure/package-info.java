/**
 * Auto-configuration of the API Gateway WebSocket management client: properties, SDK
 * clients, {@code WebSocketConnectionTemplate}, connection registry and health.
 */
@NullMarked
package dev.apigw.websocket.autoconfigure;

import org.jspecify.annotations.NullMarked;
